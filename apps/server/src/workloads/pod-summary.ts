import type { Pod } from "@paddock/contracts";
import { timestamp } from "./timestamps.ts";

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: unknown };
  terminated?: { reason?: string; message?: string; exitCode?: number; signal?: number };
}

interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
}

/** What the summary reads of a Pod (client-node's V1Pod, or its JSON). */
export interface PodView {
  metadata?: { name?: string; namespace?: string; creationTimestamp?: unknown; deletionTimestamp?: unknown };
  spec?: { nodeName?: string; containers?: Array<{ name: string; image?: string }>; initContainers?: Array<{ name: string }> };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

/**
 * A pod as `kubectl get pods` shows it: READY, STATUS and RESTARTS follow kubectl's printPod
 * (kubernetes pkg/printers/internalversion/printers.go), without sidecar init containers.
 */
export function summarizePod(pod: PodView): Pod {
  const status = pod.status ?? {};
  const containers = pod.spec?.containers ?? [];
  const statuses = status.containerStatuses ?? [];
  const conditionIs = (type: string, value: string) => (status.conditions ?? []).some((c) => c.type === type && c.status === value);
  let reason = status.reason || status.phase || "Pending";
  if ((status.conditions ?? []).some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) reason = "SchedulingGated";

  let restarts = 0;
  let initializing = false;
  const initCount = pod.spec?.initContainers?.length ?? 0;
  for (const [i, init] of (status.initContainerStatuses ?? []).entries()) {
    restarts += init.restartCount ?? 0;
    const terminated = init.state?.terminated;
    if (terminated && terminated.exitCode === 0) continue;
    initializing = true;
    if (terminated) reason = `Init:${terminated.reason || exitDescription(terminated)}`;
    else if (init.state?.waiting?.reason && init.state.waiting.reason !== "PodInitializing") reason = `Init:${init.state.waiting.reason}`;
    else reason = `Init:${i}/${initCount}`;
    break;
  }

  let ready = 0;
  if (!initializing || conditionIs("Initialized", "True")) {
    let hasRunning = false;
    for (const container of [...statuses].reverse()) {
      restarts += container.restartCount ?? 0;
      const state = container.state ?? {};
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (state.terminated) reason = state.terminated.reason || exitDescription(state.terminated);
      else if (container.ready && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) reason = conditionIs("Ready", "True") ? "Running" : "NotReady";
  }

  const terminal = status.phase === "Succeeded" || status.phase === "Failed";
  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = "Terminating";

  const byName = new Map(statuses.map((s) => [s.name, s]));
  return {
    name: pod.metadata?.name ?? "",
    namespace: pod.metadata?.namespace ?? "",
    ready: `${ready}/${containers.length}`,
    status: reason,
    restarts,
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
    createdAt: timestamp(pod.metadata?.creationTimestamp) ?? "",
    containers: containers.map((c) => ({ name: c.name, image: c.image ?? "", ...containerState(byName.get(c.name)) })),
  };
}

function exitDescription(terminated: { exitCode?: number; signal?: number }): string {
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
}

function containerState(status: ContainerStatus | undefined): { state: string; reason?: string; message?: string } {
  const state = status?.state;
  const detail = (s: { reason?: string; message?: string }) => ({ ...(s.reason ? { reason: s.reason } : {}), ...(s.message ? { message: s.message } : {}) });
  if (state?.waiting) return { state: "Waiting", ...detail(state.waiting) };
  if (state?.running) return { state: "Running" };
  if (state?.terminated) return { state: "Terminated", ...detail(state.terminated) };
  return { state: "Waiting" };
}
