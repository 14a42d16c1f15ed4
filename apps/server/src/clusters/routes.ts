import { Router } from "express";
import type { Cluster } from "@paddock/contracts";
import type { ServerContext } from "../context.ts";

export function clusterRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get("/clusters", (_req, res) => {
    const items: Cluster[] = ctx.clusters.list().map((c) => ({
      id: c.id,
      name: c.info.name,
      embedded: c.info.embedded,
      server: c.info.server,
      state: c.state === "Active" ? "Active" : "Unavailable",
      ...(c.state !== "Active" ? { message: c.message ?? "Connecting…" } : c.message ? { message: c.message } : {}),
      ...(c.version ? { version: c.version } : {}),
      ...(c.state === "Active" ? { projectCount: c.caches.projects.items().filter((p) => p.namespace === c.id).length } : {}),
    }));
    res.json({ items });
  });
  return router;
}
