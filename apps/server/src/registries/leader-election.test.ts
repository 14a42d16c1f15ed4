import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoordinationV1Api, KubeConfig } from "@kubernetes/client-node";
import { startTestCluster, type TestCluster } from "@paddock/embedded-cluster/testing";
import { LeaderElector, type LeaderElectionOptions } from "./leader-election.ts";

let t: TestCluster;
let api: CoordinationV1Api;
const running: LeaderElector[] = [];

beforeAll(async () => {
  t = await startTestCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(t.cluster.kubeconfigPath);
  api = kc.makeApiClient(CoordinationV1Api);
});
afterAll(async () => {
  await Promise.all(running.map((e) => e.stop({ release: false })));
  await t?.stop();
});

const FAST = { leaseDurationMs: 1_000, renewDeadlineMs: 700, retryPeriodMs: 100 };

function candidate(name: string, identity: string, events: string[] = [], options: Partial<LeaderElectionOptions> = {}): LeaderElector {
  const elector = new LeaderElector(api, {
    namespace: "local",
    name,
    identity,
    ...FAST,
    onStartedLeading: () => events.push(`${identity} started`),
    onStoppedLeading: () => events.push(`${identity} stopped`),
    ...options,
  });
  running.push(elector);
  return elector;
}

async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

describe("LeaderElector", () => {
  it("lets exactly one candidate lead, and hands over at once when the leader stops", async () => {
    const events: string[] = [];
    const a = candidate("election-handover", "replica-a", events);
    const b = candidate("election-handover", "replica-b", events);
    a.start();
    await eventually(() => expect(a.isLeader).toBe(true));
    b.start();
    // b keeps trying for several of its retry periods, and a keeps renewing.
    await new Promise((r) => setTimeout(r, 500));
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    const held = await api.readNamespacedLease({ name: "election-handover", namespace: "local" });
    expect(held.spec).toMatchObject({ holderIdentity: "replica-a", leaseDurationSeconds: 1, leaseTransitions: 0 });
    expect(String(held.spec?.renewTime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const stoppedAt = Date.now();
    await a.stop();
    expect(a.isLeader).toBe(false);
    await eventually(() => expect(b.isLeader).toBe(true));
    // A released Lease is free: no waiting for it to expire.
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    const taken = await api.readNamespacedLease({ name: "election-handover", namespace: "local" });
    expect(taken.spec).toMatchObject({ holderIdentity: "replica-b", leaseTransitions: 1 });
    expect(events).toEqual(["replica-a started", "replica-a stopped", "replica-b started"]);
    await b.stop();
    expect(events.at(-1)).toBe("replica-b stopped");
  });

  it("takes over from a leader that crashed only once its lease expired", async () => {
    const a = candidate("election-crash", "replica-a");
    a.start();
    await eventually(() => expect(a.isLeader).toBe(true));
    await a.stop({ release: false }); // a crash: the Lease still names replica-a

    const b = candidate("election-crash", "replica-b");
    const startedAt = Date.now();
    b.start();
    await new Promise((r) => setTimeout(r, 600));
    expect(b.isLeader).toBe(false);
    await eventually(() => expect(b.isLeader).toBe(true));
    // It waited a whole lease duration (1 s), measured from when it first saw the record.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_000);
    const lease = await api.readNamespacedLease({ name: "election-crash", namespace: "local" });
    expect(lease.spec).toMatchObject({ holderIdentity: "replica-b", leaseTransitions: 1 });
    await b.stop();
  });

  it("stops leading when someone else took the Lease", async () => {
    const events: string[] = [];
    const a = candidate("election-stolen", "replica-a", events, { leaseDurationMs: 10_000, renewDeadlineMs: 5_000, retryPeriodMs: 100 });
    a.start();
    await eventually(() => expect(a.isLeader).toBe(true));
    const lease = await api.readNamespacedLease({ name: "election-stolen", namespace: "local" });
    lease.spec = { ...lease.spec, holderIdentity: "intruder" };
    await api.replaceNamespacedLease({ name: "election-stolen", namespace: "local", body: lease });
    await eventually(() => expect(a.isLeader).toBe(false));
    expect(events).toEqual(["replica-a started", "replica-a stopped"]);
    await a.stop();
  });

  it("refuses timings where a leader could outlive its lease", () => {
    expect(() => new LeaderElector(api, { namespace: "local", leaseDurationMs: 1_000, renewDeadlineMs: 1_000, retryPeriodMs: 100 })).toThrow(
      "leader election needs leaseDuration > renewDeadline > retryPeriod",
    );
  });
});
