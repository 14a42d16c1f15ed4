import { Router } from "express";
import { z } from "zod";
import {
  clusterIdSchema,
  namespaceCreateSchema,
  namespaceMoveSchema,
  namespaceNameSchema,
  projectCreateSchema,
  projectIdSchema,
  projectUpdateSchema,
} from "@paddock/contracts";
import type { ServerContext } from "../context.ts";
import { parse } from "../http/validate.ts";
import { ProjectService } from "./project-service.ts";
import { NamespaceService } from "./namespace-service.ts";
import { ensureProjectsSupported } from "./project-support.ts";

const clusterPath = z.object({ cluster: clusterIdSchema });
const projectPath = clusterPath.extend({ project: projectIdSchema });
const namespacePath = clusterPath.extend({ namespace: namespaceNameSchema });

export function projectRoutes(ctx: ServerContext): Router {
  const router = Router();

  const projectsOf = async (params: unknown) => {
    const { cluster } = parse(clusterPath, params, "path");
    const connection = ctx.clusters.get(cluster);
    await ensureProjectsSupported(connection);
    return new ProjectService(connection);
  };

  router.get("/clusters/:cluster/projects", async (req, res) => {
    res.json({ items: (await projectsOf(req.params)).list() });
  });

  router.post("/clusters/:cluster/projects", async (req, res) => {
    const service = await projectsOf(req.params);
    res.status(201).json(await service.create(parse(projectCreateSchema, req.body, "body")));
  });

  router.put("/clusters/:cluster/projects/:project", async (req, res) => {
    const { project } = parse(projectPath, req.params, "path");
    const service = await projectsOf(req.params);
    res.json(await service.update(project, parse(projectUpdateSchema, req.body, "body")));
  });

  router.delete("/clusters/:cluster/projects/:project", async (req, res) => {
    const { project } = parse(projectPath, req.params, "path");
    await (await projectsOf(req.params)).delete(project);
    res.status(204).end();
  });

  router.get("/clusters/:cluster/namespaces", (req, res) => {
    const { cluster } = parse(clusterPath, req.params, "path");
    res.json({ items: new NamespaceService(ctx.clusters.get(cluster)).list() });
  });

  router.post("/clusters/:cluster/namespaces", async (req, res) => {
    const { cluster } = parse(clusterPath, req.params, "path");
    const body = parse(namespaceCreateSchema, req.body, "body");
    const connection = ctx.clusters.get(cluster);
    if (body.projectId !== undefined) await ensureProjectsSupported(connection);
    res.status(201).json(await new NamespaceService(connection).create(body));
  });

  router.put("/clusters/:cluster/namespaces/:namespace", async (req, res) => {
    const { cluster, namespace } = parse(namespacePath, req.params, "path");
    const { projectId } = parse(namespaceMoveSchema, req.body, "body");
    const connection = ctx.clusters.get(cluster);
    if (projectId !== null) await ensureProjectsSupported(connection);
    res.json(await new NamespaceService(connection).move(namespace, projectId));
  });

  return router;
}

