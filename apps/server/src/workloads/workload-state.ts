import type { Workload } from "@paddock/contracts";

/** What the state reads of a Deployment (client-node's V1Deployment, or its JSON). */
export interface DeploymentStatusView {
  metadata?: { generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
  };
}

export interface WorkloadState {
  state: Workload["state"];
  message?: string;
}

/**
 * The state shown for a Deployment, from its status and conditions (apps/v1 DeploymentConditionType:
 * Available, Progressing, ReplicaFailure). The rollout wording is kubectl's `rollout status`
 * (kubectl pkg/polymorphichelpers/rollout_status.go).
 */
export function workloadState(deployment: DeploymentStatusView): WorkloadState {
  const desired = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  const total = status.replicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const condition = (type: string) => status.conditions?.find((c) => c.type === type);

  if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { state: "Updating", message: "Waiting for the deployment controller to see the latest change." };
  }
  if (desired === 0) {
    return total > 0 ? { state: "Updating", message: `Scaling to zero: ${total} ${plural(total, "pod")} still running.` } : { state: "Scaled to zero" };
  }
  const progressing = condition("Progressing");
  if (progressing?.status === "False") return { state: "Unavailable", ...messageOf(progressing) };
  const replicaFailure = condition("ReplicaFailure");
  if (replicaFailure?.status === "True") return { state: "Unavailable", ...messageOf(replicaFailure) };

  if (updated >= desired && total <= updated && available >= desired) return { state: "Active" };

  // The rollout finished earlier (NewReplicaSetAvailable) and replicas went missing since.
  if (progressing?.reason === "NewReplicaSetAvailable" && updated >= desired && total <= updated) {
    const availability = condition("Available");
    return {
      state: "Unavailable",
      message: availability?.status === "False" && availability.message ? availability.message : `${available} of ${desired} ${plural(desired, "replica")} available.`,
    };
  }
  if (updated < desired) return { state: "Updating", message: `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...` };
  if (total > updated) return { state: "Updating", message: `Waiting for rollout to finish: ${total - updated} old replicas are pending termination...` };
  return { state: "Updating", message: `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...` };
}

function messageOf(condition: { reason?: string; message?: string }): { message?: string } {
  const message = condition.message || condition.reason;
  return message ? { message } : {};
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
