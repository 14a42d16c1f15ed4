import { Router, type Request } from "express";
import { z } from "zod";
import { certificateCreateSchema, configMapCreateSchema, namespaceNameSchema, resourceNameSchema, secretCreateSchema } from "@paddock/contracts";
import type { ServerContext } from "../context.ts";
import { parse } from "../http/validate.ts";
import { ResourceService } from "./resource-service.ts";

const itemPath = z.object({ namespace: namespaceNameSchema, name: resourceNameSchema });

/** `…/projects/:project/{secrets|certificates|configmaps}`: list, create, delete. */
export function resourceRoutes(ctx: ServerContext): Router {
  const router = Router();
  const base = "/clusters/:cluster/projects/:project";
  const service = (req: Request) => {
    const clusterId = String(req.params.cluster);
    return new ResourceService(ctx.clusters.get(clusterId), ctx.nameGuard(clusterId), String(req.params.project));
  };
  const item = (req: Request) => parse(itemPath, { namespace: req.params.namespace, name: req.params.name }, "path");

  router.get(`${base}/secrets`, (req, res) => void res.json({ items: service(req).listSecrets() }));
  router.post(`${base}/secrets`, async (req, res) => void res.status(201).json(await service(req).createSecret(parse(secretCreateSchema, req.body, "body"))));
  router.delete(`${base}/secrets/:namespace/:name`, async (req, res) => {
    const { namespace, name } = item(req);
    await service(req).deleteSecret("secret", namespace, name);
    res.status(204).end();
  });

  router.get(`${base}/certificates`, (req, res) => void res.json({ items: service(req).listCertificates() }));
  router.post(`${base}/certificates`, async (req, res) => void res.status(201).json(await service(req).createCertificate(parse(certificateCreateSchema, req.body, "body"))));
  router.delete(`${base}/certificates/:namespace/:name`, async (req, res) => {
    const { namespace, name } = item(req);
    await service(req).deleteSecret("certificate", namespace, name);
    res.status(204).end();
  });

  router.get(`${base}/configmaps`, (req, res) => void res.json({ items: service(req).listConfigMaps() }));
  router.post(`${base}/configmaps`, async (req, res) => void res.status(201).json(await service(req).createConfigMap(parse(configMapCreateSchema, req.body, "body"))));
  router.delete(`${base}/configmaps/:namespace/:name`, async (req, res) => {
    const { namespace, name } = item(req);
    await service(req).deleteConfigMap(namespace, name);
    res.status(204).end();
  });
  return router;
}
