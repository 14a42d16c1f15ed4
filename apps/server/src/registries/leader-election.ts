import { randomBytes } from "node:crypto";
import { V1MicroTime, type CoordinationV1Api, type V1Lease } from "@kubernetes/client-node";
import { MANAGED_BY_LABEL, MANAGED_BY_PADDOCK } from "../projects/rancher-model.ts";
import { REPLICA_ID } from "../names/lease-lock.ts";
import { statusCode, statusMessage } from "../kube/api-errors.ts";

export const REGISTRY_CONTROLLER_LEASE = "paddock-registry-controller";

export interface LeaderElectionOptions {
  /** where the Lease lives: the cluster-id namespace */
  namespace: string;
  name?: string;
  /** who this candidate is; unique per candidate */
  identity?: string;
  /** how long others wait, from the last renewal they observed, before taking over */
  leaseDurationMs?: number;
  /** how long the leader keeps trying to renew before it gives up leading */
  renewDeadlineMs?: number;
  /** how often candidates try to acquire, and the leader renews */
  retryPeriodMs?: number;
  onStartedLeading?: () => void;
  onStoppedLeading?: () => void;
  log?: (message: string) => void;
}

type Attempt = "held" | "other" | "failed";

// client-go tools/leaderelection/leaderelection.go: its defaults, and the jitter candidates wait with.
const DEFAULT_LEASE_DURATION_MS = 15_000;
const DEFAULT_RENEW_DEADLINE_MS = 10_000;
const DEFAULT_RETRY_PERIOD_MS = 2_000;
const JITTER_FACTOR = 1.2;

/**
 * Leader election over a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it: one
 * leader at a time across every replica of the BFF. A candidate takes the Lease when it is free
 * (no holder) or when the record it observed has not changed for a whole lease duration, measured
 * on its own clock (so that clock skew between replicas does not matter); the leader renews every
 * retry period and stops leading when it could not renew for the renew deadline, which is shorter
 * than the lease duration, so that it stops before anyone else may start.
 */
export class LeaderElector {
  readonly identity: string;
  readonly name: string;
  readonly #leaseDurationMs: number;
  readonly #renewDeadlineMs: number;
  readonly #retryPeriodMs: number;
  #leading = false;
  #stopped = true;
  #lastRenewal = 0;
  #observedRecord = "";
  #observedAt = 0;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #lastProblem = "";

  constructor(
    private readonly api: CoordinationV1Api,
    private readonly options: LeaderElectionOptions,
  ) {
    this.identity = options.identity ?? `${REPLICA_ID}-${randomBytes(3).toString("hex")}`;
    this.name = options.name ?? REGISTRY_CONTROLLER_LEASE;
    this.#leaseDurationMs = options.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
    this.#renewDeadlineMs = options.renewDeadlineMs ?? DEFAULT_RENEW_DEADLINE_MS;
    this.#retryPeriodMs = options.retryPeriodMs ?? DEFAULT_RETRY_PERIOD_MS;
    if (!(this.#leaseDurationMs > this.#renewDeadlineMs && this.#renewDeadlineMs > this.#retryPeriodMs)) {
      throw new Error("leader election needs leaseDuration > renewDeadline > retryPeriod");
    }
  }

  get isLeader(): boolean {
    return this.#leading;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loop = this.#run();
  }

  /** Stops campaigning; a leader gives the Lease up (unless `release` is false, as after a crash). */
  async stop({ release = true }: { release?: boolean } = {}): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    if (!this.#leading) return;
    if (release) await this.#release();
    this.#setLeading(false);
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      const attempt = await this.#tryAcquireOrRenew();
      if (this.#stopped) return;
      if (attempt === "held") {
        this.#lastRenewal = Date.now();
        this.#setLeading(true);
      } else if (this.#leading && (attempt === "other" || Date.now() - this.#lastRenewal >= this.#renewDeadlineMs)) {
        this.options.log?.(`lost the lease ${this.options.namespace}/${this.name}`);
        this.#setLeading(false);
      }
      const wait = this.#leading ? this.#retryPeriodMs : this.#retryPeriodMs * (1 + Math.random() * (JITTER_FACTOR - 1));
      await this.#sleep(wait);
    }
  }

  #setLeading(leading: boolean): void {
    if (this.#leading === leading) return;
    this.#leading = leading;
    try {
      if (leading) this.options.onStartedLeading?.();
      else this.options.onStoppedLeading?.();
    } catch (error) {
      this.options.log?.(`leader election callback failed: ${(error as Error).message}`);
    }
  }

  async #tryAcquireOrRenew(): Promise<Attempt> {
    const { namespace } = this.options;
    const now = Date.now();
    let lease: V1Lease;
    try {
      lease = await this.#withDeadline(this.api.readNamespacedLease({ name: this.name, namespace }));
    } catch (error) {
      if (statusCode(error) !== 404) return this.#failed(error);
      try {
        await this.#withDeadline(
          this.api.createNamespacedLease({
            namespace,
            body: {
              metadata: { name: this.name, namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK } },
              spec: { ...this.#record(), acquireTime: new V1MicroTime(), leaseTransitions: 0 },
            },
          }),
        );
        return "held";
      } catch (createError) {
        return statusCode(createError) === 409 ? "other" : this.#failed(createError);
      }
    }

    const spec = lease.spec ?? {};
    const holder = spec.holderIdentity ?? "";
    // client-go compares whole records: any change (a renewal) restarts the expiry clock.
    const record = `${holder}\0${String(spec.renewTime ?? "")}\0${lease.metadata?.resourceVersion ?? ""}`;
    if (record !== this.#observedRecord) {
      this.#observedRecord = record;
      this.#observedAt = now;
    }
    const heldByOther = holder !== "" && holder !== this.identity;
    const duration = (spec.leaseDurationSeconds ?? DEFAULT_LEASE_DURATION_MS / 1000) * 1000;
    if (heldByOther && this.#observedAt + duration > now) return "other";

    const takingOver = holder !== this.identity;
    lease.spec = {
      ...spec,
      ...this.#record(),
      acquireTime: takingOver ? new V1MicroTime() : spec.acquireTime,
      leaseTransitions: takingOver ? (spec.leaseTransitions ?? 0) + 1 : (spec.leaseTransitions ?? 0),
    };
    try {
      const written = await this.#withDeadline(this.api.replaceNamespacedLease({ name: this.name, namespace, body: lease }));
      this.#observedRecord = `${this.identity}\0${String(written.spec?.renewTime ?? "")}\0${written.metadata?.resourceVersion ?? ""}`;
      this.#observedAt = Date.now();
      this.#lastProblem = "";
      return "held";
    } catch (error) {
      // 409: someone else wrote the Lease since we read it; the next attempt reads again.
      return statusCode(error) === 409 ? "other" : this.#failed(error);
    }
  }

  #record(): { holderIdentity: string; leaseDurationSeconds: number; renewTime: V1MicroTime } {
    return {
      holderIdentity: this.identity,
      leaseDurationSeconds: Math.max(1, Math.ceil(this.#leaseDurationMs / 1000)),
      renewTime: new V1MicroTime(),
    };
  }

  /** client-go's ReleaseOnCancel: an empty holder and a 1 s lease let the next candidate in at once. */
  async #release(): Promise<void> {
    try {
      const lease = await this.api.readNamespacedLease({ name: this.name, namespace: this.options.namespace });
      if (lease.spec?.holderIdentity !== this.identity) return;
      lease.spec = { ...lease.spec, holderIdentity: "", leaseDurationSeconds: 1, renewTime: new V1MicroTime() };
      await this.api.replaceNamespacedLease({ name: this.name, namespace: this.options.namespace, body: lease });
    } catch (error) {
      this.options.log?.(`could not release the lease ${this.options.namespace}/${this.name}: ${statusMessage(error)}`);
    }
  }

  #failed(error: unknown): Attempt {
    const problem = statusMessage(error);
    // Said once, not every retry period.
    if (problem !== this.#lastProblem) this.options.log?.(`lease ${this.options.namespace}/${this.name}: ${problem}`);
    this.#lastProblem = problem;
    return "failed";
  }

  /** A call that hangs must not keep a leader leading past its renew deadline. */
  #withDeadline<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`no answer within ${this.#renewDeadlineMs} ms`)), this.#renewDeadlineMs);
    });
    return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
