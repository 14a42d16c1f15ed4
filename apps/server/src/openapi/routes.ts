import { Router } from "express";
import type { ServerContext } from "../context.ts";
import { apiRoutes } from "./api-routes.ts";
import { buildOpenApiDocument } from "./openapi-document.ts";

/**
 * GET /api/openapi.json, served without a session: it describes the API and holds nothing of any
 * cluster, so that tools can read it before logging in. Built once, on first request.
 */
export function openApiRoutes(_ctx: ServerContext): Router {
  const router = Router();
  let document: string | undefined;
  router.get("/openapi.json", (_req, res) => {
    document ??= JSON.stringify(buildOpenApiDocument(apiRoutes));
    res.type("application/json").send(document);
  });
  return router;
}
