import { Router, type Request } from "express";
import { z } from "zod";
import {
  clusterIdSchema,
  deployCreateSchema,
  deployUpdateSchema,
  eventsQuerySchema,
  namespaceNameSchema,
  podsQuerySchema,
  projectIdSchema,
  pullSecretPreviewRequestSchema,
  resourceNameSchema,
  scaleSchema,
  type KubeEvent,
  type Pod,
  type PullSecretPreview,
  type Workload,
  type WorkloadDetail,
} from "@paddock/contracts";
import type { ServerContext } from "../context.ts";
import { parse } from "../http/validate.ts";
import { ProjectScope } from "../projects/project-scope.ts";
import { WorkloadReader } from "./workload-reader.ts";
import { WorkloadService } from "./workload-service.ts";

const projectPath = z.object({ cluster: clusterIdSchema, project: projectIdSchema });
const workloadPath = z.object({ namespace: namespaceNameSchema, name: resourceNameSchema });

/**
 * Workloads (issue 4, "Workloads"): the Deployments of a project, deployed with their pull secrets
 * attached (rule 3), their pods and events.
 */
export function workloadRoutes(ctx: ServerContext): Router {
  const router = Router();
  const base = "/clusters/:cluster/projects/:project";
  const scope = (req: Request) => {
    const { cluster, project } = parse(projectPath, { cluster: req.params.cluster, project: req.params.project }, "path");
    return new ProjectScope(ctx.clusters.get(cluster), project);
  };
  const reader = (req: Request) => new WorkloadReader(scope(req));
  const service = (req: Request) => new WorkloadService(scope(req));
  const workload = (req: Request) => parse(workloadPath, { namespace: req.params.namespace, name: req.params.name }, "path");

  router.get(`${base}/workloads`, (req, res) => {
    res.json({ items: reader(req).list() } satisfies { items: Workload[] });
  });

  router.post(`${base}/workloads`, async (req, res) => {
    const input = parse(deployCreateSchema, req.body, "body");
    res.status(201).json((await service(req).deploy(input)) satisfies Workload);
  });

  router.get(`${base}/workloads/:namespace/:name`, async (req, res) => {
    const { namespace, name } = workload(req);
    res.json((await reader(req).detail(namespace, name)) satisfies WorkloadDetail);
  });

  router.put(`${base}/workloads/:namespace/:name`, async (req, res) => {
    const { namespace, name } = workload(req);
    const input = parse(deployUpdateSchema, req.body, "body");
    res.json((await service(req).update(namespace, name, input)) satisfies Workload);
  });

  router.delete(`${base}/workloads/:namespace/:name`, async (req, res) => {
    const { namespace, name } = workload(req);
    await service(req).remove(namespace, name);
    res.status(204).end();
  });

  router.post(`${base}/workloads/:namespace/:name/redeploy`, async (req, res) => {
    const { namespace, name } = workload(req);
    res.json((await service(req).redeploy(namespace, name)) satisfies Workload);
  });

  router.post(`${base}/workloads/:namespace/:name/scale`, async (req, res) => {
    const { namespace, name } = workload(req);
    const { replicas } = parse(scaleSchema, req.body, "body");
    res.json((await service(req).scale(namespace, name, replicas)) satisfies Workload);
  });

  router.get(`${base}/workloads/:namespace/:name/events`, async (req, res) => {
    const { namespace, name } = workload(req);
    res.json({ items: await reader(req).workloadEvents(namespace, name) } satisfies { items: KubeEvent[] });
  });

  router.post(`${base}/pull-secret-preview`, (req, res) => {
    const request = parse(pullSecretPreviewRequestSchema, req.body, "body");
    res.json(reader(req).preview(request) satisfies PullSecretPreview);
  });

  router.get(`${base}/pods`, (req, res) => {
    const { namespace } = parse(podsQuerySchema, req.query, "query");
    res.json({ items: reader(req).pods(namespace) } satisfies { items: Pod[] });
  });

  router.get(`${base}/events`, (req, res) => {
    const query = parse(eventsQuerySchema, req.query, "query");
    res.json({ items: reader(req).events(query) } satisfies { items: KubeEvent[] });
  });

  return router;
}
