import { nowTimestamp } from "../api/meta-time.ts";
import type { KubeObject } from "../api/types.ts";
import { semanticallyEqual } from "../kinds/semantic-json.ts";
import { asJsonObject, intValue, isJsonObject, type JsonObject, specOf, statusOf } from "../api/json-values.ts";

/**
 * The arithmetic of Deployment rollouts, as kubernetes pkg/controller/deployment/util/deployment_util.go
 * and pkg/controller/controller_utils.go define it: revisions, surge and unavailability budgets,
 * replica-set annotations, orderings, conditions and the status a Deployment reports.
 */

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";
const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
const DEPRECATED_ROLLBACK_TO = "deprecated.deployment.rollback.to";
const MAX_REVISION_HISTORY_CHARS = 2000;

/** Condition reasons (deployment_util.go). */
export const Reason = {
  replicaSetUpdated: "ReplicaSetUpdated",
  failedRSCreate: "ReplicaSetCreateError",
  newReplicaSet: "NewReplicaSetCreated",
  foundNewRS: "FoundNewReplicaSet",
  newRSAvailable: "NewReplicaSetAvailable",
  timedOut: "ProgressDeadlineExceeded",
  paused: "DeploymentPaused",
  resumed: "DeploymentResumed",
  minimumReplicasAvailable: "MinimumReplicasAvailable",
  minimumReplicasUnavailable: "MinimumReplicasUnavailable",
} as const;

const MAX_INT32 = 2147483647;

export interface DeploymentCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration: number;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
  conditions: DeploymentCondition[];
  collisionCount?: number;
}

export function specReplicas(obj: KubeObject): number {
  return intValue(specOf(obj).replicas);
}

export function statusReplicas(rs: KubeObject): number {
  return intValue(statusOf(rs).replicas);
}

export function readyReplicas(rs: KubeObject): number {
  return intValue(statusOf(rs).readyReplicas);
}

export function availableReplicas(rs: KubeObject): number {
  return intValue(statusOf(rs).availableReplicas);
}

export function template(obj: KubeObject): JsonObject {
  const t = specOf(obj).template;
  return isJsonObject(t) ? t : {};
}

// ---------------------------------------------------------------- revisions

/** The revision annotation as a number: 0 when absent, undefined when it does not parse. */
export function revisionOf(obj: KubeObject): number | undefined {
  const value = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (value === undefined) return 0;
  return /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

export function maxRevision(list: KubeObject[]): number {
  return list.reduce((max, rs) => Math.max(max, revisionOf(rs) ?? 0), 0);
}

// ---------------------------------------------------------------- surge and unavailability

function strategyOf(d: KubeObject): JsonObject {
  const s = specOf(d).strategy;
  return isJsonObject(s) ? s : {};
}

export function isRollingUpdate(d: KubeObject): boolean {
  return strategyOf(d).type === "RollingUpdate";
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || !/^\d+%$/.test(value)) return 0;
  const scaled = (Number(value.slice(0, -1)) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** ResolveFenceposts: surge rounds up, unavailability down, and both 0 means one unavailable. */
function resolveFenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const rollingUpdate = isJsonObject(strategyOf(d).rollingUpdate) ? (strategyOf(d).rollingUpdate as JsonObject) : {};
  const desired = specReplicas(d);
  const surge = scaledValue(rollingUpdate.maxSurge ?? "25%", desired, true);
  let unavailable = scaledValue(rollingUpdate.maxUnavailable ?? "25%", desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: KubeObject): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: KubeObject): number {
  if (!isRollingUpdate(d) || specReplicas(d) === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, specReplicas(d));
}

// ---------------------------------------------------------------- replica-set lists

export function creationTime(obj: KubeObject): number {
  const t = obj.metadata.creationTimestamp;
  const parsed = typeof t === "string" ? Date.parse(t) : NaN;
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const diff = creationTime(a) - creationTime(b);
  if (diff !== 0) return diff;
  return (a.metadata.name ?? "").localeCompare(b.metadata.name ?? "");
}

/** ReplicaSetsBySizeOlder: larger first, then older first. */
export function bySizeOlder(a: KubeObject, b: KubeObject): number {
  return specReplicas(b) - specReplicas(a) || byCreation(a, b);
}

/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export function bySizeNewer(a: KubeObject, b: KubeObject): number {
  return specReplicas(b) - specReplicas(a) || byCreation(b, a);
}

/** ReplicaSetsByRevision: lower revision first; by creation when equal or unparsable. */
export function byRevision(a: KubeObject, b: KubeObject): number {
  const [ra, rb] = [revisionOf(a), revisionOf(b)];
  if (ra === undefined || rb === undefined || ra === rb) return byCreation(a, b);
  return ra - rb;
}

export function filterActive(list: Array<KubeObject | undefined>): KubeObject[] {
  return list.filter((rs): rs is KubeObject => rs !== undefined && specReplicas(rs) > 0);
}

export function sumSpecReplicas(list: Array<KubeObject | undefined>): number {
  return list.reduce((n, rs) => n + (rs ? specReplicas(rs) : 0), 0);
}

function sumStatus(list: Array<KubeObject | undefined>, read: (rs: KubeObject) => number): number {
  return list.reduce((n, rs) => n + (rs ? read(rs) : 0), 0);
}

/** Pod templates equal once the pod-template-hash label is ignored (EqualIgnoreHash). */
export function equalIgnoreHash(t1: JsonObject, t2: JsonObject): boolean {
  const strip = (t: JsonObject) => {
    const copy = structuredClone(t);
    const metadata = asJsonObject(copy.metadata);
    if (metadata && isJsonObject(metadata.labels)) delete metadata.labels[POD_TEMPLATE_HASH_LABEL];
    return copy;
  };
  return semanticallyEqual(strip(t1), strip(t2));
}

/** The oldest replica set whose template is the Deployment's (FindNewReplicaSet). */
export function findNewReplicaSet(d: KubeObject, rsList: KubeObject[]): KubeObject | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(template(rs), template(d)));
}

/** FindActiveOrLatest: the only active replica set, else the newest one when none is active. */
export function findActiveOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** IsSaturated: the new replica set has all the replicas, all of them available. */
export function isSaturated(d: KubeObject, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  if (desired === undefined || !/^[+-]?\d+$/.test(desired)) return false;
  const replicas = specReplicas(d);
  return specReplicas(rs) === replicas && Number(desired) === replicas && availableReplicas(rs) === replicas;
}

/** NewRSNewReplicas: how far the new replica set may grow now. */
export function newRSNewReplicas(d: KubeObject, allRSs: KubeObject[], newRS: KubeObject): number {
  if (!isRollingUpdate(d)) return specReplicas(d);
  const currentPodCount = sumSpecReplicas(allRSs);
  const maxTotalPods = specReplicas(d) + maxSurge(d);
  if (currentPodCount >= maxTotalPods) return specReplicas(newRS);
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, specReplicas(d) - specReplicas(newRS));
  return specReplicas(newRS) + scaleUpCount;
}

/** GetProportion: the share of a proportional scaling that goes to this replica set. */
export function proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: KubeObject, d: KubeObject): number {
  if (specReplicas(d) === 0) return -specReplicas(rs);
  const deploymentReplicas = specReplicas(d) + maxSurge(d);
  const annotated = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION];
  const annotatedReplicas = annotated !== undefined && /^\d+$/.test(annotated) ? Number(annotated) : intValue(statusOf(d).replicas);
  if (annotatedReplicas === 0) return 0;
  const size = (specReplicas(rs) * deploymentReplicas) / annotatedReplicas;
  // integer.RoundToInt32: half away from zero
  const rounded = size < 0 ? Math.ceil(size - 0.5) : Math.floor(size + 0.5);
  return rounded - specReplicas(rs);
}

// ---------------------------------------------------------------- annotations

/** SetReplicasAnnotations; true when something changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of [
    [DESIRED_REPLICAS_ANNOTATION, String(desired)],
    [MAX_REPLICAS_ANNOTATION, String(max)],
  ] as const) {
    if (annotations[key] !== value) {
      annotations[key] = value;
      changed = true;
    }
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
}

const ANNOTATIONS_NOT_COPIED = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO,
]);

/** copyDeploymentAnnotationsToReplicaSet: the Deployment's own annotations (e.g. change-cause) go to its replica sets. */
function copyDeploymentAnnotations(d: KubeObject, rs: KubeObject): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision (keeping the
 * old one in revision-history when a replica set comes back) and, for a replica set about to be
 * created, sets desired-replicas and max-replicas. True when something changed.
 */
export function setNewReplicaSetAnnotations(d: KubeObject, rs: KubeObject, newRevision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = (rs.metadata.annotations ??= {});
  const oldText = annotations[REVISION_ANNOTATION];
  const hadRevision = oldText !== undefined;
  let oldRevision = 0;
  if (oldText !== undefined && oldText !== "") {
    if (!/^[+-]?\d+$/.test(oldText)) return false;
    oldRevision = Number(oldText);
  }
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
  }
  if (hadRevision && oldRevision < newRevision && oldText !== undefined) {
    const history = annotations[REVISION_HISTORY_ANNOTATION] ?? "";
    const oldRevisions = history.split(",");
    if (oldRevisions[0] === "") {
      annotations[REVISION_HISTORY_ANNOTATION] = oldText;
    } else {
      let totalLength = history.length + oldText.length + 1;
      let start = 0;
      while (totalLength > MAX_REVISION_HISTORY_CHARS && start < oldRevisions.length) {
        totalLength -= oldRevisions[start]!.length + 1;
        start++;
      }
      if (totalLength <= MAX_REVISION_HISTORY_CHARS) {
        annotations[REVISION_HISTORY_ANNOTATION] = [...oldRevisions.slice(start), oldText].join(",");
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, specReplicas(d), specReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

// ---------------------------------------------------------------- conditions

export function newCondition(type: string, status: DeploymentCondition["status"], reason: string, message: string): DeploymentCondition {
  const now = nowTimestamp();
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: { conditions?: DeploymentCondition[] }, type: string): DeploymentCondition | undefined {
  return (status.conditions ?? []).find((c) => c.type === type);
}

/** SetDeploymentCondition: same status and reason changes nothing; the transition time stays while the status does. */
export function setCondition(status: { conditions: DeploymentCondition[] }, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...status.conditions.filter((c) => c.type !== condition.type), condition];
}

export function removeCondition(status: { conditions: DeploymentCondition[] }, type: string): void {
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

// ---------------------------------------------------------------- status

/** The Deployment's status as stored, read into numbers (zero when absent, as in Go). */
export function readStatus(d: KubeObject): DeploymentStatus {
  const s = statusOf(d);
  const conditions = Array.isArray(s.conditions) ? (structuredClone(s.conditions) as DeploymentCondition[]) : [];
  return {
    observedGeneration: intValue(s.observedGeneration),
    replicas: intValue(s.replicas),
    updatedReplicas: intValue(s.updatedReplicas),
    readyReplicas: intValue(s.readyReplicas),
    availableReplicas: intValue(s.availableReplicas),
    unavailableReplicas: intValue(s.unavailableReplicas),
    conditions,
    ...(typeof s.collisionCount === "number" ? { collisionCount: s.collisionCount } : {}),
  };
}

/** apps/v1 DeploymentStatus as JSON: zero values omitted (omitempty), fields in the Go struct's order. */
export function statusJson(status: DeploymentStatus): JsonObject {
  const out: JsonObject = {};
  for (const key of ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"] as const) {
    if (status[key] !== 0) out[key] = status[key];
  }
  if (status.conditions.length > 0) out.conditions = status.conditions;
  if (status.collisionCount !== undefined) out.collisionCount = status.collisionCount;
  return out;
}

export function sameStatus(a: DeploymentStatus, b: DeploymentStatus): boolean {
  return JSON.stringify(statusJson(a)) === JSON.stringify(statusJson(b));
}

/** calculateStatus (sync.go): counts from the replica sets and the Available condition. */
export function calculateStatus(allRSs: Array<KubeObject | undefined>, newRS: KubeObject | undefined, d: KubeObject): DeploymentStatus {
  const current = readStatus(d);
  const available = sumStatus(allRSs, availableReplicas);
  const unavailable = Math.max(0, sumSpecReplicas(allRSs) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: sumStatus(allRSs, statusReplicas),
    updatedReplicas: sumStatus([newRS], statusReplicas),
    readyReplicas: sumStatus(allRSs, readyReplicas),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    conditions: current.conditions,
    ...(current.collisionCount !== undefined ? { collisionCount: current.collisionCount } : {}),
  };
  if (available >= specReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition("Available", "True", Reason.minimumReplicasAvailable, "Deployment has minimum availability."));
  } else {
    setCondition(status, newCondition("Available", "False", Reason.minimumReplicasUnavailable, "Deployment does not have minimum availability."));
  }
  return status;
}

export function hasProgressDeadline(d: KubeObject): boolean {
  const deadline = specOf(d).progressDeadlineSeconds;
  return typeof deadline === "number" && deadline !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: KubeObject): boolean {
  const limit = specOf(d).revisionHistoryLimit;
  return typeof limit === "number" && limit !== MAX_INT32;
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: KubeObject, status: DeploymentStatus): boolean {
  const replicas = specReplicas(d);
  return (
    status.updatedReplicas === replicas &&
    status.replicas === replicas &&
    status.availableReplicas === replicas &&
    status.observedGeneration >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than before. */
export function deploymentProgressing(d: KubeObject, status: DeploymentStatus): boolean {
  const old = readStatus(d);
  return (
    status.updatedReplicas > old.updatedReplicas ||
    status.replicas - status.updatedReplicas < old.replicas - old.updatedReplicas ||
    status.readyReplicas > old.readyReplicas ||
    status.availableReplicas > old.availableReplicas
  );
}

/** DeploymentTimedOut: no progress reported for progressDeadlineSeconds. */
export function deploymentTimedOut(d: KubeObject, status: DeploymentStatus, now = Date.now()): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, "Progressing");
  if (!condition) return false;
  if (condition.reason === Reason.newRSAvailable) return false;
  if (condition.reason === Reason.timedOut) return true;
  const from = Date.parse(condition.lastUpdateTime ?? "");
  if (Number.isNaN(from)) return false;
  return from + intValue(specOf(d).progressDeadlineSeconds) * 1000 < now;
}
