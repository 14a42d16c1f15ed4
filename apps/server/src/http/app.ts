import express, { type Router } from "express";
import type { Logger } from "pino";
import { authRoutes, meRoute } from "../auth/routes.ts";
import { requireSameOrigin } from "../auth/middleware.ts";
import type { SessionSigner } from "../auth/session.ts";
import type { UserStore } from "../auth/user-store.ts";
import type { TokenStore } from "../auth/api-tokens.ts";
import { authenticate } from "../auth/authenticate.ts";
import { policy } from "../auth/policy.ts";
import { auditTrail } from "../audit/audit-trail.ts";
import { AuditRecorder } from "../audit/audit-recorder.ts";
import type { ClusterRegistry } from "../kube/cluster-registry.ts";
import { errorHandler, notFoundHandler } from "./error-handler.ts";
import { securityHeaders } from "./security-headers.ts";

export interface AppOptions {
  users: UserStore;
  tokens: TokenStore;
  signer: SessionSigner;
  /** the clusters (the policy reads project memberships from their caches) and the home cluster's id */
  clusters: ClusterRegistry;
  home: string;
  log: Logger;
  secureCookies: boolean;
  /** the feature routers, mounted under /api behind the session check */
  features: Router[];
  /** routers mounted under /api before the session check (GET-only metadata) */
  publicFeatures?: Router[];
  /** answers /readyz: true once the clusters have been contacted */
  ready: () => boolean;
  /** extra middleware after the API (the web app's static files) */
  after?: express.RequestHandler[];
}

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(securityHeaders({ https: options.secureCookies }));
  app.get("/healthz", (_req, res) => void res.type("text/plain").send("ok"));
  app.get("/readyz", (_req, res) => void (options.ready() ? res.type("text/plain").send("ok") : res.status(503).type("text/plain").send("starting")));

  const api = express.Router();
  api.use(express.json({ limit: "2mb", strict: true }));
  api.use(requireSameOrigin);
  api.use(authRoutes(options.users, options.signer, { secureCookies: options.secureCookies, log: options.log }));
  for (const feature of options.publicFeatures ?? []) api.use(feature);
  // Who is asking (token or session), then the audit trail (so that refusals are recorded too),
  // then the policy: the one place that decides who may use which route.
  api.use(authenticate({ signer: options.signer, users: options.users, tokens: options.tokens }));
  api.use(auditTrail({ recorder: new AuditRecorder(options.clusters, options.log), clusters: options.clusters, home: options.home, log: options.log }));
  api.use(policy(options.clusters));
  api.use(meRoute({ users: options.users, signer: options.signer, secureCookies: options.secureCookies }));
  for (const feature of options.features) api.use(feature);
  api.use(notFoundHandler);
  api.use(errorHandler(options.log));
  app.use("/api", api);
  for (const handler of options.after ?? []) app.use(handler);
  app.use(errorHandler(options.log));
  return app;
}
