import { goQuote } from "@paddock/registry-auth";
import { isJsonObject, type JsonObject } from "./json-values.ts";

/**
 * Go's fmt renderings that kube-apiserver's messages embed, so that ours read alike: the bad value of
 * a field error (field.Error.ErrorBody), `%v` and `%s` of decoded JSON (patch errors), and `%#v` of the
 * typed values apimachinery v0.32 prints for maps and structs.
 */

export { goQuote };

/** A bad value whose Go rendering cannot be derived from JSON (a Go struct printed with `%#v`), printed verbatim. */
export class GoValue {
  constructor(readonly text: string) {}
}

/** How ErrorBody prints a bad value: strings with %q, numbers and booleans bare, nil as `null`. */
export function formatGoValue(value: unknown): string {
  if (value instanceof GoValue) return value.text;
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number") return goNumber(value);
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return goStringSlice(value);
  return JSON.stringify(value);
}

/** Go `%v` of a decoded JSON value: `map[image:nginx name:c]`, `[a b]`, `<nil>`; map keys sorted as fmt sorts them. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  if (isJsonObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${key}:${goValue(value[key])}`);
    return `map[${entries.join(" ")}]`;
  }
  if (typeof value === "number") return goNumber(value);
  return String(value);
}

/** Go `%s` of an interface value: strings print bare, anything else as `%!s(type=value)`. */
export function goString(value: unknown): string {
  return typeof value === "string" ? value : `%!s(${goTypeName(value)}=${goValue(value)})`;
}

/** The Go type a decoded JSON value has (integers decode as int64 in kube-apiserver). */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return "[]interface {}";
  if (isJsonObject(value)) return "map[string]interface {}";
  if (typeof value === "number") return isInt64(value) ? "int64" : "float64";
  if (typeof value === "boolean") return "bool";
  return "string";
}

function isInt64(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63;
}

/** int64 prints as digits; float64 `%v` is strconv's shortest %g: exponent form when exp < -4 or exp >= 6. */
function goNumber(n: number): string {
  if (isInt64(n)) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : n < 0 ? "-Inf" : "NaN";
  const [mantissa = "", exponentText = "0"] = n.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return String(n);
}

// ---------------------------------------------------------------------------------------------
// `%#v` of typed values (field.Error.ErrorBody falls back to it for maps and structs).

/** `map[string]string{"a":"1", "b":"2"}` (keys sorted, as fmt sorts them); a missing map is `map[string]string(nil)`. */
export function goStringMap(value: unknown): string {
  if (!isJsonObject(value)) return "map[string]string(nil)";
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

function labelSelectorRequirement(expression: JsonObject): string {
  const key = goQuote(typeof expression.key === "string" ? expression.key : "");
  const operator = goQuote(typeof expression.operator === "string" ? expression.operator : "");
  return `v1.LabelSelectorRequirement{Key:${key}, Operator:${operator}, Values:${goStringSlice(expression.values)}}`;
}

/** A *metav1.LabelSelector as a bad value: the struct it points to, or `null` for a nil pointer. */
export function goLabelSelector(selector: unknown): GoValue | null {
  if (!isJsonObject(selector)) return null;
  const expressions = Array.isArray(selector.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions.filter(isJsonObject).map(labelSelectorRequirement).join(", ")}}`
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
