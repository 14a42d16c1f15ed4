import type { FieldError, KubeObject, TableColumnDefinition } from "../api/types.ts";
import { fieldError, indexPath } from "../api/field-errors.ts";
import { getPath, isJsonObject, objectsIn, stringValue, type JsonObject } from "../api/json-values.ts";
import { isQualifiedName, isValidLabelValue, validateAnnotations, validateLabels } from "../api/validation.ts";
import {
  isEverythingLabelSelector,
  labelSelectorFromObject,
  matchesLabels,
  type LabelRequirement,
  type LabelSelector,
  type MetaLabelSelector,
} from "../api/selectors.ts";
import { defaultPodSpec } from "./pod-spec-defaults.ts";
import { validatePodSpec } from "./pod-spec-validation.ts";
import { goLabelSelector, goLabels } from "../api/go-format.ts";
import { semanticallyEqual } from "./semantic-json.ts";
import { column } from "./common.ts";

/**
 * What Deployments and ReplicaSets share: a label selector and a pod template
 * (kubernetes pkg/apis/apps/validation/validation.go, meta/v1/validation ValidateLabelSelector,
 * pkg/printers/internalversion/printers.go layoutContainerCells).
 */

/** SetDefaults_Deployment / SetDefaults_ReplicaSet's common part: `replicas: 1`. Returns the spec for the rest. */
export function defaultWorkloadSpec(obj: KubeObject): JsonObject {
  if (!isJsonObject(obj.spec)) obj.spec = {};
  const spec = obj.spec as JsonObject;
  spec.replicas ??= 1;
  return spec;
}

/** Defaults the pod spec inside `spec.template`. */
export function defaultTemplate(spec: JsonObject): void {
  if (!isJsonObject(spec.template)) return;
  if (isJsonObject(spec.template.spec)) defaultPodSpec(spec.template.spec);
}

/** PrepareForCreate of both strategies: a new object starts with an empty status. */
export function emptyStatusOnCreate(obj: KubeObject, old?: KubeObject): void {
  if (!old) obj.status = {};
}

const NEGATIVE = "must be greater than or equal to 0";

/** ValidateNonnegativeField. */
export function nonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === "number" && value < 0 ? [fieldError.invalid(field, value, NEGATIVE)] : [];
}

/** ValidateLabelSelectorRequirement (meta/v1/validation), selector values strictly validated. */
function validateSelectorRequirement(requirement: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const values = Array.isArray(requirement.values) ? requirement.values : [];
  switch (requirement.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errors.push(fieldError.required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) {
        errors.push(fieldError.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      errors.push(fieldError.invalid(`${path}.operator`, requirement.operator ?? "", "not a valid selector operator"));
  }
  const key = typeof requirement.key === "string" ? requirement.key : "";
  errors.push(...isQualifiedName(key).map((msg) => fieldError.invalid(`${path}.key`, key, msg)));
  values.forEach((value, i) => {
    const text = String(value);
    errors.push(...isValidLabelValue(text).map((msg) => fieldError.invalid(indexPath(`${path}.values`, i), text, msg)));
  });
  return errors;
}

/**
 * The selector and template checks of ValidateDeploymentSpec / ValidateReplicaSetSpec
 * (both say "empty selector is invalid for deployment").
 */
export function validateSelectorAndTemplate(spec: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  const selector = spec.selector;
  if (!isJsonObject(selector)) {
    errors.push(fieldError.required("spec.selector"));
  } else {
    if (isJsonObject(selector.matchLabels)) {
      errors.push(...validateLabels(selector.matchLabels as Record<string, string>, "spec.selector.matchLabels"));
    }
    const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
    expressions.forEach((expression, i) => {
      if (isJsonObject(expression)) {
        errors.push(...validateSelectorRequirement(expression, indexPath("spec.selector.matchExpressions", i)));
      }
    });
    const labelCount = isJsonObject(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
    if (labelCount + expressions.length === 0) {
      errors.push(fieldError.invalid("spec.selector", goLabelSelector(selector), "empty selector is invalid for deployment"));
    }
  }
  const parsed = parseSelector(selector);
  if (!parsed) errors.push(fieldError.invalid("spec.selector", goLabelSelector(selector), "invalid label selector"));
  else errors.push(...validateTemplateForReplicaSet(spec.template, parsed, "spec.template"));
  return errors;
}

/** metav1.LabelSelectorAsSelector; undefined when the selector does not convert. */
export function parseSelector(selector: unknown): LabelSelector | undefined {
  try {
    return labelSelectorFromObject(isJsonObject(selector) ? (selector as MetaLabelSelector) : null);
  } catch {
    return undefined;
  }
}

/** ValidatePodTemplateSpecForReplicaSet. */
function validateTemplateForReplicaSet(template: unknown, selector: LabelSelector, path: string): FieldError[] {
  const t = isJsonObject(template) ? template : {};
  const metadata = isJsonObject(t.metadata) ? t.metadata : {};
  const labels = isJsonObject(metadata.labels) ? (metadata.labels as Record<string, string>) : undefined;
  const spec = isJsonObject(t.spec) ? t.spec : {};
  const errors: FieldError[] = [];
  if (!isEverythingLabelSelector(selector) && !matchesLabels(selector, labels ?? {})) {
    errors.push(fieldError.invalid(`${path}.metadata.labels`, goLabels(labels), "`selector` does not match template `labels`"));
  }
  // ValidatePodTemplateSpec
  if (labels) errors.push(...validateLabels(labels, `${path}.labels`));
  if (isJsonObject(metadata.annotations)) {
    errors.push(...validateAnnotations(metadata.annotations as Record<string, string>, `${path}.annotations`));
  }
  errors.push(...validatePodSpec(spec, `${path}.spec`));
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errors.push(fieldError.forbidden(`${path}.spec.ephemeralContainers`, "ephemeral containers not allowed in pod template"));
  }
  if (spec.restartPolicy !== "Always") {
    errors.push(fieldError.notSupported(`${path}.spec.restartPolicy`, spec.restartPolicy ?? "", ["Always"]));
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errors.push(fieldError.forbidden(`${path}.spec.activeDeadlineSeconds`, "activeDeadlineSeconds in ReplicaSet is not Supported"));
  }
  return errors;
}

/**
 * apps/v1 forbids changing the selector (deployment and replicaset strategy ValidateUpdate,
 * ValidateImmutableField).
 */
export function validateSelectorUnchanged(spec: JsonObject, oldSpec: JsonObject): FieldError[] {
  if (semanticallyEqual(spec.selector ?? null, oldSpec.selector ?? null)) return [];
  return [fieldError.invalid("spec.selector", goLabelSelector(spec.selector), "field is immutable")];
}

function requirementString(r: LabelRequirement): string {
  switch (r.operator) {
    case "exists":
      return r.key;
    case "!":
      return `!${r.key}`;
    case "in":
    case "notin":
      // Requirement.String() sorts the values on output.
      return `${r.key} ${r.operator} (${[...r.values].sort().join(",")})`;
    case "gt":
      return `${r.key}>${r.values[0] ?? ""}`;
    case "lt":
      return `${r.key}<${r.values[0] ?? ""}`;
    default:
      return `${r.key}${r.operator}${r.values[0] ?? ""}`;
  }
}

/** labels.Selector.String(): requirements sorted by key, `app=x,tier in (a,b)`; "" selects everything (or nothing). */
export function selectorString(selector: LabelSelector): string {
  return selector.requirements.map(requirementString).join(",");
}

/** metav1.FormatLabelSelector: `<none>` when empty, `<error>` when it does not convert. */
export function formatLabelSelector(selector: unknown): string {
  const parsed = parseSelector(selector);
  if (!parsed) return "<error>";
  return selectorString(parsed) || "<none>";
}

/** The `-o wide` columns of both tables: CONTAINERS, IMAGES and SELECTOR (whose description differs). */
export function templateColumns(selectorDescription: string): TableColumnDefinition[] {
  return [
    column("Containers", "Names of each container in the template.", 1),
    column("Images", "Images referenced by each container in the template.", 1),
    column("Selector", selectorDescription, 1),
  ];
}

/** The CONTAINERS and IMAGES cells of `-o wide` (layoutContainerCells). */
export function containerCells(obj: KubeObject): [names: string, images: string] {
  const containers = objectsIn(getPath(obj, "spec", "template", "spec", "containers"));
  return [containers.map((c) => stringValue(c.name)).join(","), containers.map((c) => stringValue(c.image)).join(",")];
}
