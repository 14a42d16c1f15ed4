import type { KubeObject, TableColumnDefinition } from "../api/types.ts";
import { humanDuration } from "../api/human-duration.ts";

/**
 * Pieces every kind's table shares, as kube-apiserver prints them
 * (kubernetes pkg/printers/internalversion/printers.go; descriptions are metav1.ObjectMeta's swagger docs).
 */

export const NAME_DESCRIPTION =
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

export const CREATION_TIMESTAMP_DESCRIPTION =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/** The `Name` column (format `name`, which kubectl uses for `-o name` style output). */
export const nameColumn: TableColumnDefinition = {
  name: "Name",
  type: "string",
  format: "name",
  description: NAME_DESCRIPTION,
  priority: 0,
};

/** The `Age` column; a few kinds (Event's First Seen) reuse it under another description. */
export function ageColumn(description: string = CREATION_TIMESTAMP_DESCRIPTION): TableColumnDefinition {
  return { name: "Age", type: "string", format: "", description, priority: 0 };
}

/** A plain string column. */
export function column(name: string, description: string, priority = 0): TableColumnDefinition {
  return { name, type: "string", format: "", description, priority };
}

/** An integer column (counts such as a Secret's Data). */
export function integerColumn(name: string, description: string, priority = 0): TableColumnDefinition {
  return { name, type: "integer", format: "", description, priority };
}

/**
 * kubectl's translateTimestampSince: `<unknown>` when the timestamp is missing, otherwise the
 * human duration since it.
 */
export function timestampSince(timestamp: string | undefined | null, now: Date): string {
  if (!timestamp) return "<unknown>";
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return "<unknown>";
  return humanDuration(now.getTime() - at);
}

/** The Age cell: time since `metadata.creationTimestamp`. */
export function ageCell(obj: KubeObject, now: Date): string {
  return timestampSince(obj.metadata.creationTimestamp, now);
}

/** The Name cell. */
export function nameCell(obj: KubeObject): string {
  return obj.metadata.name ?? "";
}
