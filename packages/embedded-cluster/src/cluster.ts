import { createServer, type Server } from "node:https";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { createCertificateAuthority, createServingCertificate } from "./pki/certificates.ts";
import { renderKubeconfig } from "./kubeconfig.ts";
import { RevisionedStore } from "./store/revisioned-store.ts";
import { SqlitePersistence } from "./store/sqlite-persistence.ts";
import type { Store } from "./store/store.ts";
import { ResourceService, type AdmissionPlugin } from "./api/resource-service.ts";
import { createApiHandler } from "./http/api-handler.ts";
import { builtInDefinitions } from "./kinds/definitions.ts";
import { seedCluster } from "./seed.ts";
import { serviceAccountAdmission } from "./admission/service-account.ts";
import { startControllers, type Controllers } from "./controllers/index.ts";

export const KUBERNETES_VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0+paddock",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2024-12-11T00:00:00Z",
  goVersion: "go1.23.4",
  compiler: "gc",
  platform: "linux/amd64",
};

export interface EmbeddedClusterOptions {
  dataDir: string;
  /** 0 picks a free port */
  port: number;
  host?: string;
  /** keep state in memory only (tests); the data directory still holds certificates and kubeconfig */
  inMemory?: boolean;
  /** admission plugins added to the built-in ones */
  admission?: AdmissionPlugin[];
  /** start the controllers (namespace lifecycle, …); on by default */
  controllers?: boolean;
  /** kubelet's image pull back-off (10 s doubling to 300 s by default); tests shorten it */
  imagePullBackOff?: { initialMs: number; maxMs: number };
  /** a PEM file of extra CA certificates the kubelet trusts for registries, besides the system ones */
  registryCaFile?: string;
  log?: (line: string) => void;
}

export interface EmbeddedCluster {
  url: string;
  port: number;
  kubeconfigPath: string;
  token: string;
  caPem: string;
  service: ResourceService;
  /** Compacts the change history and ends open watches: clients resuming from before get 410 Expired. */
  compactAndCloseWatches(): void;
  stop(): Promise<void>;
}

interface Identity {
  caPem: string;
  certPem: string;
  keyPem: string;
  token: string;
}

function writeSecretFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The CA, serving certificate and token, made at first start and kept in the data directory. */
function loadOrCreateIdentity(dataDir: string): Identity {
  const file = (name: string) => join(dataDir, name);
  if (!existsSync(file("ca.crt")) || !existsSync(file("serving.key")) || !existsSync(file("token"))) {
    const ca = createCertificateAuthority("paddock-embedded-ca");
    const serving = createServingCertificate(ca, "paddock-embedded-apiserver", {
      dns: ["localhost", "kubernetes", "kubernetes.default"],
      ips: ["127.0.0.1"],
    });
    writeFileSync(file("ca.crt"), ca.certPem);
    writeSecretFile(file("ca.key"), ca.keyPem);
    writeFileSync(file("serving.crt"), serving.certPem);
    writeSecretFile(file("serving.key"), serving.keyPem);
    writeSecretFile(file("token"), randomBytes(32).toString("base64url"));
  }
  return {
    caPem: readFileSync(file("ca.crt"), "utf8"),
    certPem: readFileSync(file("serving.crt"), "utf8"),
    keyPem: readFileSync(file("serving.key"), "utf8"),
    token: readFileSync(file("token"), "utf8").trim(),
  };
}

export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const identity = loadOrCreateIdentity(dataDir);
  const store: Store = new RevisionedStore(options.inMemory ? undefined : new SqlitePersistence(join(dataDir, "state.db")));
  const service = new ResourceService(store, builtInDefinitions, [serviceAccountAdmission(), ...(options.admission ?? [])]);
  await seedCluster(service);

  const host = options.host ?? "127.0.0.1";
  let port = options.port;
  const handler = createApiHandler({
    service,
    token: identity.token,
    version: KUBERNETES_VERSION,
    serverAddress: () => `${host}:${port}`,
    onError: (error) => options.log?.(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const server: Server = createServer({ cert: identity.certPem, key: identity.keyPem }, handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  const url = `https://${host}:${port}`;
  const kubeconfigPath = join(dataDir, "kubeconfig.yaml");
  writeSecretFile(kubeconfigPath, renderKubeconfig({ name: "local", server: url, caPem: identity.caPem, token: identity.token }));

  const kubelet = { imagePullBackOff: options.imagePullBackOff, registryCaFile: options.registryCaFile };
  const controllers: Controllers | undefined = options.controllers === false ? undefined : startControllers(service, options.log, kubelet);

  return {
    url,
    port,
    kubeconfigPath,
    token: identity.token,
    caPem: identity.caPem,
    service,
    compactAndCloseWatches() {
      handler.closeWatches();
      store.compact();
    },
    async stop() {
      controllers?.stop();
      handler.closeWatches();
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
