import type { KubeObject, TableCell } from "../api/types.ts";
import type { TablePrinter } from "./types.ts";
import { ageCell, ageColumn, column, nameColumn, timestampSince } from "./common.ts";
import { asJsonObject, intValue, objectsIn, specOf, statusOf, stringValue, type JsonObject } from "../api/json-values.ts";
import { isRestartableInit, podConditions, podFinished, podNodeName } from "./pod-fields.ts";

/**
 * `kubectl get pods`, as kube-apiserver prints it (kubernetes pkg/printers/internalversion/printers.go
 * printPod): READY, the STATUS reason kubectl users know (ErrImagePull, Init:0/1, Terminating, ...)
 * and RESTARTS with the time since the last one.
 */

/** Reads `state.waiting`, `state.terminated`, ... of a container status. */
function state(status: JsonObject, key: "waiting" | "running" | "terminated", from = "state"): JsonObject | undefined {
  return asJsonObject(asJsonObject(status[from])?.[key]);
}

/** The time a container last terminated before its current run, if it restarted. */
function lastTermination(status: JsonObject): number | undefined {
  const finishedAt = stringValue(state(status, "terminated", "lastState")?.finishedAt);
  const at = finishedAt ? Date.parse(finishedAt) : Number.NaN;
  return Number.isNaN(at) ? undefined : at;
}

function conditionIsTrue(pod: KubeObject, type: string): boolean {
  return podConditions(pod).some((c) => c.type === type && c.status === "True");
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
  const spec = specOf(pod);
  const status = statusOf(pod);
  const initSpecs = objectsIn(spec.initContainers);
  let totalContainers = objectsIn(spec.containers).length;
  let readyContainers = 0;
  let restarts = 0;
  let restartableInitRestarts = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined) => (b !== undefined && (a === undefined || b > a) ? b : a);

  const phase = stringValue(status.phase);
  let reason = stringValue(status.reason) || phase;
  // A pod held by scheduling gates shows `SchedulingGated`.
  if (podConditions(pod).some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) reason = "SchedulingGated";

  const initByName = new Map(initSpecs.map((c) => [stringValue(c.name), c]));
  for (const c of initSpecs) if (isRestartableInit(c)) totalContainers++;

  let initializing = false;
  const initStatuses = objectsIn(status.initContainerStatuses);
  for (const [i, container] of initStatuses.entries()) {
    restarts += intValue(container.restartCount);
    lastRestart = later(lastRestart, lastTermination(container));
    const restartable = isRestartableInit(initByName.get(stringValue(container.name)));
    if (restartable) {
      restartableInitRestarts += intValue(container.restartCount);
      lastRestartableInitRestart = later(lastRestartableInitRestart, lastTermination(container));
    }
    const terminated = state(container, "terminated");
    const waiting = state(container, "waiting");
    if (terminated && intValue(terminated.exitCode) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (stringValue(terminated.reason)) reason = `Init:${stringValue(terminated.reason)}`;
      else if (intValue(terminated.signal) !== 0) reason = `Init:Signal:${intValue(terminated.signal)}`;
      else reason = `Init:ExitCode:${intValue(terminated.exitCode)}`;
    } else if (waiting && stringValue(waiting.reason) && waiting.reason !== "PodInitializing") {
      reason = `Init:${stringValue(waiting.reason)}`;
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
      restarts += intValue(container.restartCount);
      lastRestart = later(lastRestart, lastTermination(container));
      const waiting = state(container, "waiting");
      const terminated = state(container, "terminated");
      if (waiting && stringValue(waiting.reason)) reason = stringValue(waiting.reason);
      else if (terminated && stringValue(terminated.reason)) reason = stringValue(terminated.reason);
      else if (terminated) {
        reason = intValue(terminated.signal) !== 0 ? `Signal:${intValue(terminated.signal)}` : `ExitCode:${intValue(terminated.exitCode)}`;
      } else if (container.ready === true && state(container, "running")) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose finished containers say Completed but which still runs one is Running (or NotReady).
    if (reason === "Completed" && hasRunning) reason = conditionIsTrue(pod, "Ready") ? "Running" : "NotReady";
  }

  if (pod.metadata.deletionTimestamp && stringValue(status.reason) === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && !podFinished(pod)) reason = "Terminating";

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsText = `${restarts} (${timestampSince(new Date(lastRestart).toISOString(), now)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsText };
}

/** The pod's first IP (`status.podIPs[0]`, or the older single `status.podIP`). */
export function podIP(pod: KubeObject): string {
  const status = statusOf(pod);
  const first = objectsIn(status.podIPs)[0];
  return stringValue(first?.ip) || stringValue(status.podIP);
}

function readinessGatesCell(pod: KubeObject): string {
  const spec = specOf(pod);
  const gates = objectsIn(spec.readinessGates);
  if (gates.length === 0) return "<none>";
  const all = podConditions(pod);
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
    return [
      pod.metadata.name ?? "",
      summary.ready,
      summary.reason,
      summary.restarts,
      ageCell(pod, now),
      orNone(podIP(pod)),
      orNone(podNodeName(pod)),
      orNone(stringValue(statusOf(pod).nominatedNodeName)),
      readinessGatesCell(pod),
    ];
  },
};
