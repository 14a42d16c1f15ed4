import type { Router } from "express";
import type { ServerContext } from "./context.ts";
import { clusterRoutes } from "./clusters/routes.ts";

/** A feature: its HTTP routes, and optionally a background loop (a controller). */
export interface Feature {
  routes?: (ctx: ServerContext) => Router;
  /** started once the clusters are connected; returns a stop function */
  start?: (ctx: ServerContext) => Promise<() => void> | (() => void);
}

/** Every feature of the BFF, in the order their routes are mounted. */
export const features: Feature[] = [{ routes: clusterRoutes }];
