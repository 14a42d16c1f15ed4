import type { KubeObject } from "../api/types.ts";
import { isRestartableInit, podNodeName, podPhase } from "../kinds/pod-fields.ts";
import { isPodActive, isPodReady, podReadySince } from "./pod-readiness.ts";
import { intValue, objectsIn, specOf, statusOf, stringValue } from "../api/json-values.ts";

/**
 * Which surplus pods a ReplicaSet deletes first (kubernetes pkg/controller/replicaset/replica_set.go
 * getPodsToDelete, pkg/controller/controller_utils.go ActivePodsWithRanks.Less, with the
 * PodDeletionCost and LogarithmicScaleDown features on, as they are by default).
 */

const DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";
const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** The `diff` pods to delete: unscheduled, pending, not ready, cheap, doubled-up, recently ready, restarting, young first. */
export function podsToDelete(pods: KubeObject[], relatedPods: KubeObject[], diff: number, now = Date.now()): KubeObject[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (isPodActive(pod)) podsOnNode.set(podNodeName(pod), (podsOnNode.get(podNodeName(pod)) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: podsOnNode.get(podNodeName(pod)) ?? 0 }));
  ranked.sort((a, b) => (deletesBefore(a, b, now) ? -1 : deletesBefore(b, a, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}

interface RankedPod {
  pod: KubeObject;
  /** how many active pods of the same owner share its node */
  rank: number;
}

function deletesBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const [pi, pj] = [a.pod, b.pod];
  const [ni, nj] = [podNodeName(pi), podNodeName(pj)];
  if (ni !== nj && (ni === "" || nj === "")) return ni === "";
  const [phi, phj] = [PHASE_ORDER[podPhase(pi)] ?? 0, PHASE_ORDER[podPhase(pj)] ?? 0];
  if (phi !== phj) return phi < phj;
  const [ri, rj] = [isPodReady(pi), isPodReady(pj)];
  if (ri !== rj) return !ri;
  const [ci, cj] = [deletionCost(pi), deletionCost(pj)];
  if (ci !== cj) return ci < cj;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ri && rj) {
    const [ti, tj] = [podReadySince(pi), podReadySince(pj)];
    if (ti !== tj) return newerFirst(pi, pj, ti, tj, now);
  }
  const [restartsI, restartsJ] = [maxRestarts(pi), maxRestarts(pj)];
  if (restartsI.regular !== restartsJ.regular) return restartsI.regular > restartsJ.regular;
  if (restartsI.sidecar !== restartsJ.sidecar) return restartsI.sidecar > restartsJ.sidecar;
  const [created1, created2] = [created(pi), created(pj)];
  if (created1 !== created2) return newerFirst(pi, pj, created1, created2, now);
  return false;
}

/**
 * Later time first, compared on a logarithmic scale (times within the same power-of-two age bucket
 * count as equal, then the UID decides); a missing time sorts first.
 */
function newerFirst(pi: KubeObject, pj: KubeObject, ti: number | undefined, tj: number | undefined, now: number): boolean {
  if (ti === undefined || tj === undefined) return ti === undefined;
  const diff = logarithmicRank(ti, now) - logarithmicRank(tj, now);
  if (diff === 0) return (pi.metadata.uid ?? "") < (pj.metadata.uid ?? "");
  return diff < 0;
}

/** floor(log2(age in nanoseconds)), -1 for a time not in the past (logarithmicRankDiff). */
function logarithmicRank(time: number, now: number): number {
  const ageNanos = (now - time) * 1e6;
  return ageNanos > 0 ? Math.floor(Math.log2(ageNanos)) : -1;
}

function created(pod: KubeObject): number | undefined {
  const t = pod.metadata.creationTimestamp;
  const parsed = typeof t === "string" ? Date.parse(t) : NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** helper.GetDeletionCostFromPodAnnotations: an int32, 0 when absent or invalid. */
function deletionCost(pod: KubeObject): number {
  const value = pod.metadata.annotations?.[DELETION_COST_ANNOTATION];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return 0;
  const n = Number(value);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** The highest restart count of the regular containers and of the restartable init containers (sidecars). */
function maxRestarts(pod: KubeObject): { regular: number; sidecar: number } {
  const status = statusOf(pod);
  const spec = specOf(pod);
  const restarts = (list: unknown, include: (name: string) => boolean) =>
    objectsIn(list)
      .filter((s) => include(stringValue(s.name)))
      .reduce((max, s) => Math.max(max, intValue(s.restartCount)), 0);
  const sidecars = new Set(objectsIn(spec.initContainers).filter(isRestartableInit).map((c) => stringValue(c.name)));
  return {
    regular: restarts(status.containerStatuses, () => true),
    sidecar: restarts(status.initContainerStatuses, (name) => sidecars.has(name)),
  };
}
