import { Router, type Request } from "express";
import { z } from "zod";
import {
  bulkDeleteSchema,
  credentialTestSchema,
  nameAvailabilityQuerySchema,
  namespaceNameSchema,
  registryCreateSchema,
  registryUpdateSchema,
  resourceNameSchema,
  storedCredentialTestSchema,
  type BulkDeleteResult,
  type CredentialTestResult,
  type NameAvailability,
  type Registry,
  type RegistryRef,
  type RegistrySaved,
} from "@paddock/contracts";
import type { ServerContext } from "../context.ts";
import { InvalidError } from "../errors.ts";
import { parse } from "../http/validate.ts";
import { ProjectScope } from "../projects/project-scope.ts";
import { addressToTest, testCredentials } from "./credential-test.ts";
import { RegistryService } from "./registry-service.ts";

const projectRegistryPath = z.object({ name: resourceNameSchema });
const namespacedRegistryPath = z.object({ namespace: namespaceNameSchema, name: resourceNameSchema });

/**
 * The registries API (issue 4, "Registries"): list, create (and clone), read, edit, delete and
 * bulk-delete the registries of a project, check a name, and test credentials.
 */
export function registryRoutes(ctx: ServerContext): Router {
  const router = Router();
  const base = "/clusters/:cluster/projects/:project";
  const service = (req: Request) => {
    const clusterId = String(req.params.cluster);
    return new RegistryService(ctx.clusters.get(clusterId), ctx.nameGuard(clusterId), ctx.log.child({ feature: "registries" }));
  };
  const project = (req: Request) => String(req.params.project);
  const projectRef = (req: Request): RegistryRef => ({ type: "project", ...parse(projectRegistryPath, { name: req.params.name }, "path") });
  const namespacedRef = (req: Request): RegistryRef => ({
    type: "namespace",
    ...parse(namespacedRegistryPath, { namespace: req.params.namespace, name: req.params.name }, "path"),
  });

  router.get(`${base}/registries`, (req, res) => {
    res.json({ items: service(req).list(project(req)) } satisfies { items: Registry[] });
  });

  router.post(`${base}/registries`, async (req, res) => {
    const input = parse(registryCreateSchema, req.body, "body");
    const saved: RegistrySaved = await service(req).create(project(req), input);
    res.status(201).json(saved);
  });

  router.post(`${base}/registries/bulk-delete`, async (req, res) => {
    const { items } = parse(bulkDeleteSchema, req.body, "body");
    res.json((await service(req).bulkDelete(project(req), items)) satisfies BulkDeleteResult);
  });

  for (const [path, ref] of [
    [`${base}/registries/project/:name`, projectRef],
    [`${base}/registries/namespaces/:namespace/:name`, namespacedRef],
  ] as const) {
    router.get(path, async (req, res) => {
      res.json((await service(req).get(project(req), ref(req))) satisfies Registry);
    });
    router.put(path, async (req, res) => {
      const target = ref(req);
      const input = parse(registryUpdateSchema, req.body, "body");
      res.json((await service(req).update(project(req), target, input)) satisfies RegistrySaved);
    });
    router.delete(path, async (req, res) => {
      await service(req).delete(project(req), ref(req));
      res.status(204).end();
    });
    router.post(`${path}/test`, async (req, res) => {
      const target = ref(req);
      const { address } = parse(storedCredentialTestSchema, req.body ?? {}, "body");
      res.json((await service(req).testStored(project(req), target, address)) satisfies CredentialTestResult);
    });
  }

  router.get(`${base}/name-availability`, (req, res) => {
    const query = parse(nameAvailabilityQuerySchema, req.query, "query");
    const cluster = ctx.clusters.get(String(req.params.cluster));
    const projectScope = new ProjectScope(cluster, project(req));
    let scope: { type: "project" } | { type: "namespace"; namespace: string } = { type: "project" };
    if (query.scope === "namespace") {
      if (!query.namespace) throw new InvalidError("Name the namespace to check the name in.", [{ path: "query.namespace", message: "This field is required." }]);
      scope = { type: "namespace", ...parse(z.object({ namespace: namespaceNameSchema }), { namespace: query.namespace }, "query") };
      // A namespace that does not exist yet is one the registry may create; one of another project is none of this one's business.
      if (cluster.caches.namespaces.get("", scope.namespace)) projectScope.requireNamespaceField(scope.namespace, "query.namespace");
    }
    res.json(ctx.nameGuard(cluster.id).check(project(req), scope, query.name) satisfies NameAvailability);
  });

  router.post("/registry-test", async (req, res) => {
    const input = parse(credentialTestSchema, req.body, "body");
    const address = addressToTest(input.address);
    res.json((await testCredentials({ address, username: input.username, password: input.password })) satisfies CredentialTestResult);
  });

  return router;
}
