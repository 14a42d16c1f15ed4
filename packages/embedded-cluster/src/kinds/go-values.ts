import { GoValue, goQuote } from "../api/field-errors.ts";

/**
 * Go `%#v` renderings of the typed values that apimachinery v0.32 prints in field errors
 * (field.Error.ErrorBody falls back to `%#v` for maps and structs), so that messages such as
 * `Invalid value: map[string]string{"app":"x"}: ...` read exactly like kube-apiserver's.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `map[string]string{"a":"1", "b":"2"}` (keys sorted, as fmt sorts them); a missing map is `map[string]string(nil)`. */
export function goStringMap(value: unknown): string {
  if (!isObject(value)) return "map[string]string(nil)";
  const pairs = Object.keys(value)
    .sort()
    .map((key) => `${goQuote(key)}:${goQuote(String(value[key]))}`);
  return `map[string]string{${pairs.join(", ")}}`;
}

/** `[]string{"a", "b"}`, or `[]string(nil)`. */
export function goStringSlice(value: unknown): string {
  if (!Array.isArray(value)) return "[]string(nil)";
  return `[]string{${value.map((v) => goQuote(String(v))).join(", ")}}`;
}

function requirement(expression: JsonObject): string {
  const key = goQuote(typeof expression.key === "string" ? expression.key : "");
  const operator = goQuote(typeof expression.operator === "string" ? expression.operator : "");
  return `v1.LabelSelectorRequirement{Key:${key}, Operator:${operator}, Values:${goStringSlice(expression.values)}}`;
}

/** A *metav1.LabelSelector as a bad value: the struct it points to, or `null` for a nil pointer. */
export function goLabelSelector(selector: unknown): GoValue | null {
  if (!isObject(selector)) return null;
  const expressions = Array.isArray(selector.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions.filter(isObject).map(requirement).join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${expressions}}`);
}

/** A labels map as a bad value. */
export function goLabels(labels: unknown): GoValue {
  return new GoValue(goStringMap(labels));
}

/** An intstr.IntOrString as a bad value (it has no value-receiver String(), so `%#v` shows the struct). */
export function goIntOrString(value: unknown): GoValue {
  if (typeof value === "string") return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(value)}}`);
  const n = typeof value === "number" ? value : 0;
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`);
}
