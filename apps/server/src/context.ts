import type { Logger } from "pino";
import type { ClusterRegistry } from "./kube/cluster-registry.ts";
import { NameGuard } from "./names/name-guard.ts";

/** What every feature's routes and services are built from. */
export class ServerContext {
  readonly #guards = new Map<string, NameGuard>();

  constructor(
    readonly clusters: ClusterRegistry,
    readonly log: Logger,
  ) {}

  /** The name guard (rule 1) of an available cluster. */
  nameGuard(clusterId: string): NameGuard {
    const cluster = this.clusters.get(clusterId);
    let guard = this.#guards.get(clusterId);
    if (!guard) {
      guard = new NameGuard(cluster);
      this.#guards.set(clusterId, guard);
    }
    return guard;
  }
}
