import { Router } from "express";
import { z } from "zod";
import { clusterIdSchema, projectIdSchema, type AuditEntry } from "@paddock/contracts";
import type { ServerContext } from "../context.ts";
import { parse } from "../http/validate.ts";
import { requireProject } from "../projects/project-directory.ts";
import { auditEntries } from "./audit-entries.ts";

const projectPath = z.object({ cluster: clusterIdSchema, project: projectIdSchema });

/** `GET …/projects/:project/audit`: the project's changes made (or refused) through Paddock, newest first. */
export function auditRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get("/clusters/:cluster/projects/:project/audit", (req, res) => {
    const { cluster, project } = parse(projectPath, { cluster: req.params.cluster, project: req.params.project }, "path");
    const connection = ctx.clusters.get(cluster);
    requireProject(connection, project);
    res.json({ items: auditEntries(connection, project) } satisfies { items: AuditEntry[] });
  });
  return router;
}
