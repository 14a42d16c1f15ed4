import { fieldError } from "./field-errors.ts";
import { goQuote, goValue } from "./go-format.ts";
import { isJsonObject } from "./json-values.ts";
import { StatusError, badRequest, invalid } from "./status.ts";
import { decodeStrictJson, decodeStrictValue, type StrictDecoding } from "./strict-decoding.ts";
import type { FieldNode } from "./field-schema/field-schema.ts";
import { UNTYPED } from "./field-schema/field-schema.ts";

/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`), as kube-apiserver's
 * handlers do it (apiserver pkg/endpoints/handlers/{create,update,patch,rest}.go):
 * - Strict: unknown or duplicate fields fail the request;
 * - Warn (the default when the parameter is absent, handlers/rest.go fieldValidation): the request
 *   goes through, and each problem comes back as a `Warning: 299 - "…"` header;
 * - Ignore: nothing is said.
 * In every case the object is decoded into its Go type, so unknown fields are not stored.
 */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** What a write request asked for, and where its warnings go. */
export interface FieldValidationRequest {
  directive: FieldValidation;
  warn(message: string): void;
}

/** The options type kube-apiserver decodes the query into, named in its refusal. */
export type OptionsKind = "CreateOptions" | "UpdateOptions" | "PatchOptions";

/** apimachinery pkg/apis/meta/v1/validation ValidateFieldValidation: sets.NewString(…).List() order. */
const ALLOWED = ["", "Ignore", "Strict", "Warn"];

/**
 * The request's directive. An unknown value is refused before the body is decoded, as
 * ValidateCreateOptions/ValidateUpdateOptions/ValidatePatchOptions do: 422
 * `CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "x": supported values: "", "Ignore", "Strict", "Warn"`.
 */
export function parseFieldValidation(value: string | null, optionsKind: OptionsKind): FieldValidation {
  const given = value ?? "";
  if (!ALLOWED.includes(given)) {
    throw withoutName(invalid("meta.k8s.io", optionsKind, "", [fieldError.notSupported("fieldValidation", given, ALLOWED)]));
  }
  return given === "" ? "Warn" : (given as FieldValidation);
}

/** StatusDetails.name is omitempty: NewInvalid with an empty name does not show it. */
function withoutName(error: StatusError): StatusError {
  const { name: _name, ...details } = error.details ?? {};
  return new StatusError(error.code, error.reason, error.message, details);
}

/**
 * Decodes a create or update body (JSON text) into the kind's fields. Strict problems fail with the
 * decoder's 400 (handlers/rest.go transformDecodeError):
 * `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"`,
 * and so does a value of the wrong type, whatever the directive (the decoder returns it before its
 * strict errors): `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number
 * into Go struct field Container.spec.containers.name of type string`.
 */
export function decodeBodyFields(text: string, root: FieldNode, describe: () => string, request: FieldValidationRequest): unknown {
  const decoded = decodeStrictJson(text, root);
  if (decoded.typeError !== undefined) throw badRequest(`${describe()}: ${decoded.typeError}`);
  report(decoded.errors, request, (message) => badRequest(`${describe()}: ${message}`));
  return decoded.value;
}

/** `strict decoding error: a, b` (apimachinery pkg/runtime/error.go strictDecodingError). */
export function strictDecodingMessage(errors: readonly string[]): string {
  return `strict decoding error: ${errors.join(", ")}`;
}

function report(errors: string[], request: FieldValidationRequest, refusal: (message: string) => StatusError): void {
  if (errors.length === 0 || request.directive === "Ignore") return;
  if (request.directive === "Strict") throw refusal(strictDecodingMessage(errors));
  for (const error of errors) request.warn(error);
}

/** The duplicate keys of a strategic merge or merge patch body (kjson.UnmarshalStrict into a map). */
export function patchBodyErrors(text: string): string[] {
  try {
    return decodeStrictJson(text, UNTYPED).errors;
  } catch {
    return [];
  }
}

export type PatchKind = "strategic" | "merge" | "json";

/**
 * Checks the object a patch produced and returns it with its unknown fields dropped
 * (handlers/patch.go): a strategic merge patch is checked as runtime.DefaultUnstructuredConverter
 * does (sorted errors), a JSON or merge patch by strict decoding of the patched document. A Strict
 * failure is a 422 on the field `patch`, whose value is the patch (`%+v` of the decoded map) for a
 * strategic merge patch, and the patched document for the others:
 * ` "" is invalid: patch: Invalid value: "map[spec:map[foo:1]]": strict decoding error: unknown field "spec.foo"`.
 * A patched value of the wrong type fails the same way whatever the directive, with the decoder's
 * error in place of the strict ones ("non-strict errors trump"): `… Invalid value: "map[spec:map[replicas:3]]":
 * unrecognized type: int32` (strategic, converter.go), `… Invalid value: "{…}": json: cannot unmarshal
 * string into Go struct field DeploymentSpec.spec.replicas of type int32` (JSON and merge patches).
 */
export function checkPatchedFields(
  type: PatchKind,
  patch: unknown,
  patched: unknown,
  root: FieldNode,
  request: FieldValidationRequest & { patchErrors?: string[] },
): unknown {
  const decoded: StrictDecoding = decodeStrictValue(patched, root, type === "strategic" ? "unstructured" : "sorted-json");
  const patchValue = (): string => (type === "strategic" ? goValue(patch) : goJson(patched));
  if (decoded.typeError !== undefined) throw patchInvalid(patchValue(), decoded.typeError);
  const errors = [...(type === "json" ? [] : (request.patchErrors ?? [])), ...decoded.errors];
  report(errors, request, (message) => patchInvalid(patchValue(), message));
  return decoded.value;
}

/** errors.NewInvalid(schema.GroupKind{}, "", field.ErrorList{field.Invalid(field.NewPath("patch"), value, message)}). */
function patchInvalid(value: string, message: string): StatusError {
  const body = `Invalid value: ${goQuote(value)}: ${message}`;
  return new StatusError(422, "Invalid", ` "" is invalid: patch: ${body}`, {
    causes: [{ reason: "FieldValueInvalid", message: body, field: "patch" }],
  });
}

/**
 * A patched document as encoding/json writes it: compact, keys sorted (json-patch v4 re-encodes the
 * maps it touched), `<`, `>`, `&`, U+2028 and U+2029 escaped.
 */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (isJsonObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${goJsonString(key)}:${goJson(value[key])}`);
    return `{${entries.join(",")}}`;
  }
  if (typeof value === "string") return goJsonString(value);
  return JSON.stringify(value) ?? "null";
}

function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The Warning header value for one message (apimachinery pkg/util/net/http.go NewWarningHeader):
 * code 299, agent `-`, the text quoted with `"` and `\` escaped.
 */
export function warningHeader(message: string): string {
  return `299 - "${message.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
