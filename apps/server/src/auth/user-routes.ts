import { Router } from "express";
import { z } from "zod";
import { userCreateSchema, usernameSchema, userUpdateSchema, type UserAccount } from "@paddock/contracts";
import type { ServerContext } from "../context.ts";
import { parse } from "../http/validate.ts";
import { tokenStoreOf, userStoreOf } from "./home-cluster.ts";
import { UserService } from "./user-service.ts";

const userPath = z.object({ username: usernameSchema });

/** `/users`: the administrator's list of users (the policy lets administrators only through). */
export function userRoutes(ctx: ServerContext): Router {
  const router = Router();
  const service = () => new UserService(userStoreOf(ctx), tokenStoreOf(ctx), ctx.clusters, ctx.log.child({ feature: "users" }));

  router.get("/users", async (_req, res) => {
    res.json({ items: await service().list() } satisfies { items: UserAccount[] });
  });

  router.post("/users", async (req, res) => {
    const input = parse(userCreateSchema, req.body, "body");
    res.status(201).json((await service().create(input)) satisfies UserAccount);
  });

  router.put("/users/:username", async (req, res) => {
    const { username } = parse(userPath, req.params, "path");
    const input = parse(userUpdateSchema, req.body, "body");
    res.json((await service().update(req.user!.username, username, input)) satisfies UserAccount);
  });

  router.delete("/users/:username", async (req, res) => {
    const { username } = parse(userPath, req.params, "path");
    await service().delete(req.user!.username, username);
    res.status(204).end();
  });

  return router;
}
