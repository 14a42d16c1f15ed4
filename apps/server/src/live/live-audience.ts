import type { Access } from "../auth/access.ts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";

/**
 * Which change events one user's live stream carries, decided per event (memberships change while
 * the stream is open): the changes of the clusters the user sees (`Access.seesCluster`, the rule
 * of `GET /api/clusters`). A change of `projects`, where memberships live, also goes to a user who
 * saw the cluster just before it: one removed from their last project there hears of it, and
 * refetches who they are.
 */
export class LiveAudience {
  /** per cluster id: whether the user saw it at the last event of that cluster */
  readonly #sawAtLastEvent = new Map<string, boolean>();

  constructor(
    private readonly access: Access,
    clusters: readonly ClusterConnection[],
  ) {
    for (const cluster of clusters) this.#sawAtLastEvent.set(cluster.id, access.seesCluster(cluster));
  }

  /**
   * Whether a change of `resource` in `cluster`, already applied to its caches, goes to the user.
   * Memberships only change with a change of `projects`, so the visibility at the last event of
   * the cluster is the one just before this change.
   */
  admits(cluster: ClusterConnection, resource: string): boolean {
    const seesNow = this.access.seesCluster(cluster);
    const sawBefore = this.#sawAtLastEvent.get(cluster.id) ?? false;
    this.#sawAtLastEvent.set(cluster.id, seesNow);
    return seesNow || (resource === "projects" && sawBefore);
  }
}
