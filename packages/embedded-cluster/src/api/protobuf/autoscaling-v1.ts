import { metadata } from "./meta-v1.ts";
import { always, i32, message, msg, str } from "./schema.ts";

// k8s.io/api autoscaling/v1 generated.proto: the body a typed client PUTs to deployments/scale and replicasets/scale.
export const SCALE = message("Scale", {
  1: metadata,
  2: ["spec", msg(message("ScaleSpec", { 1: ["replicas", i32] }))],
  3: ["status", msg(message("ScaleStatus", { 1: ["replicas", always(i32)], 2: ["selector", str] }))],
});
