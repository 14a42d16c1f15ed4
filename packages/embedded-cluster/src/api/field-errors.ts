import type { FieldError } from "./types.ts";
import { formatGoValue, goQuote } from "./go-format.ts";

/**
 * Field errors rendered exactly as apimachinery v0.32 renders them
 * (k8s.io/apimachinery/pkg/util/validation/field/errors.go), and the 422 message built from them
 * (k8s.io/apimachinery/pkg/api/errors/errors.go NewInvalid).
 */

/** The words each error type starts with (ErrorType.String()). */
const TYPE_WORDS: Record<FieldError["type"], string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
};

/** Types whose body never shows the bad value. */
const VALUE_HIDDEN = new Set<FieldError["type"]>(["FieldValueRequired", "FieldValueForbidden", "FieldValueTooLong"]);

/** `field: body`, as field.Error.Error(). */
export function renderFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** The error without its field, as field.Error.ErrorBody(); this is also a Status cause's message. */
export function fieldErrorBody(e: FieldError): string {
  let body = TYPE_WORDS[e.type];
  // TooMany with an unknown count omits the value (field.TooMany with actualQuantity < 0).
  const omitValue = VALUE_HIDDEN.has(e.type) || (e.type === "FieldValueTooMany" && e.value === undefined);
  if (!omitValue) body += `: ${formatGoValue(e.value)}`;
  const detail = errorDetail(e);
  if (detail) body += `: ${detail}`;
  return body;
}

function errorDetail(e: FieldError): string {
  if (e.type === "FieldValueNotSupported" && e.supported && e.supported.length > 0) {
    const supported = `supported values: ${e.supported.map(goQuote).join(", ")}`;
    return e.detail ? `${supported}, ${e.detail}` : supported;
  }
  return e.detail ?? "";
}

/**
 * `Secret "x" is invalid: <e1>` or, for several distinct errors, `… is invalid: [<e1>, <e2>]`
 * (ErrorList.ToAggregate drops repeated messages; an aggregate of one prints bare).
 * `group` makes the kind qualified (`CustomResourceDefinition.apiextensions.k8s.io`), as GroupKind.String() does.
 */
export function invalidStatusMessage(kind: string, name: string, errors: FieldError[], group = ""): string {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return `${qualifiedKind} ${goQuote(name)} is invalid: ${aggregate(errors.map(renderFieldError))}`;
}

function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return "<nil>";
  if (unique.length === 1) return unique[0]!;
  return `[${unique.join(", ")}]`;
}

/** One entry of Status.details.causes: the body without the field prefix, as NewInvalid builds it. */
export function fieldErrorCause(e: FieldError): { reason: string; message: string; field?: string } {
  const message = fieldErrorBody(e);
  return e.field ? { reason: e.type, message, field: e.field } : { reason: e.type, message };
}

// ---------------------------------------------------------------------------------------------
// Constructors mirroring field.Required/Invalid/… so strategies read like the Go validation code.

export const fieldError = {
  required(field: string, detail = ""): FieldError {
    return { type: "FieldValueRequired", field, detail };
  },
  invalid(field: string, value: unknown, detail: string): FieldError {
    return { type: "FieldValueInvalid", field, value, detail };
  },
  forbidden(field: string, detail: string): FieldError {
    return { type: "FieldValueForbidden", field, detail };
  },
  notFound(field: string, value: unknown): FieldError {
    return { type: "FieldValueNotFound", field, value };
  },
  duplicate(field: string, value: unknown): FieldError {
    return { type: "FieldValueDuplicate", field, value };
  },
  notSupported(field: string, value: unknown, supported: string[]): FieldError {
    return { type: "FieldValueNotSupported", field, value, supported };
  },
  /** apimachinery v0.32 field.TooLong (the wording changed in 1.32: earlier releases said `must have at most N bytes`). */
  tooLong(field: string, maxLength: number): FieldError {
    const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? "byte" : "bytes"}` : "value is too long";
    return { type: "FieldValueTooLong", field, detail };
  },
  tooMany(field: string, actual: number, max: number): FieldError {
    const detail = max >= 0 ? `must have at most ${max} items` : "has too many items";
    return actual >= 0
      ? { type: "FieldValueTooMany", field, value: actual, detail }
      : { type: "FieldValueTooMany", field, detail };
  },
};

/** `data[.dockerconfigjson]`, as field.Path.Key(). */
export function keyPath(path: string, key: string): string {
  return `${path}[${key}]`;
}

/** `spec.finalizers[0]`, as field.Path.Index(). */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}
