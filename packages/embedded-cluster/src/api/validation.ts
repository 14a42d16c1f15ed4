import type { FieldError, ObjectMeta, OwnerReference } from "./types.ts";
import { fieldError, indexPath, keyPath } from "./field-errors.ts";
import { GoValue, goQuote, goStringSlice } from "./go-format.ts";

/**
 * kube-apiserver's generic validation, with its exact messages:
 * apimachinery v0.32 pkg/util/validation/validation.go (names, keys, labels),
 * pkg/api/validation/{generic,objectmeta}.go (ObjectMeta) and
 * pkg/apis/meta/v1/validation/validation.go (labels).
 */

// ---------------------------------------------------------------------------------------------
// Message builders (validation.go MaxLenError, RegexError, EmptyError).

function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** `msg (e.g. 'a' or 'b', regex used for validation is 'fmt')` — note the two spaces before each `or`. */
function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const listed = examples.map((example) => `'${example}', `).join(" or ");
  return `${message} (e.g. ${listed}regex used for validation is '${format}')`;
}

function emptyError(): string {
  return "must be non-empty";
}

/** Go's len() counts UTF-8 bytes. */
function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

// ---------------------------------------------------------------------------------------------
// DNS names.

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_MAX = 63;
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

export function isDNS1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX) errors.push(maxLenError(DNS1123_LABEL_MAX));
  if (!DNS1123_LABEL.test(value)) {
    // A valid subdomain that is not a valid label (length was checked above) must have dots.
    if (DNS1123_SUBDOMAIN.test(value)) errors.push("must not contain dots");
    else errors.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
  }
  return errors;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) errors.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!DNS1123_SUBDOMAIN.test(value)) errors.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Qualified names (label and annotation keys, finalizers) and label values.

const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MAX = 63;
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);

export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errors.push(`prefix part ${emptyError()}`);
    else errors.push(...isDNS1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errors.push(`name part ${emptyError()}`);
  else if (byteLength(name) > QUALIFIED_NAME_MAX) errors.push(`name part ${maxLenError(QUALIFIED_NAME_MAX)}`);
  if (!QUALIFIED_NAME.test(name)) {
    errors.push(`name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")}`);
  }
  return errors;
}

const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MAX = 63;
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);

export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX) errors.push(maxLenError(LABEL_VALUE_MAX));
  if (!LABEL_VALUE.test(value)) errors.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errors;
}

// ---------------------------------------------------------------------------------------------
// ConfigMap and Secret keys.

const CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
const CONFIG_MAP_KEY_ERR = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const CONFIG_MAP_KEY = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);

export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) errors.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!CONFIG_MAP_KEY.test(value)) {
    errors.push(regexError(CONFIG_MAP_KEY_ERR, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
  }
  if (value === ".") errors.push("must not be '.'");
  else if (value === "..") errors.push("must not be '..'");
  else if (value.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Name functions (generic.go ValidateNameFunc): `prefix` is true when validating generateName.

/**
 * maskTrailingDash: a generateName may end in `-` because random characters follow it. Upstream
 * replaces the last *two* characters with `a` (`name[:len(name)-2] + "a"`), which is what we do too.
 */
function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith("-")) return `${name.slice(0, -2)}a`;
  return name;
}

export function nameIsDNSSubdomain(name: string, prefix: boolean): string[] {
  return isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
}

export function nameIsDNSLabel(name: string, prefix: boolean): string[] {
  return isDNS1123Label(prefix ? maskTrailingDash(name) : name);
}

/**
 * The weakest name rule, path.ValidatePathSegmentName (apimachinery pkg/api/validation/path/name.go):
 * kube-apiserver applies it to every object after the kind's own checks; core v1 Events get only this.
 */
export function nameIsPathSegment(name: string, prefix: boolean): string[] {
  if (!prefix) {
    for (const illegal of [".", ".."]) {
      if (name === illegal) return [`may not be '${illegal}'`];
    }
  }
  return ["/", "%"].filter((illegal) => name.includes(illegal)).map((illegal) => `may not contain '${illegal}'`);
}

// ---------------------------------------------------------------------------------------------
// ObjectMeta.

export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/** objectmeta.go TotalAnnotationSizeLimitB */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const FIELD_IMMUTABLE = "field is immutable";

/** Event is the one kind that may not own anything (objectmeta.go BannedOwners). */
const BANNED_OWNERS = new Set(["/v1/Event"]);

export interface ObjectMetaValidationOptions {
  namespaced: boolean;
  validateName: ValidateNameFunc;
}

/** ValidateObjectMetaAccessor: on create, after name generation. */
export function validateObjectMeta(meta: ObjectMeta, options: ObjectMetaValidationOptions): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.generateName) {
    for (const message of options.validateName(meta.generateName, true)) {
      errors.push(fieldError.invalid("metadata.generateName", meta.generateName, message));
    }
  }
  if (!meta.name) {
    errors.push(fieldError.required("metadata.name", "name or generateName is required"));
  } else {
    for (const message of options.validateName(meta.name, false)) {
      errors.push(fieldError.invalid("metadata.name", meta.name, message));
    }
  }
  if (options.namespaced) {
    if (!meta.namespace) {
      errors.push(fieldError.required("metadata.namespace"));
    } else {
      for (const message of nameIsDNSLabel(meta.namespace, false)) {
        errors.push(fieldError.invalid("metadata.namespace", meta.namespace, message));
      }
    }
  } else if (meta.namespace) {
    errors.push(fieldError.forbidden("metadata.namespace", "not allowed on this type"));
  }
  errors.push(...validateCommonMeta(meta));
  return errors;
}

/** The parts ValidateObjectMetaAccessor and ValidateObjectMetaAccessorUpdate share. */
function validateCommonMeta(meta: ObjectMeta): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof meta.generation === "number" && meta.generation < 0) {
    errors.push(fieldError.invalid("metadata.generation", meta.generation, "must be greater than or equal to 0"));
  }
  errors.push(...validateLabels(meta.labels ?? {}, "metadata.labels"));
  errors.push(...validateAnnotations(meta.annotations ?? {}, "metadata.annotations"));
  errors.push(...validateOwnerReferences(meta.ownerReferences ?? [], "metadata.ownerReferences"));
  errors.push(...validateFinalizers(meta.finalizers ?? [], "metadata.finalizers"));
  return errors;
}

/** meta/v1/validation ValidateLabels. */
export function validateLabels(labels: Record<string, string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const message of isQualifiedName(key)) errors.push(fieldError.invalid(path, key, message));
    for (const message of isValidLabelValue(String(value))) errors.push(fieldError.invalid(path, value, message));
  }
  return errors;
}

/** ValidateAnnotations: keys are qualified names in any case; all keys and values together ≤ 256 KiB. */
export function validateAnnotations(annotations: Record<string, string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let totalSize = 0;
  for (const [key, value] of Object.entries(annotations)) {
    for (const message of isQualifiedName(key.toLowerCase())) errors.push(fieldError.invalid(path, key, message));
    totalSize += byteLength(key) + byteLength(String(value));
  }
  if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT) errors.push(fieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errors;
}

function validateOwnerReferences(references: OwnerReference[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  let firstController = "";
  for (const reference of references) {
    const apiVersion = typeof reference.apiVersion === "string" ? reference.apiVersion : "";
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
    if (!version) errors.push(fieldError.invalid(`${path}.apiVersion`, apiVersion, "version must not be empty"));
    if (!reference.kind) errors.push(fieldError.invalid(`${path}.kind`, reference.kind ?? "", "must not be empty"));
    if (!reference.name) errors.push(fieldError.invalid(`${path}.name`, reference.name ?? "", "must not be empty"));
    if (!reference.uid) errors.push(fieldError.invalid(`${path}.uid`, reference.uid ?? "", "must not be empty"));
    const gvk = `${group}/${version}/${reference.kind}`;
    if (BANNED_OWNERS.has(gvk)) {
      errors.push(
        fieldError.invalid(path, new GoValue(goOwnerReference(reference)), `${group}/${version}, Kind=${reference.kind} is disallowed from being an owner`),
      );
    }
    if (reference.controller === true) {
      const current = `${reference.kind}/${reference.name}`;
      if (firstController) {
        errors.push(
          fieldError.invalid(
            path,
            new GoValue(`[]v1.OwnerReference{${references.map(goOwnerReference).join(", ")}}`),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errors;
}

/** An approximation of Go's %#v of a metav1.OwnerReference (pointer fields cannot be reproduced). */
function goOwnerReference(reference: OwnerReference): string {
  return `v1.OwnerReference{APIVersion:${goQuote(reference.apiVersion ?? "")}, Kind:${goQuote(reference.kind ?? "")}, Name:${goQuote(reference.name ?? "")}, UID:${goQuote(reference.uid ?? "")}}`;
}

/** ValidateFinalizers: each a qualified name; `orphan` and `foregroundDeletion` exclude each other. */
export function validateFinalizers(finalizers: string[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const finalizer of finalizers) {
    for (const message of isQualifiedName(finalizer)) errors.push(fieldError.invalid(path, finalizer, message));
  }
  if (finalizers.includes("orphan") && finalizers.includes("foregroundDeletion")) {
    errors.push(fieldError.invalid(path, finalizers, "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  return errors;
}

const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

/**
 * The extra finalizer rule of built-in (non-CRD) kinds, from kubernetes pkg/apis/core/validation
 * ValidateObjectMeta / validateKubeFinalizerName: a finalizer without a `/` must be a standard one.
 * Strategies of built-in kinds run it from `validate`; custom resources do not have it.
 */
export function validateKubeFinalizerNames(finalizers: string[], path: string, indexed = true): FieldError[] {
  const errors: FieldError[] = [];
  finalizers.forEach((finalizer, index) => {
    if (!finalizer.includes("/") && !STANDARD_FINALIZERS.has(finalizer)) {
      const at = indexed ? indexPath(path, index) : path;
      errors.push(fieldError.invalid(at, finalizer, "name is neither a standard finalizer name nor is it fully qualified"));
    }
  });
  return errors;
}

/**
 * ValidateObjectMetaAccessorUpdate. The `resourceVersion must be specified for an update` check is left
 * to the caller, which fills the current resourceVersion first when the kind allows unconditional updates
 * (registry/store.go does the same before validating).
 */
export function validateObjectMetaUpdate(newMeta: ObjectMeta, oldMeta: ObjectMeta): FieldError[] {
  const errors: FieldError[] = [];
  if (oldMeta.deletionTimestamp) {
    const before = new Set(oldMeta.finalizers ?? []);
    const added = [...new Set(newMeta.finalizers ?? [])].filter((f) => !before.has(f)).sort();
    if (added.length > 0) {
      errors.push(
        fieldError.forbidden(
          "metadata.finalizers",
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added)}`,
        ),
      );
    }
  }
  if ((newMeta.generation ?? 0) < (oldMeta.generation ?? 0)) {
    errors.push(fieldError.invalid("metadata.generation", newMeta.generation ?? 0, "must not be decremented"));
  }
  const immutable: Array<[keyof ObjectMeta & string, unknown]> = [
    ["name", ""],
    ["namespace", ""],
    ["uid", ""],
    ["creationTimestamp", null],
    ["deletionTimestamp", null],
    ["deletionGracePeriodSeconds", null],
  ];
  for (const [key, zero] of immutable) {
    const next = newMeta[key] ?? zero;
    const previous = oldMeta[key] ?? zero;
    if (next !== previous) errors.push(fieldError.invalid(`metadata.${key}`, immutableValue(key, next), FIELD_IMMUTABLE));
  }
  errors.push(...validateCommonMeta(newMeta));
  return errors;
}

/** Timestamps are metav1.Time structs in Go, printed through their String() method. */
function immutableValue(key: string, value: unknown): unknown {
  if ((key === "creationTimestamp" || key === "deletionTimestamp") && typeof value === "string") {
    return new GoValue(goTimeString(value));
  }
  // creationTimestamp is a struct, not a pointer: its zero value prints as Go's zero time.
  if (key === "creationTimestamp" && value === null) return new GoValue("0001-01-01 00:00:00 +0000 UTC");
  return value;
}

/** time.Time.String() of a UTC timestamp: `2024-01-02 03:04:05 +0000 UTC`. */
function goTimeString(rfc3339: string): string {
  const at = new Date(rfc3339);
  if (Number.isNaN(at.getTime())) return goQuote(rfc3339);
  return `${at.toISOString().replace("T", " ").replace(/\.\d+Z$/, "")} +0000 UTC`;
}

/** `data[<key>]` errors for a map of ConfigMap/Secret keys, as ValidateSecret/ValidateConfigMap report them. */
export function validateConfigMapKeys(keys: Iterable<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of keys) {
    for (const message of isConfigMapKey(key)) errors.push(fieldError.invalid(keyPath(path, key), key, message));
  }
  return errors;
}
