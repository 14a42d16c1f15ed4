import type { KubeObject } from "../api/types.ts";
import type { CachedImage } from "./image-cache.ts";
import { isRestartableInit, podConditions } from "../kinds/pod-fields.ts";
import { withTransitionTime, type PodCondition } from "../kinds/pod-conditions.ts";
import { type JsonObject, objectsIn, specOf, statusOf, stringValue } from "../api/json-values.ts";

/**
 * The status kubelet reports for a pod (pkg/kubelet/kubelet_pods.go generateAPIPodStatus,
 * convertToAPIContainerStatuses, getPhase; pkg/kubelet/status/generate.go for the conditions),
 * computed from what the embedded node knows about the pod's containers.
 */

export type ContainerKind = "init" | "app";

/** A container the node created and started. Nothing runs: an init container completes at once. */
export interface ContainerRecord {
  containerID: string;
  image: CachedImage;
  /** `image` of the spec it was started from (a changed spec restarts it). */
  specImage: string;
  startedAt: string;
  /** Set for an init container that ran to completion. */
  finishedAt?: string;
}

export interface ContainerFailure {
  reason: string;
  message?: string;
}

/** What the node knows of one pod's sandbox and containers. */
export interface PodRuntime {
  podIP: string;
  hostIP: string;
  startTime: string;
  /** Keyed by `containerKey(kind, name)`. */
  containers: Map<string, ContainerRecord>;
  /** Why a container is not running, from the last attempt to start it. */
  failures: Map<string, ContainerFailure>;
  restartCounts: Map<string, number>;
  lastStates: Map<string, JsonObject>;
}

export function containerKey(kind: ContainerKind, name: string): string {
  return `${kind}/${name}`;
}

/** Whether an init container no longer holds the pod back: completed, or a sidecar that started. */
export function initContainerDone(container: JsonObject, record: ContainerRecord | undefined): boolean {
  if (!record) return false;
  return isRestartableInit(container) || record.finishedAt !== undefined;
}

// Kubelet owns these; others (PodScheduled, DisruptionTarget, readiness gates) are kept as they are.
const KUBELET_CONDITIONS = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"];

export function buildPodStatus(pod: KubeObject, runtime: PodRuntime, now: string): JsonObject {
  const spec = specOf(pod);
  const old = statusOf(pod);
  const initSpecs = objectsIn(spec.initContainers);
  const appSpecs = objectsIn(spec.containers);
  const defaultWaiting = initSpecs.length > 0 ? "PodInitializing" : "ContainerCreating";

  const initStatuses = initSpecs.map((c) => containerStatus(c, "init", runtime, defaultWaiting));
  const appStatuses = appSpecs.map((c) => containerStatus(c, "app", runtime, defaultWaiting));

  const incompleteInit = initSpecs
    .filter((c) => !initContainerDone(c, runtime.containers.get(containerKey("init", stringValue(c.name)))))
    .map((c) => stringValue(c.name));
  const anyAppStarted = appSpecs.some((c) => runtime.containers.has(containerKey("app", stringValue(c.name))));
  const unready = [
    ...initSpecs.filter((c) => isRestartableInit(c) && !runtime.containers.has(containerKey("init", stringValue(c.name)))),
    ...appSpecs.filter((c) => !runtime.containers.has(containerKey("app", stringValue(c.name)))),
  ].map((c) => stringValue(c.name));

  const initialized: PodCondition =
    incompleteInit.length === 0 || anyAppStarted
      ? { type: "Initialized", status: "True" }
      : { type: "Initialized", status: "False", reason: "ContainersNotInitialized", message: `containers with incomplete status: [${incompleteInit.join(" ")}]` };
  const containersReady: PodCondition =
    unready.length === 0
      ? { type: "ContainersReady", status: "True" }
      : { type: "ContainersReady", status: "False", reason: "ContainersNotReady", message: `containers with unready status: [${unready.join(" ")}]` };
  const ready: PodCondition = { ...containersReady, type: "Ready" };

  const previous = podConditions(pod);
  const byType = (type: string) => previous.find((c) => c.type === type);
  const conditions = [
    withTransitionTime({ type: "PodReadyToStartContainers", status: "True" }, byType("PodReadyToStartContainers"), now),
    withTransitionTime(initialized, byType("Initialized"), now),
    withTransitionTime(ready, byType("Ready"), now),
    withTransitionTime(containersReady, byType("ContainersReady"), now),
    withTransitionTime({ type: "PodScheduled", status: "True" }, byType("PodScheduled"), now),
    ...previous.filter((c) => !KUBELET_CONDITIONS.includes(stringValue(c.type)) && c.type !== "PodScheduled"),
  ];

  const hostNetwork = spec.hostNetwork === true;
  const podIP = hostNetwork ? runtime.hostIP : runtime.podIP;
  return {
    phase: podPhase(spec, runtime, incompleteInit.length === 0),
    conditions,
    hostIP: runtime.hostIP,
    hostIPs: [{ ip: runtime.hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: runtime.startTime,
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: appStatuses,
    ...(old.qosClass !== undefined ? { qosClass: old.qosClass } : {}),
  };
}

function containerStatus(container: JsonObject, kind: ContainerKind, runtime: PodRuntime, defaultWaiting: string): JsonObject {
  const name = stringValue(container.name);
  const key = containerKey(kind, name);
  const record = runtime.containers.get(key);
  const restartCount = runtime.restartCounts.get(key) ?? 0;
  const lastState = runtime.lastStates.get(key) ?? {};
  if (!record) {
    const failure = runtime.failures.get(key);
    const waiting = failure ? { reason: failure.reason, ...(failure.message ? { message: failure.message } : {}) } : { reason: defaultWaiting };
    return { name, state: { waiting }, lastState, ready: false, restartCount, image: stringValue(container.image), imageID: "", started: false };
  }
  const common = { image: record.image.image, imageID: record.image.imageID, containerID: record.containerID };
  const mounts = volumeMounts(container);
  if (record.finishedAt !== undefined) {
    const terminated = { exitCode: 0, reason: "Completed", startedAt: record.startedAt, finishedAt: record.finishedAt, containerID: record.containerID };
    return { name, state: { terminated }, lastState, ready: true, restartCount, ...common, started: false, ...mounts };
  }
  return { name, state: { running: { startedAt: record.startedAt } }, lastState, ready: true, restartCount, ...common, started: true, ...mounts };
}

/** The mounts a created container reports (containerStatuses[].volumeMounts, 1.30+). */
function volumeMounts(container: JsonObject): JsonObject {
  const mounts = objectsIn(container.volumeMounts).map((m) => ({
    name: stringValue(m.name),
    mountPath: stringValue(m.mountPath),
    ...(m.readOnly === true ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}),
  }));
  return mounts.length > 0 ? { volumeMounts: mounts } : {};
}

/** getPhase for a pod that is not terminating: Running once initialised and every container has started. */
function podPhase(spec: JsonObject, runtime: PodRuntime, initialized: boolean): string {
  if (!initialized) return "Pending";
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  for (const c of objectsIn(spec.containers)) {
    const key = containerKey("app", stringValue(c.name));
    if (runtime.containers.has(key)) running++;
    else if (runtime.lastStates.has(key)) stopped++; // restarting: it ran before
    else waiting++;
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0 && (spec.restartPolicy ?? "Always") === "Always") return "Running";
  return "Pending";
}
