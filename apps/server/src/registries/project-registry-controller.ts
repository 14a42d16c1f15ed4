import type { V1Secret } from "@kubernetes/client-node";
import type { ServerContext } from "../context.ts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { statusCode, statusMessage } from "../kube/api-errors.ts";
import { isTerminating, type SecretSummary } from "../kube/summaries.ts";
import { PROJECT_SCOPED_SECRET_LABEL, projectOfNamespace } from "../projects/rancher-model.ts";
import {
  copyAttachesToDefaultServiceAccount,
  copyIsInSync,
  copyMetadata,
  conflictMessage,
  desiredCopyNamespaces,
  findProjectRegistrySource,
  isOwnCopy,
  projectRegistrySources,
} from "./copies.ts";
import { attachToDefaultServiceAccount, detachFromDefaultServiceAccount } from "./default-service-account.ts";
import { LeaderElector, REGISTRY_CONTROLLER_LEASE } from "./leader-election.ts";
import { ReconcileQueue } from "./reconcile-queue.ts";

export interface ProjectRegistryControllerOptions {
  /** the Lease's name (tests run several elections side by side) */
  leaseName?: string;
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** how often every registry is reconciled, whatever changed */
  resyncPeriodMs?: number;
  debounceMs?: number;
  log?: (level: "info" | "warn", message: string, fields?: Record<string, unknown>) => void;
}

const DEFAULT_RESYNC_PERIOD_MS = 60_000;
/** How often the feature looks for clusters that became available. */
const CLUSTER_SCAN_MS = 10_000;

type Outcome = "done" | "again";

/**
 * Rule 2 of ../shared/DESIGN.md for one cluster: while this replica leads (a Lease in the
 * cluster-id namespace), keeps a copy of every project registry in every namespace of its project.
 * Each pass compares the caches with what should be and writes the difference, so that a pass cut
 * short (a crash, a lost leadership) is finished by the next one; copies are found again by their
 * label, copy annotation and name (owner references cannot cross namespaces).
 */
export class ProjectRegistryController {
  readonly #elector: LeaderElector;
  readonly #queue: ReconcileQueue;
  readonly #resyncPeriodMs: number;
  readonly #unsubscribe: Array<() => void> = [];
  readonly #reportedConflicts = new Set<string>();
  #resyncTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly cluster: ClusterConnection,
    private readonly options: ProjectRegistryControllerOptions = {},
  ) {
    this.#resyncPeriodMs = options.resyncPeriodMs ?? DEFAULT_RESYNC_PERIOD_MS;
    this.#queue = new ReconcileQueue((key) => this.#reconcileKey(key), {
      ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
      onError: (key, error) => this.#log("warn", `reconciling project registry ${key} failed: ${statusMessage(error)}`),
    });
    this.#elector = new LeaderElector(cluster.coordination, {
      namespace: cluster.id,
      name: options.leaseName ?? REGISTRY_CONTROLLER_LEASE,
      ...(options.identity !== undefined ? { identity: options.identity } : {}),
      ...(options.leaseDurationMs !== undefined ? { leaseDurationMs: options.leaseDurationMs } : {}),
      ...(options.renewDeadlineMs !== undefined ? { renewDeadlineMs: options.renewDeadlineMs } : {}),
      ...(options.retryPeriodMs !== undefined ? { retryPeriodMs: options.retryPeriodMs } : {}),
      onStartedLeading: () => this.#startedLeading(),
      onStoppedLeading: () => this.#stoppedLeading(),
      log: (message) => this.#log("warn", message),
    });
  }

  get isLeader(): boolean {
    return this.#elector.isLeader;
  }

  get identity(): string {
    return this.#elector.identity;
  }

  start(): void {
    const { secrets, namespaces, projects, serviceAccounts } = this.cluster.caches;
    this.#unsubscribe.push(
      secrets.onChange((_, item, previous) => this.#secretChanged(item, previous)),
      namespaces.onChange((_, item, previous) => {
        for (const ns of [item, previous]) if (ns) this.#namespaceChanged(ns.name, projectOfNamespace(ns, this.cluster.id));
      }),
      projects.onChange((_, item) => this.#enqueueProject(item.name)),
      serviceAccounts.onChange((_, item) => {
        const project = item.name === "default" ? this.#projectOf(item.namespace) : null;
        if (project) this.#enqueueProject(project);
      }),
    );
    this.#elector.start();
  }

  /** Stops reconciling and gives up the Lease (unless `release` is false, as a crash would). */
  async stop({ release = true }: { release?: boolean } = {}): Promise<void> {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    clearInterval(this.#resyncTimer);
    this.#queue.stop();
    await this.#elector.stop({ release });
  }

  /** Queues every project registry (and every copy, whose source may be gone). */
  resync(): void {
    if (!this.isLeader) return;
    for (const secret of this.cluster.caches.secrets.items()) {
      const project = secret.labels[PROJECT_SCOPED_SECRET_LABEL];
      if (project) this.#queue.add(keyOf(project, secret.name));
    }
  }

  /** Resolves when no reconcile is waiting or running (tests). */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  #startedLeading(): void {
    this.#log("info", "leading the project registry controller");
    this.resync();
    this.#resyncTimer = setInterval(() => this.resync(), this.#resyncPeriodMs);
    this.#resyncTimer.unref();
  }

  #stoppedLeading(): void {
    this.#log("info", "no longer leading the project registry controller");
    clearInterval(this.#resyncTimer);
    this.#queue.clear();
  }

  #secretChanged(item: SecretSummary, previous: SecretSummary | undefined): void {
    if (!this.isLeader) return;
    for (const secret of [item, previous]) {
      if (!secret) continue;
      const labelled = secret.labels[PROJECT_SCOPED_SECRET_LABEL];
      if (labelled) this.#queue.add(keyOf(labelled, secret.name));
      // Any Secret of a registry's name in a member namespace: it may be a conflict that appeared or went away.
      const project = this.#projectOf(secret.namespace);
      if (project && project !== labelled && findProjectRegistrySource(this.cluster, project, secret.name)) {
        this.#queue.add(keyOf(project, secret.name));
      }
    }
  }

  #namespaceChanged(namespace: string, project: string | null): void {
    if (!this.isLeader) return;
    if (project) this.#enqueueProject(project);
    // Copies in the namespace: the project they were made for may have lost it.
    for (const secret of this.cluster.caches.secrets.items()) {
      const labelled = secret.labels[PROJECT_SCOPED_SECRET_LABEL];
      if (secret.namespace === namespace && labelled && labelled !== project) this.#queue.add(keyOf(labelled, secret.name));
    }
  }

  #enqueueProject(project: string): void {
    if (!this.isLeader) return;
    for (const source of projectRegistrySources(this.cluster, project)) this.#queue.add(keyOf(project, source.name));
  }

  #projectOf(namespace: string): string | null {
    const ns = this.cluster.caches.namespaces.get("", namespace);
    return ns ? projectOfNamespace(ns, this.cluster.id) : null;
  }

  async #reconcileKey(key: string): Promise<boolean> {
    const slash = key.indexOf("/");
    return (await this.reconcile(key.slice(0, slash), key.slice(slash + 1))) === "again";
  }

  /** One pass over the copies of the project registry `name` of `projectId`. */
  async reconcile(projectId: string, name: string): Promise<Outcome> {
    const { secrets, namespaces, projects } = this.cluster.caches;
    if (!this.isLeader || !secrets.synced || !namespaces.synced || !projects.synced) return "done";
    const source = findProjectRegistrySource(this.cluster, projectId, name);
    const desired = new Set(source ? desiredCopyNamespaces(this.cluster, projectId, source) : []);
    let again = false;
    let sourceSecret: Promise<V1Secret | undefined> | undefined;
    // Caches never hold Secret data: read the source itself, once per pass and only if a copy needs it.
    const readSource = () => (sourceSecret ??= this.#readSource(source!));

    for (const namespace of [...desired].sort()) {
      if (!this.isLeader) return "done";
      const existing = secrets.get(namespace, name);
      if (existing && !existing.deletionTimestamp && !isOwnCopy(existing, projectId)) {
        this.#reportConflict(namespace, existing);
        continue;
      }
      this.#reportedConflicts.delete(`${namespace}/${name}`);
      if (!existing || existing.deletionTimestamp) {
        const data = await readSource();
        if (!data) return "again";
        if ((await this.#createCopy(namespace, data, projectId)) === "again") again = true;
        continue; // the ServiceAccount is seen to on the pass the new copy triggers
      }
      if (!copyIsInSync(existing, source!, projectId)) {
        const data = await readSource();
        if (!data) return "again";
        // Detach before the copy forgets that it was attached: a crash in between is then harmless.
        if (copyAttachesToDefaultServiceAccount(existing) && !copyAttachesToDefaultServiceAccount(source!)) {
          await this.#detach(namespace, name);
        }
        if ((await this.#repairCopy(existing, data, projectId)) === "again") again = true;
        continue;
      }
      if (copyAttachesToDefaultServiceAccount(existing) && !this.#defaultServiceAccountHas(namespace, name)) {
        await attachToDefaultServiceAccount(this.cluster, namespace, name);
      }
    }

    for (const copy of secrets.items()) {
      if (copy.name !== name || desired.has(copy.namespace) || !isOwnCopy(copy, projectId) || copy.deletionTimestamp) continue;
      if (!this.isLeader) return "done";
      if (this.#isGoingOrGone(copy.namespace)) continue; // the namespace takes its Secrets with it
      if (copyAttachesToDefaultServiceAccount(copy)) await this.#detach(copy.namespace, name);
      if ((await this.#deleteCopy(copy)) === "again") again = true;
    }
    return again ? "again" : "done";
  }

  async #readSource(source: SecretSummary): Promise<V1Secret | undefined> {
    try {
      return await this.cluster.core.readNamespacedSecret({ namespace: source.namespace, name: source.name });
    } catch (error) {
      if (statusCode(error) === 404) return undefined; // deleted meanwhile: the next pass removes the copies
      throw error;
    }
  }

  #copyBody(namespace: string, source: V1Secret, projectId: string, resourceVersion?: string): V1Secret {
    const { labels, annotations } = copyMetadata({ annotations: source.metadata?.annotations }, projectId);
    return {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: source.metadata?.name ?? "", namespace, labels, annotations, ...(resourceVersion ? { resourceVersion } : {}) },
      type: source.type ?? "Opaque",
      data: source.data ?? {},
    };
  }

  async #createCopy(namespace: string, source: V1Secret, projectId: string): Promise<Outcome> {
    try {
      await this.cluster.core.createNamespacedSecret({ namespace, body: this.#copyBody(namespace, source, projectId) });
      this.#log("info", `created the copy of project registry "${source.metadata?.name}" in namespace "${namespace}"`);
      return "done";
    } catch (error) {
      const code = statusCode(error);
      // 409: something took the name since the cache was read; the next pass tells a conflict from our copy.
      if (code === 409) return "again";
      // 404 or 403: the namespace is gone or terminating; its namespace event brings us back if needed.
      if (code === 404 || code === 403) return "done";
      throw error;
    }
  }

  /** Puts an edited copy back, with the cached resourceVersion so that a Secret changed meanwhile is never overwritten. */
  async #repairCopy(copy: SecretSummary, source: V1Secret, projectId: string): Promise<Outcome> {
    // A Secret's type is immutable (and so is its data once `immutable` is set): such a copy is made anew.
    if (copy.type !== (source.type ?? "Opaque")) return this.#recreateCopy(copy, source, projectId);
    try {
      await this.cluster.core.replaceNamespacedSecret({
        name: copy.name,
        namespace: copy.namespace,
        body: this.#copyBody(copy.namespace, source, projectId, copy.resourceVersion),
      });
      this.#log("info", `repaired the copy of project registry "${copy.name}" in namespace "${copy.namespace}"`);
      return "done";
    } catch (error) {
      const code = statusCode(error);
      if (code === 409 || code === 404) return "again";
      if (code === 422) return this.#recreateCopy(copy, source, projectId);
      throw error;
    }
  }

  async #recreateCopy(copy: SecretSummary, source: V1Secret, projectId: string): Promise<Outcome> {
    if ((await this.#deleteCopy(copy)) === "again") return "again";
    return this.#createCopy(copy.namespace, source, projectId);
  }

  /** Deletes a copy, only if it is still the very object the cache showed (uid and resourceVersion). */
  async #deleteCopy(copy: SecretSummary): Promise<Outcome> {
    try {
      await this.cluster.core.deleteNamespacedSecret({
        name: copy.name,
        namespace: copy.namespace,
        body: { preconditions: { uid: copy.uid, resourceVersion: copy.resourceVersion } },
      });
      this.#log("info", `deleted the copy of project registry "${copy.name}" from namespace "${copy.namespace}"`);
      return "done";
    } catch (error) {
      const code = statusCode(error);
      if (code === 404) return "done";
      if (code === 409) return "again";
      throw error;
    }
  }

  async #detach(namespace: string, name: string): Promise<void> {
    if (this.#defaultServiceAccountHas(namespace, name)) await detachFromDefaultServiceAccount(this.cluster, namespace, name);
  }

  #defaultServiceAccountHas(namespace: string, name: string): boolean {
    return this.cluster.caches.serviceAccounts.get(namespace, "default")?.imagePullSecrets.includes(name) ?? false;
  }

  #isGoingOrGone(namespace: string): boolean {
    const ns = this.cluster.caches.namespaces.get("", namespace);
    return !ns || isTerminating(ns);
  }

  #reportConflict(namespace: string, secret: SecretSummary): void {
    const key = `${namespace}/${secret.name}`;
    if (this.#reportedConflicts.has(key)) return;
    this.#reportedConflicts.add(key);
    this.#log("warn", `not copying the project registry: ${conflictMessage(namespace, secret)}`);
  }

  #log(level: "info" | "warn", message: string): void {
    this.options.log?.(level, message, { cluster: this.cluster.id });
  }
}

function keyOf(projectId: string, name: string): string {
  return `${projectId}/${name}`;
}

/**
 * The feature's background loop: a controller for each available cluster that has projects,
 * started as clusters become available.
 */
export function startProjectRegistryControllers(ctx: ServerContext, options: ProjectRegistryControllerOptions = {}): () => Promise<void> {
  const controllers = new Map<string, ProjectRegistryController>();
  const log = ctx.log.child({ component: "project-registry-controller" });
  const scan = () => {
    for (const cluster of ctx.clusters.list()) {
      if (controllers.has(cluster.id) || cluster.state !== "Active" || !cluster.projectsSupported) continue;
      const controller = new ProjectRegistryController(cluster, { log: (level, message, fields) => log[level](fields ?? {}, message), ...options });
      controllers.set(cluster.id, controller);
      controller.start();
    }
  };
  scan();
  const timer = setInterval(scan, CLUSTER_SCAN_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await Promise.all([...controllers.values()].map((c) => c.stop()));
  };
}
