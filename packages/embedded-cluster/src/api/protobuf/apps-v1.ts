import { POD_TEMPLATE_SPEC } from "./core-v1.ts";
import { LABEL_SELECTOR, metadata } from "./meta-v1.ts";
import { always, bool, i32, i64, intOrString, list, message, msg, ptr, str, time } from "./schema.ts";

// k8s.io/api apps/v1: field numbers from generated.proto, presence from the json tags and Go types in types.go.

const DEPLOYMENT_STRATEGY = message("DeploymentStrategy", {
  1: ["type", str],
  2: [
    "rollingUpdate",
    msg(message("RollingUpdateDeployment", { 1: ["maxUnavailable", intOrString], 2: ["maxSurge", intOrString] })),
  ],
});

const DEPLOYMENT_SPEC = message("DeploymentSpec", {
  1: ["replicas", ptr(i32)],
  2: ["selector", msg(LABEL_SELECTOR)],
  3: ["template", msg(POD_TEMPLATE_SPEC)],
  4: ["strategy", msg(DEPLOYMENT_STRATEGY)],
  5: ["minReadySeconds", i32],
  6: ["revisionHistoryLimit", ptr(i32)],
  7: ["paused", bool],
  9: ["progressDeadlineSeconds", ptr(i32)],
});

const DEPLOYMENT_CONDITION = message("DeploymentCondition", {
  1: ["type", always(str)],
  2: ["status", always(str)],
  6: ["lastUpdateTime", time],
  7: ["lastTransitionTime", time],
  4: ["reason", str],
  5: ["message", str],
});

const DEPLOYMENT_STATUS = message("DeploymentStatus", {
  1: ["observedGeneration", i64],
  2: ["replicas", i32],
  3: ["updatedReplicas", i32],
  7: ["readyReplicas", i32],
  4: ["availableReplicas", i32],
  5: ["unavailableReplicas", i32],
  6: ["conditions", list(msg(DEPLOYMENT_CONDITION))],
  8: ["collisionCount", ptr(i32)],
});

export const DEPLOYMENT = message("Deployment", {
  1: metadata,
  2: ["spec", msg(DEPLOYMENT_SPEC)],
  3: ["status", msg(DEPLOYMENT_STATUS)],
});

const REPLICA_SET_SPEC = message("ReplicaSetSpec", {
  1: ["replicas", ptr(i32)],
  4: ["minReadySeconds", i32],
  2: ["selector", msg(LABEL_SELECTOR)],
  3: ["template", msg(POD_TEMPLATE_SPEC)],
});

const REPLICA_SET_CONDITION = message("ReplicaSetCondition", {
  1: ["type", always(str)],
  2: ["status", always(str)],
  3: ["lastTransitionTime", time],
  4: ["reason", str],
  5: ["message", str],
});

const REPLICA_SET_STATUS = message("ReplicaSetStatus", {
  1: ["replicas", always(i32)],
  2: ["fullyLabeledReplicas", i32],
  4: ["readyReplicas", i32],
  5: ["availableReplicas", i32],
  3: ["observedGeneration", i64],
  6: ["conditions", list(msg(REPLICA_SET_CONDITION))],
});

export const REPLICA_SET = message("ReplicaSet", {
  1: metadata,
  2: ["spec", msg(REPLICA_SET_SPEC)],
  3: ["status", msg(REPLICA_SET_STATUS)],
});
