import { isNamespaceTerminating, type ResourceService } from "../api/resource-service.ts";
import { nowTimestamp } from "../api/meta-time.ts";
import { StatusError } from "../api/status.ts";
import type { KubeObject, OwnerReference } from "../api/types.ts";
import { matchesLabels } from "../api/selectors.ts";
import { parseSelector } from "../kinds/workload-template.ts";
import { EventRecorder } from "./event-recorder.ts";
import { claimObjects, controllerRefOf, newControllerRef } from "./controller-ref.ts";
import { podsToDelete } from "./pod-deletion-order.ts";
import { isPodActive, isPodAvailable, isPodReady, podAvailableAt } from "./pod-readiness.ts";
import { errorMessage, queueKey, WorkQueue } from "./work-queue.ts";
import { intValue, isJsonObject, type JsonObject, specOf, statusOf } from "../api/json-values.ts";

/**
 * Keeps `spec.replicas` pods for every ReplicaSet: creates them from the template, deletes the
 * surplus, adopts matching orphans and reports the counts in status
 * (kubernetes pkg/controller/replicaset/replica_set.go).
 */

/** pkg/controller/replicaset: BurstReplicas, the most pods created or deleted in one sync. */
const BURST_REPLICAS = 500;

interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  observedGeneration: number;
  conditions: ReplicaSetCondition[];
}

function templateOf(rs: KubeObject): JsonObject {
  const template = specOf(rs).template;
  return isJsonObject(template) ? template : {};
}

function templateMetadata(rs: KubeObject): JsonObject {
  const metadata = templateOf(rs).metadata;
  return isJsonObject(metadata) ? metadata : {};
}

/** The ReplicaSet a pod's controller reference names, when it names one. */
function replicaSetRefOf(pod: KubeObject): OwnerReference | undefined {
  const ref = controllerRefOf(pod);
  return ref && ref.kind === "ReplicaSet" && ref.apiVersion.startsWith("apps/") ? ref : undefined;
}

function readStatus(rs: KubeObject): ReplicaSetStatus {
  const s = statusOf(rs);
  return {
    replicas: intValue(s.replicas),
    fullyLabeledReplicas: intValue(s.fullyLabeledReplicas),
    readyReplicas: intValue(s.readyReplicas),
    availableReplicas: intValue(s.availableReplicas),
    observedGeneration: intValue(s.observedGeneration),
    conditions: Array.isArray(s.conditions) ? (structuredClone(s.conditions) as ReplicaSetCondition[]) : [],
  };
}

/** apps/v1 ReplicaSetStatus as JSON: `replicas` always, the other counts only when not zero. */
function statusJson(status: ReplicaSetStatus): JsonObject {
  const out: JsonObject = { replicas: status.replicas };
  for (const key of ["fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"] as const) {
    if (status[key] !== 0) out[key] = status[key];
  }
  if (status.conditions.length > 0) out.conditions = status.conditions;
  return out;
}

/** controller.SlowStartBatch: calls in batches of 1, 2, 4, … and stops at the first batch with a failure. */
async function slowStartBatch(count: number, call: () => Promise<void>): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, call));
    successes += results.filter((r) => r.status === "fulfilled").length;
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failure) return { successes, error: failure.reason };
    remaining -= batch;
  }
  return { successes };
}

export function startReplicaSetController(service: ResourceService, log?: (line: string) => void): () => void {
  const replicaSets = service.definition("apps", "replicasets");
  const pods = service.definition("", "pods");
  const recorder = new EventRecorder(service, { component: "replicaset-controller" });

  const queue = new WorkQueue(
    (key) => syncReplicaSet(key),
    (key, error) => log?.(`replicaset controller: ${key}: ${errorMessage(error)}`),
  );

  async function syncReplicaSet(key: string): Promise<void> {
    // Run after the write that queued this key has reached every other subscriber.
    await Promise.resolve();
    const [namespace = "", name = ""] = key.split("/");
    const rs = service.tryGet(replicaSets, namespace, name);
    if (!rs) return;
    const selector = parseSelector(specOf(rs).selector);
    if (!selector) return;
    const active = service.list(pods, namespace).items.filter(isPodActive);
    const owned = await claimObjects({ service, ownerDef: replicaSets, owner: rs, dependentDef: pods, selector }, active);

    let manageError: unknown;
    const diff = owned.length - intValue(specOf(rs).replicas);
    if (!rs.metadata.deletionTimestamp) {
      try {
        await manageReplicas(rs, owned, diff);
      } catch (error) {
        manageError = error;
      }
    }
    const current = service.tryGet(replicaSets, namespace, name);
    if (!current || current.metadata.uid !== rs.metadata.uid) return;
    const ownedNow = service
      .list(pods, namespace)
      .items.filter((pod) => isPodActive(pod) && controllerRefOf(pod)?.uid === rs.metadata.uid);
    const now = Date.now();
    await updateStatus(current, calculateStatus(current, ownedNow, manageError, diff, now));
    requeueForAvailability(current, ownedNow, now);
    if (manageError) throw manageError;
  }

  async function manageReplicas(rs: KubeObject, owned: KubeObject[], diff: number): Promise<void> {
    if (diff < 0) {
      const { error } = await slowStartBatch(Math.min(-diff, BURST_REPLICAS), () => createPod(rs));
      if (error) throw error;
    } else if (diff > 0) {
      const victims = podsToDelete(owned, relatedPods(rs), Math.min(diff, BURST_REPLICAS));
      const results = await Promise.allSettled(victims.map((pod) => deletePod(rs, pod)));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failure) throw failure.reason;
    }
  }

  /** controller_utils.go GetPodFromTemplate + CreatePods. */
  async function createPod(rs: KubeObject): Promise<void> {
    const namespace = rs.metadata.namespace ?? "";
    const meta = templateMetadata(rs);
    const nonEmpty = (value: unknown) => (isJsonObject(value) && Object.keys(value).length > 0 ? structuredClone(value) : undefined);
    const finalizers = Array.isArray(meta.finalizers) && meta.finalizers.length > 0 ? [...(meta.finalizers as string[])] : undefined;
    const body: KubeObject = {
      metadata: {
        generateName: `${rs.metadata.name ?? ""}-`,
        namespace,
        ...(nonEmpty(meta.labels) ? { labels: nonEmpty(meta.labels) as Record<string, string> } : {}),
        ...(nonEmpty(meta.annotations) ? { annotations: nonEmpty(meta.annotations) as Record<string, string> } : {}),
        ...(finalizers ? { finalizers } : {}),
        ownerReferences: [newControllerRef(rs, replicaSets)],
      },
      spec: structuredClone(templateOf(rs).spec ?? {}),
    };
    let created: KubeObject;
    try {
      created = await service.create(pods, namespace, body);
    } catch (error) {
      // A namespace being deleted refuses every create: not worth an event (NamespaceTerminatingCause).
      if (!isNamespaceTerminating(error)) {
        await recorder.record(rs, { type: "Warning", reason: "FailedCreate", message: `Error creating: ${errorMessage(error)}` });
      }
      throw error;
    }
    await recorder.record(rs, { type: "Normal", reason: "SuccessfulCreate", message: `Created pod: ${created.metadata.name ?? ""}` });
  }

  async function deletePod(rs: KubeObject, pod: KubeObject): Promise<void> {
    const name = pod.metadata.name ?? "";
    try {
      await service.delete(pods, pod.metadata.namespace ?? "", name);
    } catch (error) {
      if (error instanceof StatusError && error.code === 404) return;
      await recorder.record(rs, { type: "Warning", reason: "FailedDelete", message: `Error deleting: ${errorMessage(error)}` });
      throw error;
    }
    await recorder.record(rs, { type: "Normal", reason: "SuccessfulDelete", message: `Deleted pod: ${name}` });
  }

  /**
   * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (the other
   * revisions of a Deployment), used to spread deletions across nodes.
   */
  function relatedPods(rs: KubeObject): KubeObject[] {
    const controller = controllerRefOf(rs);
    if (!controller) return [];
    const namespace = rs.metadata.namespace ?? "";
    const siblings = service.list(replicaSets, namespace).items.filter((other) => controllerRefOf(other)?.uid === controller.uid);
    const all = service.list(pods, namespace).items;
    const seen = new Set<string>();
    const related: KubeObject[] = [];
    for (const sibling of siblings) {
      const selector = parseSelector(specOf(sibling).selector);
      if (!selector) continue;
      for (const pod of all) {
        if (seen.has(pod.metadata.uid ?? "") || !matchesLabels(selector, pod.metadata.labels ?? {})) continue;
        seen.add(pod.metadata.uid ?? "");
        related.push(pod);
      }
    }
    return related;
  }

  function calculateStatus(rs: KubeObject, owned: KubeObject[], manageError: unknown, diff: number, now: number): ReplicaSetStatus {
    const status = readStatus(rs);
    const templateLabels = (isJsonObject(templateMetadata(rs).labels) ? templateMetadata(rs).labels : {}) as Record<string, string>;
    const minReadySeconds = intValue(specOf(rs).minReadySeconds);
    const fullyLabeled = owned.filter((pod) =>
      Object.entries(templateLabels).every(([k, v]) => (pod.metadata.labels ?? {})[k] === v),
    ).length;
    const failure = status.conditions.find((c) => c.type === "ReplicaFailure");
    if (manageError && !failure) {
      const reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
      status.conditions = [
        ...status.conditions,
        { type: "ReplicaFailure", status: "True", lastTransitionTime: nowTimestamp(), reason, message: errorMessage(manageError) },
      ];
    } else if (!manageError && failure) {
      status.conditions = status.conditions.filter((c) => c.type !== "ReplicaFailure");
    }
    status.replicas = owned.length;
    status.fullyLabeledReplicas = fullyLabeled;
    status.readyReplicas = owned.filter(isPodReady).length;
    status.availableReplicas = owned.filter((pod) => isPodAvailable(pod, minReadySeconds, now)).length;
    return status;
  }

  /** updateReplicaSetStatus: written only when a count, the conditions or the observed generation changes. */
  async function updateStatus(rs: KubeObject, status: ReplicaSetStatus): Promise<void> {
    const current = readStatus(rs);
    const generation = rs.metadata.generation ?? 0;
    const unchanged =
      current.replicas === status.replicas &&
      current.fullyLabeledReplicas === status.fullyLabeledReplicas &&
      current.readyReplicas === status.readyReplicas &&
      current.availableReplicas === status.availableReplicas &&
      current.observedGeneration === generation &&
      JSON.stringify(current.conditions) === JSON.stringify(status.conditions);
    if (unchanged) return;
    status.observedGeneration = generation;
    await service.mutate(
      replicaSets,
      rs.metadata.namespace ?? "",
      rs.metadata.name ?? "",
      (obj) => {
        if (obj.metadata.uid !== rs.metadata.uid) return false;
        obj.status = statusJson(status);
      },
      "status",
    );
  }

  /** A pod that is ready but not yet for minReadySeconds becomes available later: look again then. */
  function requeueForAvailability(rs: KubeObject, owned: KubeObject[], now: number): void {
    const minReadySeconds = intValue(specOf(rs).minReadySeconds);
    const times = owned.map((pod) => podAvailableAt(pod, minReadySeconds, now)).filter((t): t is number => t !== undefined);
    if (times.length > 0) queue.addAfter(queueKey(rs), Math.max(0, Math.min(...times) - now) + 50);
  }

  function replicaSetsSelecting(pod: KubeObject): KubeObject[] {
    return service.list(replicaSets, pod.metadata.namespace ?? "").items.filter((rs) => {
      const selector = parseSelector(specOf(rs).selector);
      return selector !== undefined && matchesLabels(selector, pod.metadata.labels ?? {});
    });
  }

  for (const rs of service.list(replicaSets, undefined).items) queue.add(queueKey(rs));
  const unsubscribe = service.store.subscribe((change) => {
    if (change.resource === "replicasets.apps") {
      queue.add(queueKey(change.object));
      return;
    }
    if (change.resource !== "pods") return;
    const pod = change.object;
    const ref = replicaSetRefOf(pod);
    const oldRef = change.previous ? replicaSetRefOf(change.previous) : undefined;
    const namespace = pod.metadata.namespace ?? "";
    if (oldRef && oldRef.uid !== ref?.uid) queue.add(`${namespace}/${oldRef.name}`);
    if (ref) {
      queue.add(`${namespace}/${ref.name}`);
      return;
    }
    if (change.type === "DELETED" || pod.metadata.deletionTimestamp) return;
    const labelsChanged = JSON.stringify(change.previous?.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
    if (change.type === "ADDED" || labelsChanged || oldRef) {
      // An orphan: every ReplicaSet that selects it may adopt it.
      for (const rs of replicaSetsSelecting(pod)) queue.add(queueKey(rs));
    }
  });
  return () => {
    unsubscribe();
    queue.stop();
  };
}

