import { isNamespaceTerminating, type ResourceService } from "../api/resource-service.ts";
import { StatusError, conflict } from "../api/status.ts";
import type { KubeObject, OwnerReference } from "../api/types.ts";
import { isEverythingLabelSelector, matchesLabels, type LabelSelector } from "../api/selectors.ts";
import { parseSelector } from "../kinds/workload-template.ts";
import { EventRecorder } from "./event-recorder.ts";
import { claimObjects, controllerRefOf, newControllerRef } from "./controller-ref.ts";
import { computePodTemplateHash } from "./pod-template-hash.ts";
import {
  DESIRED_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  Reason,
  availableReplicas,
  byCreation,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  calculateStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  filterActive,
  findActiveOrLatest,
  findNewReplicaSet,
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRSNewReplicas,
  proportion,
  readStatus,
  removeCondition,
  replicasAnnotationsNeedUpdate,
  sameStatus,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  statusJson,
  statusReplicas,
  sumSpecReplicas,
  template,
  type DeploymentCondition,
  type DeploymentStatus,
} from "./deployment-util.ts";
import { errorMessage, queueKey, WorkQueue } from "./work-queue.ts";
import { isJsonObject, specOf, type JsonObject } from "../api/json-values.ts";

/**
 * Rolls Deployments out through ReplicaSets: one ReplicaSet per pod template, named after the
 * template's hash; a new template scales a new ReplicaSet up and the old ones down within the
 * surge and unavailability budgets (or all at once for Recreate); scaling, revision history and the
 * status with its Available and Progressing conditions
 * (kubernetes pkg/controller/deployment: deployment_controller.go, sync.go, rolling.go, recreate.go, progress.go).
 */

function deploymentRefOf(obj: KubeObject): OwnerReference | undefined {
  const ref = controllerRefOf(obj);
  return ref && ref.kind === "Deployment" && ref.apiVersion.startsWith("apps/") ? ref : undefined;
}

function withStatus(d: KubeObject, status: DeploymentStatus): void {
  d.status = statusJson(status);
}

export function startDeploymentController(service: ResourceService, log?: (line: string) => void): () => void {
  const deployments = service.definition("apps", "deployments");
  const replicaSets = service.definition("apps", "replicasets");
  const pods = service.definition("", "pods");
  const recorder = new EventRecorder(service, { component: "deployment-controller" });
  const queue = new WorkQueue(
    (key) => syncDeployment(key),
    (key, error) => log?.(`deployment controller: ${key}: ${errorMessage(error)}`),
  );
  const timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();

  /** Looks at a Deployment again later (one pending timer per Deployment, the earliest wins). */
  function requeueAfter(key: string, delayMs: number): void {
    const at = Date.now() + delayMs;
    const existing = timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      timers.delete(key);
      queue.add(key);
    }, delayMs);
    timer.unref();
    timers.set(key, { at, timer });
  }

  async function syncDeployment(key: string): Promise<void> {
    // Run after the write that queued this key has reached every other subscriber.
    await Promise.resolve();
    const [namespace = "", name = ""] = key.split("/");
    const stored = service.tryGet(deployments, namespace, name);
    if (!stored) return;
    const d = structuredClone(stored);
    const selector = parseSelector(specOf(d).selector);
    if (!selector) return;
    if (isEverythingLabelSelector(selector)) return selectingAll(d);

    const rsList = await replicaSetsFor(d, selector);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(d, rsList);
    await checkPausedConditions(d);
    if (specOf(d).paused === true) return sync(d, rsList);
    if (await isScalingEvent(d, rsList)) return sync(d, rsList);
    const strategy = specOf(d).strategy;
    if (isJsonObject(strategy) && strategy.type === "Recreate") {
      return rolloutRecreate(d, rsList, podMapFor(d, selector, rsList));
    }
    return rolloutRolling(d, rsList);
  }

  async function selectingAll(d: KubeObject): Promise<void> {
    await recorder.record(d, { type: "Warning", reason: "SelectingAll", message: "This deployment is selecting all pods. A non-empty selector is required." });
    const status = readStatus(d);
    if (status.observedGeneration < (d.metadata.generation ?? 0)) {
      status.observedGeneration = d.metadata.generation ?? 0;
      withStatus(d, status);
      await writeStatus(d);
    }
  }

  /** getReplicaSetsForDeployment: the ReplicaSets it controls, after adopting and releasing. */
  async function replicaSetsFor(d: KubeObject, selector: LabelSelector): Promise<KubeObject[]> {
    const candidates = service.list(replicaSets, d.metadata.namespace ?? "").items;
    return claimObjects({ service, ownerDef: deployments, owner: d, dependentDef: replicaSets, selector }, candidates);
  }

  /** getPodMapForDeployment: its pods, by the uid of the ReplicaSet that controls them. */
  function podMapFor(d: KubeObject, selector: LabelSelector, rsList: KubeObject[]): Map<string, KubeObject[]> {
    const map = new Map<string, KubeObject[]>(rsList.map((rs) => [rs.metadata.uid ?? "", []]));
    for (const pod of service.list(pods, d.metadata.namespace ?? "").items) {
      if (!matchesLabels(selector, pod.metadata.labels ?? {})) continue;
      const ref = controllerRefOf(pod);
      if (ref) map.get(ref.uid)?.push(pod);
    }
    return map;
  }

  // ------------------------------------------------------------ writes

  /**
   * Writes the working copy's status. kube-apiserver's Deployment status strategy also takes the
   * annotations a controller changes (it resets only spec and labels); here the status subresource
   * keeps metadata, so the revision annotation goes through the main resource first.
   */
  async function writeStatus(d: KubeObject): Promise<void> {
    const { namespace = "", name = "", uid } = d.metadata;
    const revision = d.metadata.annotations?.[REVISION_ANNOTATION];
    if (revision !== undefined) {
      await service.mutate(deployments, namespace, name, (obj) => {
        if (obj.metadata.uid !== uid || obj.metadata.annotations?.[REVISION_ANNOTATION] === revision) return false;
        obj.metadata.annotations = { ...obj.metadata.annotations, [REVISION_ANNOTATION]: revision };
      });
    }
    await service.mutate(
      deployments,
      namespace,
      name,
      (obj) => {
        if (obj.metadata.uid !== uid) return false;
        obj.status = structuredClone(d.status);
      },
      "status",
    );
  }

  /**
   * Replaces a ReplicaSet's spec and annotations, refusing (Conflict) when its spec changed since it
   * was read, as an update with the old resourceVersion would; status changes in between are fine.
   */
  async function updateReplicaSet(rs: KubeObject, change: (copy: KubeObject) => void): Promise<KubeObject> {
    const { namespace = "", name = "", uid, generation } = rs.metadata;
    const updated = await service.mutate(replicaSets, namespace, name, (obj) => {
      if (obj.metadata.uid !== uid || obj.metadata.generation !== generation) throw conflict(replicaSets, name);
      change(obj);
    });
    if (!updated) throw conflict(replicaSets, name);
    return updated;
  }

  function setDeploymentRevision(d: KubeObject, revision: string): boolean {
    const annotations = (d.metadata.annotations ??= {});
    if (annotations[REVISION_ANNOTATION] === revision) return false;
    annotations[REVISION_ANNOTATION] = revision;
    return true;
  }

  // ------------------------------------------------------------ the new and old ReplicaSets

  async function allReplicaSetsAndSyncRevision(
    d: KubeObject,
    rsList: KubeObject[],
    createIfMissing: boolean,
  ): Promise<{ newRS: KubeObject | undefined; oldRSs: KubeObject[] }> {
    const current = findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs.metadata.uid !== current?.metadata.uid);
    const newRS = await newReplicaSet(d, rsList, oldRSs, createIfMissing);
    return { newRS, oldRSs };
  }

  /** getNewReplicaSet: finds (and brings up to date) or creates the ReplicaSet of the current template. */
  async function newReplicaSet(d: KubeObject, rsList: KubeObject[], oldRSs: KubeObject[], createIfMissing: boolean): Promise<KubeObject | undefined> {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    const minReadySeconds = typeof specOf(d).minReadySeconds === "number" ? (specOf(d).minReadySeconds as number) : 0;

    if (existing) {
      const copy = structuredClone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const rsMinReady = typeof specOf(copy).minReadySeconds === "number" ? (specOf(copy).minReadySeconds as number) : 0;
      if (annotationsUpdated || rsMinReady !== minReadySeconds) {
        return updateReplicaSet(existing, (obj) => {
          obj.metadata.annotations = copy.metadata.annotations;
          const spec = specOf(obj);
          if (minReadySeconds !== 0) spec.minReadySeconds = minReadySeconds;
          else delete spec.minReadySeconds;
          obj.spec = spec;
        });
      }
      let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? "");
      const status = readStatus(d);
      if (hasProgressDeadline(d) && !getCondition(status, "Progressing")) {
        setCondition(status, newCondition("Progressing", "True", Reason.foundNewRS, `Found new replica set "${copy.metadata.name}"`));
        withStatus(d, status);
        needsUpdate = true;
      }
      if (needsUpdate) await writeStatus(d);
      return copy;
    }
    if (!createIfMissing) return undefined;

    const status = readStatus(d);
    const podTemplate = structuredClone(template(d));
    const hash = computePodTemplateHash(podTemplate, status.collisionCount);
    const templateMeta = isJsonObject(podTemplate.metadata) ? podTemplate.metadata : {};
    const labels = { ...(isJsonObject(templateMeta.labels) ? (templateMeta.labels as Record<string, string>) : {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    podTemplate.metadata = { ...templateMeta, labels };
    const selector = structuredClone(specOf(d).selector) as JsonObject;
    selector.matchLabels = { ...(isJsonObject(selector.matchLabels) ? selector.matchLabels : {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata.name ?? ""}-${hash}`;
    const body: KubeObject = {
      metadata: { name, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [newControllerRef(d, deployments)] },
      spec: {
        replicas: 0,
        ...(minReadySeconds !== 0 ? { minReadySeconds } : {}),
        selector,
        template: podTemplate,
      },
    };
    const replicas = newRSNewReplicas(d, [...oldRSs, body], body);
    (body.spec as JsonObject).replicas = replicas;
    setNewReplicaSetAnnotations(d, body, newRevision, false);

    let created: KubeObject;
    let alreadyExists = false;
    try {
      created = await service.create(replicaSets, d.metadata.namespace ?? "", body);
    } catch (error) {
      if (error instanceof StatusError && error.reason === "AlreadyExists") {
        alreadyExists = true;
        const found = service.tryGet(replicaSets, d.metadata.namespace ?? "", name);
        if (!found) throw error;
        if (controllerRefOf(found)?.uid === d.metadata.uid && equalIgnoreHash(template(d), template(found))) {
          created = found;
        } else {
          // A hash collision: another template already has this name. Hash again with a count.
          status.collisionCount = (status.collisionCount ?? 0) + 1;
          withStatus(d, status);
          await writeStatus(d).catch(() => {});
          throw error;
        }
      } else if (isNamespaceTerminating(error)) {
        throw error;
      } else {
        const message = `Failed to create new replica set "${name}": ${errorMessage(error)}`;
        if (hasProgressDeadline(d)) {
          setCondition(status, newCondition("Progressing", "False", Reason.failedRSCreate, message));
          withStatus(d, status);
          await writeStatus(d).catch(() => {});
        }
        await recorder.record(d, { type: "Warning", reason: Reason.failedRSCreate, message });
        throw error;
      }
    }
    if (!alreadyExists && replicas > 0) {
      await recorder.record(d, { type: "Normal", reason: "ScalingReplicaSet", message: `Scaled up replica set ${name} from 0 to ${replicas}` });
    }
    let needsUpdate = setDeploymentRevision(d, String(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      const next = readStatus(d);
      setCondition(next, newCondition("Progressing", "True", Reason.newReplicaSet, `Created new replica set "${name}"`));
      withStatus(d, next);
      needsUpdate = true;
    }
    if (needsUpdate) await writeStatus(d);
    return created;
  }

  // ------------------------------------------------------------ scaling

  async function scaleReplicaSetAndRecordEvent(rs: KubeObject, newScale: number, d: KubeObject): Promise<{ scaled: boolean; rs: KubeObject }> {
    if (specReplicas(rs) === newScale) return { scaled: false, rs };
    return scaleReplicaSet(rs, newScale, d, specReplicas(rs) < newScale ? "up" : "down");
  }

  async function scaleReplicaSet(rs: KubeObject, newScale: number, d: KubeObject, operation: string): Promise<{ scaled: boolean; rs: KubeObject }> {
    const sizeNeedsUpdate = specReplicas(rs) !== newScale;
    const desired = specReplicas(d);
    const max = desired + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const oldScale = specReplicas(rs);
    const updated = await updateReplicaSet(rs, (obj) => {
      obj.spec = { ...specOf(obj), replicas: newScale };
      setReplicasAnnotations(obj, desired, max);
    });
    if (sizeNeedsUpdate) {
      await recorder.record(d, {
        type: "Normal",
        reason: "ScalingReplicaSet",
        message: `Scaled ${operation} replica set ${rs.metadata.name ?? ""} from ${oldScale} to ${newScale}`,
      });
    }
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  /** isScalingEvent: an active ReplicaSet was sized for another replica count than the Deployment's. */
  async function isScalingEvent(d: KubeObject, rsList: KubeObject[]): Promise<boolean> {
    const { newRS, oldRSs } = await allReplicaSetsAndSyncRevision(d, rsList, false);
    return filterActive([...oldRSs, newRS]).some((rs) => {
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      return desired !== undefined && /^[+-]?\d+$/.test(desired) && Number(desired) !== specReplicas(d);
    });
  }

  /** scale: resizes the only active ReplicaSet, or all of them in proportion during a rollout. */
  async function scale(d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): Promise<void> {
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (specReplicas(activeOrLatest) !== specReplicas(d)) await scaleReplicaSetAndRecordEvent(activeOrLatest, specReplicas(d), d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActive(oldRSs)) await scaleReplicaSetAndRecordEvent(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const allRSs = filterActive([...oldRSs, newRS]);
    const allowedSize = specReplicas(d) > 0 ? specReplicas(d) + maxSurge(d) : 0;
    const toAdd = allowedSize - sumSpecReplicas(allRSs);
    let operation = "";
    if (toAdd > 0) {
      allRSs.sort(bySizeNewer);
      operation = "up";
    } else if (toAdd < 0) {
      allRSs.sort(bySizeOlder);
      operation = "down";
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of allRSs) {
      if (toAdd !== 0) {
        const share = proportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.name ?? "", specReplicas(rs) + share);
        added += share;
      } else {
        sizes.set(rs.metadata.name ?? "", specReplicas(rs));
      }
    }
    for (const [i, rs] of allRSs.entries()) {
      const name = rs.metadata.name ?? "";
      if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, (sizes.get(name) ?? 0) + toAdd - added));
      await scaleReplicaSet(rs, sizes.get(name) ?? 0, d, operation);
    }
  }

  /** sync: scaling events and paused Deployments. */
  async function sync(d: KubeObject, rsList: KubeObject[]): Promise<void> {
    const { newRS, oldRSs } = await allReplicaSetsAndSyncRevision(d, rsList, false);
    await scale(d, newRS, oldRSs);
    if (specOf(d).paused === true) await cleanupDeployment(oldRSs, d);
    await syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  async function syncStatusOnly(d: KubeObject, rsList: KubeObject[]): Promise<void> {
    const { newRS, oldRSs } = await allReplicaSetsAndSyncRevision(d, rsList, false);
    await syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  async function checkPausedConditions(d: KubeObject): Promise<void> {
    if (!hasProgressDeadline(d)) return;
    const status = readStatus(d);
    const condition = getCondition(status, "Progressing");
    if (condition?.reason === Reason.timedOut) return;
    const pausedConditionExists = condition?.reason === Reason.paused;
    const paused = specOf(d).paused === true;
    if (paused && !pausedConditionExists) {
      setCondition(status, newCondition("Progressing", "Unknown", Reason.paused, "Deployment is paused"));
    } else if (!paused && pausedConditionExists) {
      setCondition(status, newCondition("Progressing", "Unknown", Reason.resumed, "Deployment is resumed"));
    } else {
      return;
    }
    withStatus(d, status);
    await writeStatus(d);
  }

  // ------------------------------------------------------------ rolling update

  async function rolloutRolling(d: KubeObject, rsList: KubeObject[]): Promise<void> {
    const { newRS, oldRSs } = await allReplicaSetsAndSyncRevision(d, rsList, true);
    if (!newRS) return;
    const allRSs = [...oldRSs, newRS];
    if (await reconcileNewReplicaSet(allRSs, newRS, d)) return syncRolloutStatus(allRSs, newRS, d);
    if (await reconcileOldReplicaSets(allRSs, filterActive(oldRSs), newRS, d)) return syncRolloutStatus(allRSs, newRS, d);
    if (deploymentComplete(d, readStatus(d))) await cleanupDeployment(oldRSs, d);
    return syncRolloutStatus(allRSs, newRS, d);
  }

  async function reconcileNewReplicaSet(allRSs: KubeObject[], newRS: KubeObject, d: KubeObject): Promise<boolean> {
    if (specReplicas(newRS) === specReplicas(d)) return false;
    if (specReplicas(newRS) > specReplicas(d)) return (await scaleReplicaSetAndRecordEvent(newRS, specReplicas(d), d)).scaled;
    return (await scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, allRSs, newRS), d)).scaled;
  }

  /** reconcileOldReplicaSets: scale old ReplicaSets down as far as the availability budget allows. */
  async function reconcileOldReplicaSets(allRSs: KubeObject[], oldRSs: KubeObject[], newRS: KubeObject, d: KubeObject): Promise<boolean> {
    if (sumSpecReplicas(oldRSs) === 0) return false;
    const minAvailable = specReplicas(d) - maxUnavailable(d);
    const newRSUnavailable = specReplicas(newRS) - availableReplicas(newRS);
    const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newRSUnavailable;
    if (maxScaledDown <= 0) return false;
    const { oldRSs: cleaned, count: cleanedUp } = await cleanupUnhealthyReplicas(oldRSs, d, maxScaledDown);
    const scaledDown = await scaleDownOldReplicaSetsForRollingUpdate([...cleaned, newRS], cleaned, d);
    return cleanedUp + scaledDown > 0;
  }

  /** cleanupUnhealthyReplicas: first remove old replicas that are not available anyway. */
  async function cleanupUnhealthyReplicas(oldRSs: KubeObject[], d: KubeObject, maxCleanup: number): Promise<{ oldRSs: KubeObject[]; count: number }> {
    const sorted = [...oldRSs].sort(byCreation);
    let total = 0;
    for (const [i, target] of sorted.entries()) {
      if (total >= maxCleanup) break;
      const replicas = specReplicas(target);
      if (replicas === 0 || replicas === availableReplicas(target)) continue;
      const count = Math.min(maxCleanup - total, replicas - availableReplicas(target));
      const { rs } = await scaleReplicaSetAndRecordEvent(target, replicas - count, d);
      total += count;
      sorted[i] = rs;
    }
    return { oldRSs: sorted, count: total };
  }

  async function scaleDownOldReplicaSetsForRollingUpdate(allRSs: KubeObject[], oldRSs: KubeObject[], d: KubeObject): Promise<number> {
    const minAvailable = specReplicas(d) - maxUnavailable(d);
    const available = allRSs.reduce((n, rs) => n + availableReplicas(rs), 0);
    if (available <= minAvailable) return 0;
    const toScaleDown = available - minAvailable;
    let total = 0;
    for (const target of [...oldRSs].sort(byCreation)) {
      if (total >= toScaleDown) break;
      if (specReplicas(target) === 0) continue;
      const count = Math.min(specReplicas(target), toScaleDown - total);
      await scaleReplicaSetAndRecordEvent(target, specReplicas(target) - count, d);
      total += count;
    }
    return total;
  }

  // ------------------------------------------------------------ recreate

  async function rolloutRecreate(d: KubeObject, rsList: KubeObject[], podMap: Map<string, KubeObject[]>): Promise<void> {
    let { newRS, oldRSs } = await allReplicaSetsAndSyncRevision(d, rsList, false);
    let allRSs: Array<KubeObject | undefined> = [...oldRSs, newRS];
    let scaledDown = false;
    for (const old of filterActive(oldRSs)) {
      if ((await scaleReplicaSetAndRecordEvent(old, 0, d)).scaled) scaledDown = true;
    }
    if (scaledDown) return syncRolloutStatus(allRSs, newRS, d);
    if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(allRSs, newRS, d);
    if (!newRS) {
      ({ newRS, oldRSs } = await allReplicaSetsAndSyncRevision(d, rsList, true));
      allRSs = [...oldRSs, newRS];
    }
    if (newRS) await scaleReplicaSetAndRecordEvent(newRS, specReplicas(d), d);
    if (deploymentComplete(d, readStatus(d))) await cleanupDeployment(oldRSs, d);
    return syncRolloutStatus(allRSs, newRS, d);
  }

  /** oldPodsRunning: an old ReplicaSet still reports pods, or has one not finished. */
  function oldPodsRunning(newRS: KubeObject | undefined, oldRSs: KubeObject[], podMap: Map<string, KubeObject[]>): boolean {
    if (oldRSs.reduce((n, rs) => n + statusReplicas(rs), 0) > 0) return true;
    for (const [uid, list] of podMap) {
      if (newRS && newRS.metadata.uid === uid) continue;
      for (const pod of list) {
        const phase = isJsonObject(pod.status) ? pod.status.phase : undefined;
        if (phase !== "Failed" && phase !== "Succeeded") return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------ status and history

  async function syncDeploymentStatus(allRSs: Array<KubeObject | undefined>, newRS: KubeObject | undefined, d: KubeObject): Promise<void> {
    const status = calculateStatus(allRSs, newRS, d);
    if (sameStatus(readStatus(d), status)) return;
    withStatus(d, status);
    await writeStatus(d);
  }

  /** syncRolloutStatus (progress.go): the status, with the Progressing condition moved on. */
  async function syncRolloutStatus(allRSs: Array<KubeObject | undefined>, newRS: KubeObject | undefined, d: KubeObject): Promise<void> {
    const status = calculateStatus(allRSs, newRS, d);
    if (!hasProgressDeadline(d)) removeCondition(status, "Progressing");
    const current = getCondition(readStatus(d), "Progressing");
    const isCompleteDeployment = status.replicas === status.updatedReplicas && current?.reason === Reason.newRSAvailable;
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (hasProgressDeadline(d) && !isCompleteDeployment) {
      if (deploymentComplete(d, status)) {
        setCondition(status, newCondition("Progressing", "True", Reason.newRSAvailable, `${subject} has successfully progressed.`));
      } else if (deploymentProgressing(d, status)) {
        // Progress refreshes lastUpdateTime even when the reason stays the same.
        const condition = newCondition("Progressing", "True", Reason.replicaSetUpdated, `${subject} is progressing.`);
        if (current) {
          if (current.status === "True") condition.lastTransitionTime = current.lastTransitionTime;
          removeCondition(status, "Progressing");
        }
        setCondition(status, condition);
      } else if (deploymentTimedOut(d, status)) {
        setCondition(status, newCondition("Progressing", "False", Reason.timedOut, `${subject} has timed out progressing.`));
      }
    }
    const failure = replicaFailure(allRSs, newRS);
    if (failure) setCondition(status, failure);
    else removeCondition(status, "ReplicaFailure");
    if (sameStatus(readStatus(d), status)) {
      requeueStuckDeployment(d, status);
      return;
    }
    withStatus(d, status);
    await writeStatus(d);
  }

  /** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition, else an old one's. */
  function replicaFailure(allRSs: Array<KubeObject | undefined>, newRS: KubeObject | undefined): DeploymentCondition | undefined {
    const failureOf = (rs: KubeObject | undefined): DeploymentCondition | undefined => {
      const conditions = rs && isJsonObject(rs.status) && Array.isArray(rs.status.conditions) ? rs.status.conditions : [];
      const c = conditions.find((x): x is JsonObject => isJsonObject(x) && x.type === "ReplicaFailure");
      if (!c) return undefined;
      return {
        type: "ReplicaFailure",
        status: c.status as DeploymentCondition["status"],
        lastUpdateTime: c.lastTransitionTime as string | undefined,
        lastTransitionTime: c.lastTransitionTime as string | undefined,
        reason: c.reason as string | undefined,
        message: c.message as string | undefined,
      };
    };
    return failureOf(newRS) ?? allRSs.map(failureOf).find((c) => c !== undefined);
  }

  /** requeueStuckDeployment: look again when the progress deadline passes. */
  function requeueStuckDeployment(d: KubeObject, status: DeploymentStatus): void {
    const current = getCondition(readStatus(d), "Progressing");
    if (!hasProgressDeadline(d) || !current) return;
    if (deploymentComplete(d, status) || current.reason === Reason.timedOut) return;
    const lastUpdate = Date.parse(current.lastUpdateTime ?? "");
    if (Number.isNaN(lastUpdate)) return;
    const after = lastUpdate + (specOf(d).progressDeadlineSeconds as number) * 1000 - Date.now();
    requeueAfter(queueKey(d), after < 1000 ? 100 : after + 1000);
  }

  /** cleanupDeployment: delete the oldest ReplicaSets beyond revisionHistoryLimit once they are empty. */
  async function cleanupDeployment(oldRSs: KubeObject[], d: KubeObject): Promise<void> {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - (specOf(d).revisionHistoryLimit as number);
    if (diff <= 0) return;
    for (const rs of [...cleanable].sort(byRevision).slice(0, diff)) {
      const observed = isJsonObject(rs.status) && typeof rs.status.observedGeneration === "number" ? rs.status.observedGeneration : 0;
      if (statusReplicas(rs) !== 0 || specReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > observed) continue;
      try {
        await service.delete(replicaSets, rs.metadata.namespace ?? "", rs.metadata.name ?? "");
      } catch (error) {
        if (!(error instanceof StatusError && error.code === 404)) throw error;
      }
    }
  }

  // ------------------------------------------------------------ what queues a Deployment

  function deploymentsSelecting(obj: KubeObject): KubeObject[] {
    return service.list(deployments, obj.metadata.namespace ?? "").items.filter((d) => {
      const selector = parseSelector(specOf(d).selector);
      return selector !== undefined && !isEverythingLabelSelector(selector) && matchesLabels(selector, obj.metadata.labels ?? {});
    });
  }

  for (const d of service.list(deployments, undefined).items) queue.add(queueKey(d));
  const unsubscribe = service.store.subscribe((change) => {
    const obj = change.object;
    const namespace = obj.metadata.namespace ?? "";
    if (change.resource === "deployments.apps") {
      queue.add(queueKey(obj));
    } else if (change.resource === "replicasets.apps") {
      const ref = deploymentRefOf(obj);
      const oldRef = change.previous ? deploymentRefOf(change.previous) : undefined;
      if (oldRef && oldRef.uid !== ref?.uid) queue.add(`${namespace}/${oldRef.name}`);
      if (ref) {
        queue.add(`${namespace}/${ref.name}`);
        return;
      }
      if (change.type === "DELETED") return;
      const labelsChanged = JSON.stringify(change.previous?.metadata.labels ?? {}) !== JSON.stringify(obj.metadata.labels ?? {});
      if (change.type === "ADDED" || labelsChanged || oldRef) {
        for (const d of deploymentsSelecting(obj)) queue.add(queueKey(d));
      }
    } else if (change.resource === "pods" && change.type === "DELETED") {
      // A Recreate rollout waits for the old pods to be gone.
      const rsRef = controllerRefOf(obj);
      if (rsRef?.kind !== "ReplicaSet") return;
      const rs = service.tryGet(replicaSets, namespace, rsRef.name);
      const ref = rs && deploymentRefOf(rs);
      const d = ref && service.tryGet(deployments, namespace, ref.name);
      const strategy = d && specOf(d).strategy;
      if (d && isJsonObject(strategy) && strategy.type === "Recreate") queue.add(queueKey(d));
    }
  });
  return () => {
    unsubscribe();
    queue.stop();
    for (const { timer } of timers.values()) clearTimeout(timer);
    timers.clear();
  };
}
