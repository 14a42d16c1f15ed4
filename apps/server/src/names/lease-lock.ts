import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { V1MicroTime } from "@kubernetes/client-node";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { statusCode } from "../kube/api-errors.ts";
import { ConflictError } from "../errors.ts";
import { MANAGED_BY_LABEL, MANAGED_BY_PADDOCK } from "../projects/rancher-model.ts";

const LEASE_SECONDS = 15;
const WAIT_MS = 10_000;

/** One identity per process, as a leader-election holder id would be. */
export const REPLICA_ID = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;

/**
 * A mutual-exclusion lock held as a coordination.k8s.io/v1 Lease, so that it holds across every
 * replica of the BFF. A holder that crashed loses it when the lease expires.
 */
export class LeaseLock {
  readonly #local = new Map<string, Promise<void>>();

  /** `busyMessage` is what a request is told when the lock stayed held for too long: what the lock guards, and to try again. */
  constructor(
    private readonly cluster: ClusterConnection,
    private readonly namespace: string,
    private readonly busyMessage: string,
  ) {}

  async withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    // Requests of this replica queue up here first, so that they do not race each other on the Lease.
    const previous = this.#local.get(name) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const chained = previous.then(() => mine);
    this.#local.set(name, chained);
    await previous;
    try {
      const holder = `${REPLICA_ID}-${randomBytes(4).toString("hex")}`;
      await this.#acquire(name, holder);
      try {
        return await work();
      } finally {
        await this.#release(name, holder);
      }
    } finally {
      release();
      if (this.#local.get(name) === chained) this.#local.delete(name);
    }
  }

  async #acquire(name: string, holder: string): Promise<void> {
    const api = this.cluster.coordination;
    const giveUpAt = Date.now() + WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      const now = new V1MicroTime();
      try {
        await api.createNamespacedLease({
          namespace: this.namespace,
          body: {
            metadata: { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK } },
            spec: { holderIdentity: holder, leaseDurationSeconds: LEASE_SECONDS, acquireTime: now, renewTime: now },
          },
        });
        return;
      } catch (error) {
        if (statusCode(error) !== 409) throw error;
      }
      // Held: take it over only if its holder let it expire.
      try {
        const lease = await api.readNamespacedLease({ name, namespace: this.namespace });
        const renewed = lease.spec?.renewTime ? new Date(lease.spec.renewTime).getTime() : 0;
        const duration = (lease.spec?.leaseDurationSeconds ?? LEASE_SECONDS) * 1000;
        if (renewed + duration < Date.now()) {
          const takenAt = new V1MicroTime();
          lease.spec = { ...lease.spec, holderIdentity: holder, acquireTime: takenAt, renewTime: takenAt };
          await api.replaceNamespacedLease({ name, namespace: this.namespace, body: lease });
          return;
        }
      } catch (error) {
        const code = statusCode(error);
        if (code !== 404 && code !== 409) throw error;
      }
      if (Date.now() > giveUpAt) throw new ConflictError(this.busyMessage);
      await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 500) * (0.5 + Math.random())));
    }
  }

  async #release(name: string, holder: string): Promise<void> {
    try {
      const lease = await this.cluster.coordination.readNamespacedLease({ name, namespace: this.namespace });
      if (lease.spec?.holderIdentity !== holder) return;
      await this.cluster.coordination.deleteNamespacedLease({
        name,
        namespace: this.namespace,
        body: { preconditions: { resourceVersion: lease.metadata?.resourceVersion } },
      });
    } catch {
      // Already gone or taken over after expiry: nothing to release.
    }
  }
}
