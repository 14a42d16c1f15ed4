import type { Workload } from "@paddock/contracts";

const WORKLOAD_BADGE: Record<Workload["state"], string> = { Active: "badge--ok", Updating: "badge--info", Unavailable: "badge--error", "Scaled to zero": "workload-badge--idle" };

export function WorkloadStateBadge({ workload }: { workload: Pick<Workload, "state" | "stateMessage"> }) {
  return (
    <span className={`badge ${WORKLOAD_BADGE[workload.state]}`} title={workload.stateMessage}>
      {workload.state}
    </span>
  );
}

const POD_OK = new Set(["Running", "Completed", "Succeeded"]);
const POD_WAITING = new Set(["Pending", "ContainerCreating", "PodInitializing", "Terminating", "NotReady", "SchedulingGated"]);

/** A pod's STATUS as kubectl prints it, coloured by how it is doing. */
export function PodStatusBadge({ status }: { status: string }) {
  const tone = POD_OK.has(status) ? "ok" : POD_WAITING.has(status) || status.startsWith("Init:") ? "info" : "error";
  return <span className={`badge badge--${tone}`}>{status}</span>;
}

export function EventTypeBadge({ type }: { type: string }) {
  return <span className={`badge badge--${type === "Warning" ? "warn" : "info"}`}>{type}</span>;
}
