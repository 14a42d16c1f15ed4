import { always, bool, i64, list, map, message, msg, ptr, rawBytes, str, time } from "./schema.ts";

// k8s.io/apimachinery pkg/runtime/generated.proto: the envelope after the "k8s\0" prefix.
export const TYPE_META = message("TypeMeta", {
  1: ["apiVersion", str],
  2: ["kind", str],
});

export const UNKNOWN = message("Unknown", {
  1: ["typeMeta", msg(TYPE_META)],
  2: ["raw", rawBytes],
  3: ["contentEncoding", str],
  4: ["contentType", str],
});

// k8s.io/apimachinery pkg/apis/meta/v1 (types.go tags, generated.proto numbers).
export const OWNER_REFERENCE = message("OwnerReference", {
  5: ["apiVersion", always(str)],
  1: ["kind", always(str)],
  3: ["name", always(str)],
  4: ["uid", always(str)],
  6: ["controller", ptr(bool)],
  7: ["blockOwnerDeletion", ptr(bool)],
});

/** 4 selfLink (deprecated) and 17 managedFields are skipped: the server sets both. */
export const OBJECT_META = message("ObjectMeta", {
  1: ["name", str],
  2: ["generateName", str],
  3: ["namespace", str],
  5: ["uid", str],
  6: ["resourceVersion", str],
  7: ["generation", i64],
  8: ["creationTimestamp", time],
  9: ["deletionTimestamp", time],
  10: ["deletionGracePeriodSeconds", ptr(i64)],
  11: ["labels", map(str)],
  12: ["annotations", map(str)],
  13: ["ownerReferences", list(msg(OWNER_REFERENCE))],
  14: ["finalizers", list(str)],
});

export const metadata = ["metadata", msg(OBJECT_META)] as const;

export const LABEL_SELECTOR_REQUIREMENT = message("LabelSelectorRequirement", {
  1: ["key", always(str)],
  2: ["operator", always(str)],
  3: ["values", list(str)],
});

export const LABEL_SELECTOR = message("LabelSelector", {
  1: ["matchLabels", map(str)],
  2: ["matchExpressions", list(msg(LABEL_SELECTOR_REQUIREMENT))],
});

export const PRECONDITIONS = message("Preconditions", {
  1: ["uid", ptr(str)],
  2: ["resourceVersion", ptr(str)],
});

/** The body of a typed client's DELETE (e.g. `kubectl drain` deleting pods). */
export const DELETE_OPTIONS = message("DeleteOptions", {
  1: ["gracePeriodSeconds", ptr(i64)],
  2: ["preconditions", msg(PRECONDITIONS)],
  3: ["orphanDependents", ptr(bool)],
  4: ["propagationPolicy", ptr(str)],
  5: ["dryRun", list(str)],
});
