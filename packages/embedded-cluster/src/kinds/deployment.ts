import type { FieldError, KubeObject, TableCell } from "../api/types.ts";
import { fieldError } from "../api/field-errors.ts";
import { GoValue, goIntOrString, goQuote } from "../api/go-format.ts";
import { deploymentSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition, type TablePrinter } from "./types.ts";
import { ageCell, ageColumn, column, nameColumn } from "./common.ts";
import { intValue, isJsonObject, specOf, statusOf, type JsonObject } from "../api/json-values.ts";
import {
  containerCells,
  defaultTemplate,
  defaultWorkloadSpec,
  emptyStatusOnCreate,
  nonNegative,
  parseSelector,
  selectorString,
  templateColumns,
  validateSelectorAndTemplate,
  validateSelectorUnchanged,
} from "./workload-template.ts";

/**
 * apps/v1 Deployments (kubernetes pkg/apis/apps/v1/defaults.go SetDefaults_Deployment,
 * pkg/apis/apps/validation/validation.go ValidateDeploymentSpec, pkg/registry/apps/deployment/strategy.go).
 */

function defaultDeployment(deployment: KubeObject): void {
  const spec = defaultWorkloadSpec(deployment);
  if (!isJsonObject(spec.strategy)) spec.strategy = {};
  const strategy = spec.strategy as JsonObject;
  if (!strategy.type) strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    if (!isJsonObject(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    const rollingUpdate = strategy.rollingUpdate as JsonObject;
    rollingUpdate.maxUnavailable ??= "25%";
    rollingUpdate.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec);
}

const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function percentValue(value: unknown): number | undefined {
  return typeof value === "string" && /^[0-9]+%$/.test(value) ? Number(value.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue: the percentage, or IntOrString.IntValue() (Atoi of a string, 0 when it is not a number). */
function intOrPercentValue(value: unknown): number {
  const percent = percentValue(value);
  if (percent !== undefined) return percent;
  if (typeof value === "number") return value;
  const n = typeof value === "string" && /^[+-]?\d+$/.test(value) ? Number(value) : 0;
  return Number.isFinite(n) ? n : 0;
}

/** ValidatePositiveIntOrPercent. */
function validateIntOrPercent(value: unknown, field: string): FieldError[] {
  if (typeof value === "string") {
    return percentValue(value) === undefined ? [fieldError.invalid(field, goIntOrString(value), PERCENT_MESSAGE)] : [];
  }
  return nonNegative(value, field);
}

function validateRollingUpdate(rollingUpdate: JsonObject, path: string): FieldError[] {
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errors = [
    ...validateIntOrPercent(maxUnavailable, `${path}.maxUnavailable`),
    ...validateIntOrPercent(maxSurge, `${path}.maxSurge`),
  ];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errors.push(fieldError.invalid(`${path}.maxUnavailable`, goIntOrString(maxUnavailable), "may not be 0 when `maxSurge` is 0"));
  }
  const percent = percentValue(maxUnavailable);
  if (percent !== undefined && percent > 100) {
    errors.push(fieldError.invalid(`${path}.maxUnavailable`, goIntOrString(maxUnavailable), "must not be greater than 100%"));
  }
  return errors;
}

/** apps.DeploymentStrategy printed with `%#v` (a set rollingUpdate pointer prints as an address in Go). */
function goDeploymentStrategy(strategy: JsonObject): GoValue {
  const type = goQuote(typeof strategy.type === "string" ? strategy.type : "");
  const pointer = isJsonObject(strategy.rollingUpdate) ? "0xc000000000" : "nil";
  return new GoValue(`apps.DeploymentStrategy{Type:${type}, RollingUpdate:(*apps.RollingUpdateDeployment)(${pointer})}`);
}

function validateStrategy(strategy: JsonObject): FieldError[] {
  switch (strategy.type) {
    case "Recreate":
      return strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null
        ? [fieldError.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case "RollingUpdate":
      return isJsonObject(strategy.rollingUpdate)
        ? validateRollingUpdate(strategy.rollingUpdate, "spec.strategy.rollingUpdate")
        : [fieldError.required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil")];
    default:
      return [fieldError.notSupported("spec.strategy", goDeploymentStrategy(strategy), ["Recreate", "RollingUpdate"])];
  }
}

/** ValidateDeploymentSpec, in upstream order. */
function validateDeploymentSpec(spec: JsonObject): FieldError[] {
  const errors = [...nonNegative(spec.replicas, "spec.replicas"), ...validateSelectorAndTemplate(spec)];
  errors.push(...validateStrategy(isJsonObject(spec.strategy) ? spec.strategy : {}));
  errors.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errors.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === "number") {
    errors.push(...nonNegative(deadline, "spec.progressDeadlineSeconds"));
    if (deadline <= intValue(spec.minReadySeconds)) {
      errors.push(fieldError.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
    }
  }
  return errors;
}

const deploymentTable: TablePrinter = {
  columns: [
    nameColumn,
    column("Ready", "Number of the pod with ready state"),
    column("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
    column("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
    ageColumn(),
    ...templateColumns("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
  ],
  row(deployment: KubeObject, now: Date): TableCell[] {
    const spec = specOf(deployment);
    const status = statusOf(deployment);
    const [names, images] = containerCells(deployment);
    const selector = parseSelector(spec.selector);
    return [
      deployment.metadata.name ?? "",
      `${intValue(status.readyReplicas)}/${intValue(spec.replicas)}`,
      intValue(status.updatedReplicas),
      intValue(status.availableReplicas),
      ageCell(deployment, now),
      names,
      images,
      selector ? selectorString(selector) : "<invalid>",
    ];
  },
};

export const deploymentDefinition: ResourceDefinition = {
  group: "apps",
  version: "v1",
  kind: "Deployment",
  listKind: "DeploymentList",
  resource: "deployments",
  singular: "deployment",
  namespaced: true,
  shortNames: ["deploy"],
  categories: ["all"],
  verbs: ALL_VERBS,
  subresources: ["status", "scale"],
  strategy: {
    allowUnconditionalUpdate: true,
    hasStatusSubresource: true,
    tracksGeneration: true,
    mergeSchema: deploymentSchema,
    table: deploymentTable,
    defaults: defaultDeployment,
    prepare: emptyStatusOnCreate,
    validate(deployment, old) {
      const errors = validateDeploymentSpec(specOf(deployment));
      if (old) errors.push(...validateSelectorUnchanged(specOf(deployment), specOf(old)));
      return errors;
    },
  },
};
