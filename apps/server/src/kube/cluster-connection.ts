import {
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  VersionApi,
  type KubeConfig,
} from "@kubernetes/client-node";
import { ClusterUnavailableError } from "../errors.ts";
import { ResourceCache, type ListResult } from "./resource-cache.ts";
import {
  configMapSummary,
  namespaceSummary,
  projectSummary,
  rawObject,
  secretSummary,
  serviceAccountSummary,
  type ConfigMapSummary,
  type NamespaceSummary,
  type ProjectSummary,
  type RawObject,
  type SecretSummary,
  type ServiceAccountSummary,
} from "./summaries.ts";

export const PROJECT_GROUP = "management.cattle.io";
export const PROJECT_VERSION = "v3";
export const PROJECT_PLURAL = "projects";

export interface ClusterInfo {
  id: string;
  name: string;
  embedded: boolean;
  server: string;
}

export interface ClusterCaches {
  namespaces: ResourceCache<NamespaceSummary>;
  secrets: ResourceCache<SecretSummary>;
  configMaps: ResourceCache<ConfigMapSummary>;
  serviceAccounts: ResourceCache<ServiceAccountSummary>;
  projects: ResourceCache<ProjectSummary>;
  deployments: ResourceCache<RawObject>;
  replicaSets: ResourceCache<RawObject>;
  pods: ResourceCache<RawObject>;
  events: ResourceCache<RawObject>;
}

const list = (promise: Promise<unknown>) => promise as Promise<ListResult>;

/**
 * One cluster: its client-node clients and the caches that lists and name checks read. When the
 * cluster cannot be reached it is `Unavailable` with the reason, and retried in the background.
 */
export class ClusterConnection {
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly coordination: CoordinationV1Api;
  readonly custom: CustomObjectsApi;
  readonly caches: ClusterCaches;
  state: "Active" | "Unavailable" | "Connecting" = "Connecting";
  message: string | undefined;
  version: string | undefined;
  /** false when the cluster has no Project CRD */
  projectsSupported = true;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    readonly info: ClusterInfo,
    readonly kubeConfig: KubeConfig,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.apps = kubeConfig.makeApiClient(AppsV1Api);
    this.coordination = kubeConfig.makeApiClient(CoordinationV1Api);
    this.custom = kubeConfig.makeApiClient(CustomObjectsApi);
    const cache = <T>(path: string, load: () => Promise<ListResult>, transform: (raw: Record<string, unknown>) => T) =>
      new ResourceCache<T>({ kubeConfig, path, list: load, transform, onError: (e) => this.log(`watch ${path}: ${String((e as Error)?.message ?? e)}`) });
    this.caches = {
      namespaces: cache("/api/v1/namespaces", () => list(this.core.listNamespace()), namespaceSummary),
      secrets: cache("/api/v1/secrets", () => list(this.core.listSecretForAllNamespaces()), secretSummary),
      configMaps: cache("/api/v1/configmaps", () => list(this.core.listConfigMapForAllNamespaces()), configMapSummary),
      serviceAccounts: cache("/api/v1/serviceaccounts", () => list(this.core.listServiceAccountForAllNamespaces()), serviceAccountSummary),
      projects: cache(
        `/apis/${PROJECT_GROUP}/${PROJECT_VERSION}/${PROJECT_PLURAL}`,
        () => list(this.custom.listClusterCustomObject({ group: PROJECT_GROUP, version: PROJECT_VERSION, plural: PROJECT_PLURAL })),
        projectSummary,
      ),
      deployments: cache("/apis/apps/v1/deployments", () => list(this.apps.listDeploymentForAllNamespaces()), rawObject),
      replicaSets: cache("/apis/apps/v1/replicasets", () => list(this.apps.listReplicaSetForAllNamespaces()), rawObject),
      pods: cache("/api/v1/pods", () => list(this.core.listPodForAllNamespaces()), rawObject),
      events: cache("/api/v1/events", () => list(this.core.listEventForAllNamespaces()), rawObject),
    };
  }

  get id(): string {
    return this.info.id;
  }

  /** Connects; never throws: a failure leaves the cluster Unavailable and retries. */
  async start(): Promise<void> {
    this.#stopped = false;
    try {
      const version = await this.kubeConfig.makeApiClient(VersionApi).getCode();
      this.version = version.gitVersion;
      const { projects, ...rest } = this.caches;
      await Promise.all(Object.values(rest).map((c) => c.start()));
      try {
        await projects.start();
        this.projectsSupported = true;
      } catch (error) {
        if (!/404|not found/i.test(String((error as { code?: number })?.code ?? "") + String((error as Error)?.message ?? ""))) throw error;
        this.projectsSupported = false;
      }
      this.state = "Active";
      this.message = this.projectsSupported
        ? undefined
        : "This cluster has no Project resource (management.cattle.io/v3): apply deploy/crds.yaml with kubectl to use projects.";
    } catch (error) {
      this.state = "Unavailable";
      this.message = describeConnectionError(error);
      this.log(`cluster ${this.id}: ${this.message}`);
      for (const c of Object.values(this.caches)) c.stop();
      if (!this.#stopped) this.#retry = setTimeout(() => void this.start(), 10_000);
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    for (const c of Object.values(this.caches)) c.stop();
  }

  /** Throws ClusterUnavailableError unless the cluster is connected. */
  ensureAvailable(): void {
    if (this.state !== "Active") throw new ClusterUnavailableError(this.id, this.message ?? "still connecting");
  }
}

function describeConnectionError(error: unknown): string {
  const e = error as { code?: unknown; message?: string; cause?: { code?: string; message?: string } };
  const code = typeof e?.code === "string" ? e.code : e?.cause?.code;
  const message = e?.cause?.message ?? e?.message ?? String(error);
  if (typeof e?.code === "number") return `the cluster answered HTTP ${e.code}`;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
