/** The shapes every part of the embedded API server shares. */

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/**
 * One field error, rendered the way apimachinery's field.Error does
 * (k8s.io/apimachinery/pkg/util/validation/field/errors.go).
 */
export type FieldErrorType =
  | "FieldValueNotFound"
  | "FieldValueInvalid"
  | "FieldValueRequired"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueDuplicate"
  | "FieldValueNotSupported"
  | "FieldValueTooMany";

export interface FieldError {
  type: FieldErrorType;
  /** e.g. `metadata.name`, `data[.dockerconfigjson]` */
  field: string;
  /** the bad value, when the error type shows it (Invalid, NotSupported, Duplicate) */
  value?: unknown;
  /** the detail text after the type's own words */
  detail?: string;
  /** for NotSupported: the allowed values */
  supported?: string[];
}

/**
 * Strategic merge patch needs to know, per path, how lists merge.
 * `list` describes the elements of a list; `fields` the properties of an object.
 * A list without `mergeKey` is atomic (replaced whole) unless `strategy` is "merge"
 * for a list of primitives (merged as a set, e.g. `finalizers`).
 */
export interface MergeSchema {
  fields?: Record<string, MergeSchema>;
  /** for maps whose keys are arbitrary (labels, data): the schema of every value */
  additionalProperties?: MergeSchema;
  mergeKey?: string;
  strategy?: "merge" | "replace" | "retainKeys";
  /** schema of each element when this node is a list */
  items?: MergeSchema;
}

export interface TableColumnDefinition {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  priority: number;
}

export type TableCell = string | number | boolean | null;
