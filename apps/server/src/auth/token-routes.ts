import { Router } from "express";
import { z } from "zod";
import { apiTokenCreateSchema, type ApiToken, type ApiTokenCreated } from "@paddock/contracts";
import type { ServerContext } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { parse } from "../http/validate.ts";
import { tokenStoreOf } from "./home-cluster.ts";

const tokenPath = z.object({ id: z.string().max(64) });

/**
 * `/tokens`: the user's own API tokens. The token is in the answer to the create only; an
 * administrator may also revoke another user's token.
 */
export function tokenRoutes(ctx: ServerContext): Router {
  const router = Router();

  router.get("/tokens", async (req, res) => {
    res.json({ items: await tokenStoreOf(ctx).list(req.user!.username) } satisfies { items: ApiToken[] });
  });

  router.post("/tokens", async (req, res) => {
    const { name, expiresInDays } = parse(apiTokenCreateSchema, req.body, "body");
    res.status(201).json((await tokenStoreOf(ctx).create(req.user!.username, name, expiresInDays)) satisfies ApiTokenCreated);
  });

  router.delete("/tokens/:id", async (req, res) => {
    const { id } = parse(tokenPath, req.params, "path");
    const tokens = tokenStoreOf(ctx);
    const token = await tokens.find(id);
    if (!token || (token.username !== req.user!.username && !req.user!.admin)) throw new NotFoundError(`There is no API token "${id}" of yours: it may have been revoked already.`);
    await tokens.revoke(id);
    res.status(204).end();
  });

  return router;
}
