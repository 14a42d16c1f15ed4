/**
 * A Kubernetes timestamp as the API writes it (`2025-01-02T03:04:05Z`). Objects listed through
 * client-node carry `Date`s, objects from a watch carry the strings: both read the same here.
 */
export function timestamp(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().replace(/\.000Z$/, "Z");
  return typeof value === "string" && value !== "" ? value : undefined;
}
