import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { homedir } from "node:os";
import pino, { type Logger } from "pino";
import { startEmbeddedCluster, type EmbeddedCluster } from "@paddock/embedded-cluster";
import { ClusterRegistry, EMBEDDED_CLUSTER_ID } from "./kube/cluster-registry.ts";
import { ServerContext } from "./context.ts";
import { UserStore } from "./auth/user-store.ts";
import { SessionSigner } from "./auth/session.ts";
import { TokenStore } from "./auth/api-tokens.ts";
import { createApp } from "./http/app.ts";
import { features } from "./features.ts";
import { webAppHandlers } from "./http/web-app.ts";
import type express from "express";

export interface ServeOptions {
  port: number;
  host?: string;
  dataDir: string;
  clusterPort: number;
  embedded: boolean;
  /** user kubeconfig whose contexts become clusters; undefined: KUBECONFIG or ~/.kube/config */
  kubeconfig?: string;
  inCluster?: boolean;
  bootstrapPassword?: string;
  secureCookies?: boolean;
  logger?: Logger;
  /** served after the API: the web app */
  staticHandlers?: express.RequestHandler[];
  /** options passed to the embedded cluster (tests shorten back-offs, add a registry CA) */
  embeddedOptions?: Record<string, unknown>;
}

export interface RunningServer {
  url: string;
  port: number;
  context: ServerContext;
  embedded?: EmbeddedCluster;
  /** set when the admin password was generated at this start: print it once */
  generatedAdminPassword?: string;
  stop(): Promise<void>;
}

export function defaultKubeconfigPath(env: NodeJS.ProcessEnv): string {
  return env.KUBECONFIG?.split(":")[0] || join(env.HOME ?? homedir(), ".kube", "config");
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const log = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? "info" });
  let embedded: EmbeddedCluster | undefined;
  if (options.embedded) {
    embedded = await startEmbeddedCluster({ dataDir: resolve(options.dataDir), port: options.clusterPort, log: (line) => log.warn({ component: "embedded-cluster" }, line), ...options.embeddedOptions });
  }
  const clusters = ClusterRegistry.fromSources({
    ...(embedded ? { embeddedKubeconfig: embedded.kubeconfigPath } : {}),
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.inCluster ? { inCluster: true } : {}),
    log: (message) => log.warn({ component: "clusters" }, message),
  });
  await clusters.start();
  const context = new ServerContext(clusters, log);

  const home = clusters.find(EMBEDDED_CLUSTER_ID);
  home.ensureAvailable();
  const users = new UserStore(home);
  const bootstrap = await users.bootstrapAdmin(options.bootstrapPassword);
  const signer = new SessionSigner(await users.sessionKey());

  const stops: Array<() => void | Promise<void>> = [];
  for (const feature of features) if (feature.start) stops.push(await feature.start(context));

  const app = createApp({
    users,
    tokens: new TokenStore(home),
    signer,
    clusters,
    home: home.id,
    log,
    secureCookies: options.secureCookies ?? false,
    features: features.filter((f) => f.routes).map((f) => f.routes!(context)),
    publicFeatures: features.filter((f) => f.publicRoutes).map((f) => f.publicRoutes!(context)),
    ready: () => clusters.list().some((c) => c.state === "Active"),
    after: options.staticHandlers ?? webAppHandlers(),
  });
  const server: Server = createServer(app);
  // Node's HTTP parser refuses some requests before Express sees them; answer those with the error body too.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const body = JSON.stringify({
      error: { code: "Invalid", message: tooLarge ? "The request's URL or headers are too large (more than 16 KB)." : "The request could not be parsed as HTTP." },
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request"}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port, options.host ?? "127.0.0.1", () => done());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    context,
    ...(embedded ? { embedded } : {}),
    ...(bootstrap.generatedPassword ? { generatedAdminPassword: bootstrap.generatedPassword } : {}),
    async stop() {
      // Controllers give their Leases back before the clusters go away.
      await Promise.all(stops.map((stop) => Promise.resolve(stop())));
      clusters.stop();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await embedded?.stop();
    },
  };
}
