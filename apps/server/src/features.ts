import type { Router } from "express";
import type { ServerContext } from "./context.ts";
import { clusterRoutes } from "./clusters/routes.ts";
import { liveRoutes } from "./live/routes.ts";
import { resourceRoutes } from "./resources/routes.ts";
import { projectRoutes } from "./projects/routes.ts";
import { startProjectBootstrap } from "./projects/bootstrap-loop.ts";
import { openApiRoutes } from "./openapi/routes.ts";
import { registryRoutes } from "./registries/routes.ts";
import { workloadRoutes } from "./workloads/routes.ts";
import { startProjectRegistryControllers } from "./registries/project-registry-controller.ts";
import { userRoutes } from "./auth/user-routes.ts";
import { memberRoutes } from "./auth/member-routes.ts";
import { tokenRoutes } from "./auth/token-routes.ts";
import { auditRoutes } from "./audit/routes.ts";

/** A feature: its HTTP routes, and optionally a background loop (a controller). */
export interface Feature {
  routes?: (ctx: ServerContext) => Router;
  /** routes served without a session (read-only metadata such as the OpenAPI document) */
  publicRoutes?: (ctx: ServerContext) => Router;
  /** started once the clusters are connected; returns a stop function */
  start?: (ctx: ServerContext) => Promise<() => void> | (() => void);
}

/** Every feature of the BFF, in the order their routes are mounted. */
export const features: Feature[] = [
  { routes: clusterRoutes },
  { routes: liveRoutes },
  { routes: resourceRoutes },
  { routes: projectRoutes, start: startProjectBootstrap },
  { publicRoutes: openApiRoutes },
  { routes: registryRoutes },
  { routes: workloadRoutes },
  { start: (ctx) => startProjectRegistryControllers(ctx) },
  { routes: userRoutes },
  { routes: memberRoutes },
  { routes: tokenRoutes },
  { routes: auditRoutes },
];
