import { describe, expect, it } from "vitest";
import { workloadState, type DeploymentStatusView } from "./workload-state.ts";

const available = { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." };
const unavailable = { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." };
const progressingDone = { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: 'ReplicaSet "web-5d8f" has successfully progressed.' };
const progressing = { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: 'ReplicaSet "web-5d8f" is progressing.' };

function deployment(replicas: number, status: NonNullable<DeploymentStatusView["status"]>, generation = 1): DeploymentStatusView {
  return { metadata: { generation }, spec: { replicas }, status: { observedGeneration: 1, ...status } };
}

describe("workloadState", () => {
  it("is Active when every replica is updated and available", () => {
    expect(workloadState(deployment(2, { replicas: 2, updatedReplicas: 2, availableReplicas: 2, conditions: [available, progressingDone] }))).toEqual({ state: "Active" });
  });

  it("is Updating while the controller has not observed the latest generation", () => {
    expect(workloadState(deployment(1, { replicas: 1, updatedReplicas: 1, availableReplicas: 1 }, 2))).toEqual({
      state: "Updating",
      message: "Waiting for the deployment controller to see the latest change.",
    });
  });

  it("is Updating during a rollout, in kubectl's rollout status words", () => {
    expect(workloadState(deployment(3, { replicas: 3, updatedReplicas: 1, availableReplicas: 3, conditions: [available, progressing] }))).toEqual({
      state: "Updating",
      message: "Waiting for rollout to finish: 1 out of 3 new replicas have been updated...",
    });
    expect(workloadState(deployment(2, { replicas: 3, updatedReplicas: 2, availableReplicas: 2, conditions: [available, progressing] })).message).toBe(
      "Waiting for rollout to finish: 1 old replicas are pending termination...",
    );
    expect(workloadState(deployment(1, { replicas: 1, updatedReplicas: 1, availableReplicas: 0, conditions: [unavailable, progressing] })).message).toBe(
      "Waiting for rollout to finish: 0 of 1 updated replicas are available...",
    );
  });

  it("is Unavailable when the rollout exceeded its deadline or a ReplicaSet cannot create pods", () => {
    const deadline = { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-5d8f" has timed out progressing.' };
    expect(workloadState(deployment(1, { replicas: 1, updatedReplicas: 1, availableReplicas: 0, conditions: [unavailable, deadline] }))).toEqual({
      state: "Unavailable",
      message: 'ReplicaSet "web-5d8f" has timed out progressing.',
    });
    const failure = { type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: 'pods "web-5d8f-" is forbidden: exceeded quota' };
    expect(workloadState(deployment(1, { replicas: 0, conditions: [unavailable, progressing, failure] }))).toEqual({
      state: "Unavailable",
      message: 'pods "web-5d8f-" is forbidden: exceeded quota',
    });
  });

  it("is Unavailable when replicas went missing after a finished rollout", () => {
    expect(workloadState(deployment(2, { replicas: 2, updatedReplicas: 2, availableReplicas: 0, conditions: [unavailable, progressingDone] }))).toEqual({
      state: "Unavailable",
      message: "Deployment does not have minimum availability.",
    });
    expect(workloadState(deployment(2, { replicas: 2, updatedReplicas: 2, availableReplicas: 1, conditions: [available, progressingDone] }))).toEqual({
      state: "Unavailable",
      message: "1 of 2 replicas available.",
    });
  });

  it("is Scaled to zero once no pod is left", () => {
    expect(workloadState(deployment(0, { replicas: 1, updatedReplicas: 1, availableReplicas: 1 }))).toEqual({ state: "Updating", message: "Scaling to zero: 1 pod still running." });
    expect(workloadState(deployment(0, {}))).toEqual({ state: "Scaled to zero" });
  });
});
