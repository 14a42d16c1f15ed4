import type { KubeObject } from "../api/types.ts";
import { isJsonObject, type JsonObject, objectsIn, specOf, stringValue } from "../api/json-values.ts";

/**
 * Whether a pod may go to a node, with the scheduler's reason when it may not: the default filter
 * plugins in their order (kubernetes pkg/scheduler/framework/plugins: nodeunschedulable,
 * tainttoleration, nodeaffinity); the first that fails speaks for the node. Resources are not counted.
 */

export function nodeFitFailure(pod: KubeObject, node: KubeObject): string | undefined {
  const spec = specOf(pod);
  const nodeSpec = specOf(node);
  const tolerations = objectsIn(spec.tolerations);
  const labels = node.metadata.labels ?? {};

  // nodeunschedulable: a cordoned node takes only pods tolerating its unschedulable taint.
  if (nodeSpec.unschedulable === true && !tolerations.some((t) => tolerates(t, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }))) {
    return "node(s) were unschedulable";
  }
  for (const taint of objectsIn(nodeSpec.taints)) {
    if (taint.effect !== "NoSchedule" && taint.effect !== "NoExecute") continue;
    if (!tolerations.some((t) => tolerates(t, taint))) {
      return `node(s) had untolerated taint {${stringValue(taint.key)}: ${stringValue(taint.value)}}`;
    }
  }
  if (!matchesNodeSelector(spec.nodeSelector, labels) || !matchesRequiredAffinity(spec.affinity, node)) {
    return "node(s) didn't match Pod's node affinity/selector";
  }
  return undefined;
}

/** core/v1 helper Toleration.ToleratesTaint. */
function tolerates(toleration: JsonObject, taint: JsonObject): boolean {
  if (stringValue(toleration.effect) && toleration.effect !== taint.effect) return false;
  if (stringValue(toleration.key) && toleration.key !== taint.key) return false;
  const operator = stringValue(toleration.operator) || "Equal";
  if (operator === "Exists") return true;
  return operator === "Equal" && stringValue(toleration.value) === stringValue(taint.value);
}

function matchesNodeSelector(selector: unknown, labels: Record<string, string>): boolean {
  if (!isJsonObject(selector)) return true;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** requiredDuringSchedulingIgnoredDuringExecution: the terms are ORed, a term's requirements ANDed. */
function matchesRequiredAffinity(affinity: unknown, node: KubeObject): boolean {
  const required = isJsonObject(affinity) && isJsonObject(affinity.nodeAffinity) ? affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution : undefined;
  if (!isJsonObject(required)) return true;
  const terms = objectsIn(required.nodeSelectorTerms);
  const labels = node.metadata.labels ?? {};
  const fields: Record<string, string> = { "metadata.name": node.metadata.name ?? "" };
  return terms.some((term) => {
    const expressions = objectsIn(term.matchExpressions);
    const fieldExpressions = objectsIn(term.matchFields);
    if (expressions.length === 0 && fieldExpressions.length === 0) return false; // an empty term matches nothing
    return expressions.every((e) => matchesRequirement(e, labels)) && fieldExpressions.every((e) => matchesRequirement(e, fields));
  });
}

function matchesRequirement(requirement: JsonObject, labels: Record<string, string>): boolean {
  const key = stringValue(requirement.key);
  const values = Array.isArray(requirement.values) ? requirement.values.map(String) : [];
  const has = Object.hasOwn(labels, key);
  const value = labels[key] ?? "";
  switch (requirement.operator) {
    case "In":
      return has && values.includes(value);
    case "NotIn":
      return !has || !values.includes(value);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      const left = Number.parseInt(value, 10);
      const right = Number.parseInt(values[0] ?? "", 10);
      if (!has || Number.isNaN(left) || Number.isNaN(right)) return false;
      return requirement.operator === "Gt" ? left > right : left < right;
    }
    default:
      return false;
  }
}
