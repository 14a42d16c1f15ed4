import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError } from "../api/field-errors.ts";
import { getPath, intValue, specOf, statusOf } from "../api/json-values.ts";
import { parseSelector, selectorString } from "./workload-template.ts";

/**
 * The `/scale` subresource of Deployments and ReplicaSets: an autoscaling/v1 Scale built from the
 * object and written back into it (kubernetes pkg/registry/apps/deployment/storage/storage.go
 * scaleFromDeployment and scaleUpdatedObjectInfo; replicaset storage does the same).
 */

/** The Scale for an object with `spec.replicas`, `status.replicas` and a label selector. */
export function toScale(obj: KubeObject): KubeObject {
  const spec = specOf(obj);
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const metadata = Object.fromEntries(
    Object.entries({ name, namespace, uid, resourceVersion, creationTimestamp }).filter(([, v]) => v !== undefined),
  );
  const selector = parseSelector(spec.selector);
  const selectorText = selector ? selectorString(selector) : "";
  const replicas = intValue(spec.replicas);
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata,
    // autoscaling/v1 ScaleSpec.replicas and ScaleStatus.selector are omitempty; status.replicas is not.
    spec: replicas !== 0 ? { replicas } : {},
    status: { replicas: intValue(statusOf(obj).replicas), ...(selectorText ? { selector: selectorText } : {}) },
  };
}

/** ValidateScale (pkg/apis/autoscaling/validation): the errors are reported for kind `Scale`, group `autoscaling`. */
export function validateScale(scale: KubeObject): FieldError[] {
  const replicas = intValue(getPath(scale, "spec", "replicas"));
  return replicas < 0 ? [fieldError.invalid("spec.replicas", replicas, "must be greater than or equal to 0")] : [];
}

/**
 * The object with the Scale's `spec.replicas` written into it. A Scale without `spec.replicas`
 * means 0, as the Go int32 field decodes.
 */
export function applyScale(obj: KubeObject, scale: KubeObject): KubeObject {
  const next = structuredClone(obj);
  next.spec = { ...specOf(next), replicas: intValue(getPath(scale, "spec", "replicas")) };
  return next;
}
