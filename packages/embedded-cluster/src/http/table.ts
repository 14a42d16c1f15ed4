import type { KubeObject } from "../api/types.ts";
import type { ResourceDefinition } from "../kinds/types.ts";

export const TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

export type IncludeObject = "None" | "Metadata" | "Object";

/** Does the client ask for a meta.k8s.io Table (kubectl get)? See kubectl pkg/cmd/get/get.go transformRequests. */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && accept.split(",").some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  if (include === "None") return undefined;
  if (include === "Object") return obj;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
}

/** A Table as the real apiserver prints it: always the wide columns; kubectl hides priority > 0. */
export function toTable(
  def: ResourceDefinition,
  objects: KubeObject[],
  options: { resourceVersion?: string; continue?: string; remainingItemCount?: number; include?: IncludeObject; withColumns?: boolean },
): Record<string, unknown> {
  const now = new Date();
  const include = options.include ?? "Metadata";
  const metadata: Record<string, unknown> = {};
  if (options.resourceVersion) metadata.resourceVersion = options.resourceVersion;
  if (options.continue) metadata.continue = options.continue;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata,
    columnDefinitions: options.withColumns === false ? null : def.strategy.table.columns,
    rows: objects.map((obj) => {
      const row: Record<string, unknown> = { cells: def.strategy.table.row(obj, now) };
      const object = rowObject(obj, include);
      if (object !== undefined) row.object = object;
      return row;
    }),
  };
}
