/**
 * Renders JSON values the way Go's fmt prints the `map[string]interface{}` values that apimachinery
 * error messages embed (`%v`), so our messages read like kube-apiserver's.
 */
import { isJsonObject } from "./json-values.ts";

/** Go `%v`: `map[image:nginx name:c]`, `[a b]`, `<nil>`; map keys sorted as Go's fmt sorts them. */
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
