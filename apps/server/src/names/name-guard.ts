import type { NameAvailability, NameConflict } from "@paddock/contracts";
import { resourceNameSchema } from "@paddock/contracts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { kube } from "../kube/api-errors.ts";
import { NameInUseError } from "../errors.ts";
import { namespacesOfProject, requireProject } from "../projects/project-directory.ts";
import { findNameConflicts, type NameScope, type NamedConfigMap, type NamedSecret } from "./name-conflicts.ts";
import { LeaseLock } from "./lease-lock.ts";

export type ScopeInput = { type: "project" } | { type: "namespace"; namespace: string };

/**
 * Rule 1 of ../shared/DESIGN.md: a name is unique across every secret kind in its scope. The
 * live check reads the caches; a save checks again, against the cluster itself, while holding the
 * project's Lease lock, so that two saves racing for one name cannot both win.
 */
export class NameGuard {
  readonly #lock: LeaseLock;

  constructor(private readonly cluster: ClusterConnection) {
    this.#lock = new LeaseLock(cluster, cluster.id, "Another change to names in this project is in progress; try again in a moment.");
  }

  scopeOf(projectId: string, scope: ScopeInput): NameScope {
    const { backingNamespace } = requireProject(this.cluster, projectId);
    if (scope.type === "namespace") return { namespaces: [scope.namespace], backingNamespace };
    return { namespaces: [...namespacesOfProject(this.cluster, projectId), backingNamespace], backingNamespace };
  }

  /** The live check, from memory. */
  check(projectId: string, scope: ScopeInput, name: string): NameAvailability {
    const format = resourceNameSchema.safeParse(name);
    if (!format.success) {
      return { name, available: false, invalid: format.error.issues[0]?.message ?? "Not a valid name.", conflicts: [] };
    }
    const where = this.scopeOf(projectId, scope);
    // Only objects called `name` can conflict: look them up by key in each namespace of the scope, not by a scan of every Secret.
    const namespaces = new Set([...where.namespaces, ...(where.backingNamespace ? [where.backingNamespace] : [])]);
    const named = <T>(cache: { get(namespace: string, name: string): T | undefined }) => [...namespaces].flatMap((ns) => cache.get(ns, name) ?? []);
    const conflicts = findNameConflicts(name, where, named(this.cluster.caches.secrets), named(this.cluster.caches.configMaps));
    return conflicts.length === 0 ? { name, available: true, conflicts } : { name, available: false, conflicts, message: new NameInUseError(name, conflicts).message };
  }

  /** Runs `create` while the project's names are locked, after checking against the cluster that `name` is still free. */
  async reserve<T>(projectId: string, scope: ScopeInput, name: string, create: () => Promise<T>): Promise<T> {
    return this.#lock.withLock(`paddock-names-${projectId}`, async () => {
      const nameScope = this.scopeOf(projectId, scope);
      const conflicts = await this.#freshConflicts(name, nameScope);
      if (conflicts.length > 0) throw new NameInUseError(name, conflicts);
      return create();
    });
  }

  async #freshConflicts(name: string, scope: NameScope): Promise<NameConflict[]> {
    const id = this.cluster.id;
    const core = this.cluster.core;
    const fieldSelector = `metadata.name=${name}`;
    const [{ items: secrets }, { items: configMaps }] = await Promise.all([
      kube(id, () => core.listSecretForAllNamespaces({ fieldSelector })),
      kube(id, () => core.listConfigMapForAllNamespaces({ fieldSelector })),
    ]);
    const named: NamedSecret[] = secrets.map((s) => ({
      name: s.metadata?.name ?? "",
      namespace: s.metadata?.namespace ?? "",
      type: s.type ?? "Opaque",
      labels: s.metadata?.labels ?? {},
      annotations: s.metadata?.annotations ?? {},
    }));
    const maps: NamedConfigMap[] = configMaps.map((c) => ({ name: c.metadata?.name ?? "", namespace: c.metadata?.namespace ?? "" }));
    return findNameConflicts(name, scope, named, maps);
  }
}
