import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError, indexPath } from "../api/field-errors.ts";
import { podSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { defaultPodOnlyFields, defaultPodSpec } from "./pod-spec-defaults.ts";
import { validatePodSpec } from "./pod-spec-validation.ts";
import { computePodQOS } from "./pod-qos.ts";
import { podIP, podTable } from "./pod-table.ts";
import { canonical, canonicalJson } from "./semantic-json.ts";
import { podFinished, podNodeName, podPhase } from "./pod-fields.ts";
import { isJsonObject, objectsIn, specOf, statusOf, stringValue, type JsonObject } from "../api/json-values.ts";

/**
 * core/v1 Pods (kubernetes pkg/registry/core/pod/strategy.go, pkg/apis/core/validation ValidatePod,
 * ValidatePodUpdate). Creation also applies what the Priority and DefaultTolerationSeconds admission
 * plugins add to every pod of a real cluster.
 */

const MAX_INT32 = 2147483647;

// plugin/pkg/admission/priority: the built-in classes; without a class, priority 0.
const SYSTEM_PRIORITIES: Record<string, number> = {
  "system-node-critical": 2000001000,
  "system-cluster-critical": 2000000000,
};

function admitPriority(spec: JsonObject): void {
  if (spec.priority !== undefined && spec.priority !== null) return;
  const className = stringValue(spec.priorityClassName);
  const priority = className ? SYSTEM_PRIORITIES[className] : 0;
  if (priority === undefined) return;
  spec.priority = priority;
  spec.preemptionPolicy ??= "PreemptLowerPriority";
}

// plugin/pkg/admission/defaulttolerationseconds: tolerate a not-ready or unreachable node for 300s.
function admitDefaultTolerations(spec: JsonObject): void {
  const tolerations = Array.isArray(spec.tolerations) ? [...(spec.tolerations as unknown[])] : [];
  const tolerates = (taint: string) =>
    objectsIn(tolerations).some(
      (t) => (t.key === taint || !stringValue(t.key)) && (t.effect === "NoExecute" || !stringValue(t.effect)),
    );
  for (const taint of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    if (!tolerates(taint)) tolerations.push({ key: taint, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}

function isEmptyStatus(status: unknown): boolean {
  return status === undefined || status === null || (isJsonObject(status) && Object.keys(status).length === 0);
}

/** The checks ValidatePod makes only for Pods, not for pod templates (validateContainersOnlyForPod). */
function validatePodOnly(spec: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ["containers", "initContainers"]) {
    const list = Array.isArray(spec[key]) ? (spec[key] as unknown[]) : [];
    list.forEach((container, i) => {
      const image = isJsonObject(container) ? stringValue(container.image) : "";
      if (image !== image.trim()) {
        errors.push(fieldError.invalid(`spec.${key}[${i}].image`, image, "must not have leading or trailing whitespace"));
      }
    });
  }
  return errors;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

/** ValidatePodUpdate, after the new pod itself has been validated. */
function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const spec = specOf(pod);
  const oldSpec = specOf(old);
  for (const key of ["containers", "initContainers"]) {
    if (objectsIn(spec[key]).length !== objectsIn(oldSpec[key]).length) {
      return [fieldError.forbidden(`spec.${key}`, "pod updates may not add or remove containers")];
    }
  }
  const errors: FieldError[] = [];
  const deadline = spec.activeDeadlineSeconds;
  const oldDeadline = oldSpec.activeDeadlineSeconds;
  if (typeof deadline === "number") {
    if (deadline < 0 || deadline > MAX_INT32) {
      return [fieldError.invalid("spec.activeDeadlineSeconds", deadline, `must be between 0 and ${MAX_INT32}, inclusive`)];
    }
    if (typeof oldDeadline === "number" && oldDeadline < deadline) {
      return [fieldError.invalid("spec.activeDeadlineSeconds", deadline, "must be less than or equal to previous value")];
    }
  } else if (typeof oldDeadline === "number") {
    errors.push(fieldError.invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
  }
  errors.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations));
  errors.push(...validateOnlyDeletedSchedulingGates(spec.schedulingGates, oldSpec.schedulingGates));

  const munged = mungeUpdatableFields(spec, oldSpec);
  if (canonicalJson(munged) !== canonicalJson(oldSpec)) {
    const detail = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${specDiff(oldSpec, munged)}`;
    errors.push(fieldError.forbidden("spec", detail));
  }
  return errors;
}

/** The new spec with every field an update may change set back to its old value. */
function mungeUpdatableFields(spec: JsonObject, oldSpec: JsonObject): JsonObject {
  const munged = structuredClone(spec);
  for (const key of ["containers", "initContainers"]) {
    const oldContainers = objectsIn(oldSpec[key]);
    objectsIn(munged[key]).forEach((container, i) => {
      const oldImage = oldContainers[i]?.image;
      if (oldImage === undefined) delete container.image;
      else container.image = oldImage;
    });
  }
  for (const key of ["activeDeadlineSeconds", "schedulingGates", "tolerations"]) {
    if (oldSpec[key] === undefined) delete munged[key];
    else munged[key] = oldSpec[key];
  }
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldGrace === "number" && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  return munged;
}

function validateOnlyAddedTolerations(tolerations: unknown, oldTolerations: unknown): FieldError[] {
  const current = objectsIn(tolerations);
  for (const old of objectsIn(oldTolerations)) {
    // tolerationSeconds may change; everything else about an existing toleration may not.
    const found = current.some((t) => canonicalJson({ ...old, tolerationSeconds: t.tolerationSeconds }) === canonicalJson(t));
    if (!found) return [fieldError.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds")];
  }
  return [];
}

function validateOnlyDeletedSchedulingGates(gates: unknown, oldGates: unknown): FieldError[] {
  const oldNames = new Set(objectsIn(oldGates).map((gate) => stringValue(gate.name)));
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  objectsIn(gates).forEach((gate, i) => seen.set(stringValue(gate.name), i));
  for (const [name, i] of seen) {
    if (!oldNames.has(name)) {
      errors.push(
        fieldError.forbidden(`${indexPath("spec.schedulingGates", i)}.name`, `only deletion is allowed, but found new scheduling gate '${name}'`),
      );
    }
  }
  return errors;
}

/**
 * A readable stand-in for the go-cmp diff that follows the message upstream: one `-`/`+` pair per
 * changed PodSpec field.
 */
function specDiff(oldSpec: JsonObject, newSpec: JsonObject): string {
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].sort();
  const lines = ["  core.PodSpec{"];
  let identical = 0;
  for (const key of keys) {
    const before = canonical(oldSpec[key]);
    const after = canonical(newSpec[key]);
    if (JSON.stringify(before) === JSON.stringify(after)) {
      identical++;
      continue;
    }
    const goName = key.charAt(0).toUpperCase() + key.slice(1);
    if (before !== undefined) lines.push(`- \t${goName}: ${JSON.stringify(before)},`);
    if (after !== undefined) lines.push(`+ \t${goName}: ${JSON.stringify(after)},`);
  }
  if (identical > 0) lines.push(`  \t... // ${identical} identical fields`);
  lines.push("  }");
  return lines.join("\n");
}

/**
 * CheckGracefulDelete (pkg/registry/core/pod/strategy.go): the requested period, else the pod's
 * `terminationGracePeriodSeconds`; 0 for a pod no kubelet runs (unbound) or has finished; a negative
 * period is 1.
 */
function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  const own = specOf(pod).terminationGracePeriodSeconds;
  let period = requested ?? (typeof own === "number" ? own : 0);
  if (!podNodeName(pod) || podFinished(pod)) period = 0;
  return period < 0 ? 1 : period;
}

/** Field selectors pods support beyond metadata.name/namespace (pod strategy ToSelectableFields). */
const podFieldSelectors: Record<string, (obj: KubeObject) => string> = {
  "spec.nodeName": (pod) => podNodeName(pod),
  "spec.restartPolicy": (pod) => stringValue(specOf(pod).restartPolicy),
  "spec.schedulerName": (pod) => stringValue(specOf(pod).schedulerName),
  "spec.serviceAccountName": (pod) => stringValue(specOf(pod).serviceAccountName),
  "spec.hostNetwork": (pod) => String(specOf(pod).hostNetwork === true),
  "status.phase": (pod) => podPhase(pod),
  "status.podIP": (pod) => podIP(pod),
  "status.nominatedNodeName": (pod) => stringValue(statusOf(pod).nominatedNodeName),
};

export const podDefinition: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "Pod",
  listKind: "PodList",
  resource: "pods",
  singular: "pod",
  namespaced: true,
  shortNames: ["po"],
  categories: ["all"],
  verbs: ALL_VERBS,
  subresources: ["status"],
  strategy: {
    allowUnconditionalUpdate: true,
    hasStatusSubresource: true,
    mergeSchema: podSchema,
    table: podTable,
    fieldSelectors: podFieldSelectors,
    defaults(pod) {
      if (!isJsonObject(pod.spec)) return;
      defaultPodSpec(pod.spec);
      defaultPodOnlyFields(pod.spec);
    },
    prepare(pod, old) {
      if (old || !isJsonObject(pod.spec)) return;
      admitPriority(pod.spec);
      admitDefaultTolerations(pod.spec);
      // PrepareForCreate: a new pod is Pending with its QoS class (kept when the creator supplied a status).
      if (isEmptyStatus(pod.status)) pod.status = { phase: "Pending", qosClass: computePodQOS(pod.spec) };
    },
    validate(pod, old) {
      const spec = specOf(pod);
      const errors = [...validatePodSpec(spec, "spec"), ...validatePodOnly(spec)];
      if (old) errors.push(...validatePodUpdate(pod, old));
      return errors;
    },
    gracePeriodSeconds: podGracePeriod,
  },
};
