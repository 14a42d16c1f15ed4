import type { KubeObject, TableCell } from "../api/types.ts";
import type { TablePrinter } from "./types.ts";
import { ageCell, ageColumn, column, nameColumn, timestampSince } from "./common.ts";

/**
 * `kubectl get pods`, as kube-apiserver prints it (kubernetes pkg/printers/internalversion/printers.go
 * printPod): READY, the STATUS reason kubectl users know (ErrImagePull, Init:0/1, Terminating, ...)
 * and RESTARTS with the time since the last one.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function objectsIn(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function count(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

/** Reads `state.waiting`, `state.terminated`, ... of a container status. */
function state(status: JsonObject, key: "waiting" | "running" | "terminated", from = "state"): JsonObject | undefined {
  const holder = status[from];
  if (!isObject(holder)) return undefined;
  const value = holder[key];
  return isObject(value) ? value : undefined;
}

/** The time a container last terminated before its current run, if it restarted. */
function lastTermination(status: JsonObject): number | undefined {
  const finishedAt = text(state(status, "terminated", "lastState")?.finishedAt);
  const at = finishedAt ? Date.parse(finishedAt) : Number.NaN;
  return Number.isNaN(at) ? undefined : at;
}

function conditionIsTrue(pod: KubeObject, type: string): boolean {
  return conditions(pod).some((c) => c.type === type && c.status === "True");
}

function conditions(pod: KubeObject): JsonObject[] {
  return isObject(pod.status) ? objectsIn(pod.status.conditions) : [];
}

/** A sidecar: an init container with `restartPolicy: Always`. */
function isRestartable(container: JsonObject | undefined): boolean {
  return container?.restartPolicy === "Always";
}

export interface PodSummary {
  /** READY: `ready/total` */
  ready: string;
  /** STATUS */
  reason: string;
  /** RESTARTS, e.g. `3 (5m ago)` */
  restarts: string;
}

/** The READY, STATUS and RESTARTS cells of a pod, computed as printPod does. */
export function summarizePod(pod: KubeObject, now: Date): PodSummary {
  const spec = isObject(pod.spec) ? pod.spec : {};
  const status = isObject(pod.status) ? pod.status : {};
  const initSpecs = objectsIn(spec.initContainers);
  let totalContainers = objectsIn(spec.containers).length;
  let readyContainers = 0;
  let restarts = 0;
  let restartableInitRestarts = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined) => (b !== undefined && (a === undefined || b > a) ? b : a);

  const phase = text(status.phase);
  let reason = text(status.reason) || phase;
  // A pod held by scheduling gates shows `SchedulingGated`.
  if (conditions(pod).some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) reason = "SchedulingGated";

  const initByName = new Map(initSpecs.map((c) => [text(c.name), c]));
  for (const c of initSpecs) if (isRestartable(c)) totalContainers++;

  let initializing = false;
  const initStatuses = objectsIn(status.initContainerStatuses);
  for (const [i, container] of initStatuses.entries()) {
    restarts += count(container.restartCount);
    lastRestart = later(lastRestart, lastTermination(container));
    const restartable = isRestartable(initByName.get(text(container.name)));
    if (restartable) {
      restartableInitRestarts += count(container.restartCount);
      lastRestartableInitRestart = later(lastRestartableInitRestart, lastTermination(container));
    }
    const terminated = state(container, "terminated");
    const waiting = state(container, "waiting");
    if (terminated && count(terminated.exitCode) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (text(terminated.reason)) reason = `Init:${text(terminated.reason)}`;
      else if (count(terminated.signal) !== 0) reason = `Init:Signal:${count(terminated.signal)}`;
      else reason = `Init:ExitCode:${count(terminated.exitCode)}`;
    } else if (waiting && text(waiting.reason) && waiting.reason !== "PodInitializing") {
      reason = `Init:${text(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionIsTrue(pod, "Initialized")) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    // The last container with something to say wins, so walk them backwards.
    const statuses = objectsIn(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]!;
      restarts += count(container.restartCount);
      lastRestart = later(lastRestart, lastTermination(container));
      const waiting = state(container, "waiting");
      const terminated = state(container, "terminated");
      if (waiting && text(waiting.reason)) reason = text(waiting.reason);
      else if (terminated && text(terminated.reason)) reason = text(terminated.reason);
      else if (terminated) {
        reason = count(terminated.signal) !== 0 ? `Signal:${count(terminated.signal)}` : `ExitCode:${count(terminated.exitCode)}`;
      } else if (container.ready === true && state(container, "running")) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose finished containers say Completed but which still runs one is Running (or NotReady).
    if (reason === "Completed" && hasRunning) reason = conditionIsTrue(pod, "Ready") ? "Running" : "NotReady";
  }

  if (pod.metadata.deletionTimestamp && text(status.reason) === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsText = `${restarts} (${timestampSince(new Date(lastRestart).toISOString(), now)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsText };
}

/** The pod's first IP (`status.podIPs[0]`, or the older single `status.podIP`). */
export function podIP(pod: KubeObject): string {
  const status = isObject(pod.status) ? pod.status : {};
  const first = objectsIn(status.podIPs)[0];
  return text(first?.ip) || text(status.podIP);
}

function readinessGatesCell(pod: KubeObject): string {
  const spec = isObject(pod.spec) ? pod.spec : {};
  const gates = objectsIn(spec.readinessGates);
  if (gates.length === 0) return "<none>";
  const all = conditions(pod);
  const satisfied = gates.filter((gate) => all.find((c) => c.type === gate.conditionType)?.status === "True").length;
  return `${satisfied}/${gates.length}`;
}

const orNone = (value: string) => value || "<none>";

export const podTable: TablePrinter = {
  columns: [
    nameColumn,
    column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
    column("Status", "The aggregate status of the containers in this pod."),
    column(
      "Restarts",
      "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    ageColumn(),
    column("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
    column(
      "Node",
      "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
      1,
    ),
    column(
      "Nominated Node",
      "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.",
      1,
    ),
    column(
      "Readiness Gates",
      'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
      1,
    ),
  ],
  row(pod: KubeObject, now: Date): TableCell[] {
    const summary = summarizePod(pod, now);
    const spec = isObject(pod.spec) ? pod.spec : {};
    const status = isObject(pod.status) ? pod.status : {};
    return [
      pod.metadata.name ?? "",
      summary.ready,
      summary.reason,
      summary.restarts,
      ageCell(pod, now),
      orNone(podIP(pod)),
      orNone(text(spec.nodeName)),
      orNone(text(status.nominatedNodeName)),
      readinessGatesCell(pod),
    ];
  },
};
