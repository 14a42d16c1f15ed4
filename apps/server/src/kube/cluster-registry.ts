import { KubeConfig } from "@kubernetes/client-node";
import { existsSync } from "node:fs";
import { NotFoundError } from "../errors.ts";
import { ClusterConnection } from "./cluster-connection.ts";

export interface ClusterSources {
  /** kubeconfig of the embedded cluster, whose id is `local` */
  embeddedKubeconfig?: string;
  /** a user kubeconfig: each context becomes a cluster */
  kubeconfig?: string;
  /** running inside Kubernetes: the service account's in-cluster configuration */
  inCluster?: boolean;
  log?: (message: string) => void;
}

export const EMBEDDED_CLUSTER_ID = "local";

/** Every cluster Paddock manages, one connection (and one set of clients) each. */
export class ClusterRegistry {
  readonly #clusters = new Map<string, ClusterConnection>();

  static fromSources(sources: ClusterSources): ClusterRegistry {
    const registry = new ClusterRegistry();
    const log = sources.log ?? (() => {});
    if (sources.embeddedKubeconfig) {
      const kc = new KubeConfig();
      kc.loadFromFile(sources.embeddedKubeconfig);
      registry.add(new ClusterConnection({ id: EMBEDDED_CLUSTER_ID, name: "local (embedded)", embedded: true, server: kc.getCurrentCluster()?.server ?? "" }, kc, log));
    }
    if (sources.inCluster) {
      const kc = new KubeConfig();
      kc.loadFromCluster();
      registry.add(new ClusterConnection({ id: EMBEDDED_CLUSTER_ID, name: "local", embedded: false, server: kc.getCurrentCluster()?.server ?? "" }, kc, log));
    }
    if (sources.kubeconfig) {
      if (!existsSync(sources.kubeconfig)) {
        log(`kubeconfig ${sources.kubeconfig} does not exist: no further clusters added`);
      } else {
        try {
          const all = new KubeConfig();
          all.loadFromFile(sources.kubeconfig);
          for (const context of all.getContexts()) {
            if (registry.#clusters.has(context.name)) continue;
            const kc = new KubeConfig();
            kc.loadFromFile(sources.kubeconfig);
            kc.setCurrentContext(context.name);
            registry.add(new ClusterConnection({ id: context.name, name: context.name, embedded: false, server: kc.getCurrentCluster()?.server ?? "" }, kc, log));
          }
        } catch (error) {
          log(`kubeconfig ${sources.kubeconfig} could not be read (${(error as Error).message}): no further clusters added`);
        }
      }
    }
    return registry;
  }

  add(connection: ClusterConnection): void {
    this.#clusters.set(connection.id, connection);
  }

  list(): ClusterConnection[] {
    return [...this.#clusters.values()];
  }

  /** The connection, whatever its state. */
  find(id: string): ClusterConnection {
    const found = this.#clusters.get(id);
    if (!found) throw new NotFoundError(`There is no cluster "${id}".`);
    return found;
  }

  /** The connection, which must be available. */
  get(id: string): ClusterConnection {
    const found = this.find(id);
    found.ensureAvailable();
    return found;
  }

  async start(): Promise<void> {
    await Promise.all(this.list().map((c) => c.start()));
  }

  stop(): void {
    for (const c of this.list()) c.stop();
  }
}
