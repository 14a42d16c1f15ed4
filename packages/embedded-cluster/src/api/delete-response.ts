import type { ResourceDefinition } from "../kinds/types.ts";
import type { KubeObject } from "./types.ts";

/**
 * Kinds whose storage is built with `ReturnDeletedObject: true`, so that a delete answers with the
 * object rather than a Status: kubernetes pkg/registry/core/pod/storage/storage.go,
 * core/serviceaccount/storage/storage.go and core/namespace/storage/storage.go (by qualified
 * resource; every other kind the cluster serves uses the default).
 */
const RETURNS_DELETED_OBJECT = new Set(["pods", "serviceaccounts", "namespaces"]);

export function returnsDeletedObject(def: Pick<ResourceDefinition, "group" | "resource">): boolean {
  return RETURNS_DELETED_OBJECT.has(def.group ? `${def.resource}.${def.group}` : def.resource);
}

export interface DeleteResponse {
  code: number;
  body: unknown;
}

/**
 * What a DELETE of one object answers (apiserver pkg/registry/generic/registry/store.go Delete and
 * finalizeDelete, pkg/endpoints/handlers/delete.go):
 * - the object stays (a graceful deletion, pending finalizers, a namespace turning Terminating):
 *   the object as written, 200, or 202 when the client sent `orphanDependents: false`;
 * - the object is gone: the deleted object for ReturnDeletedObject kinds, else a Success Status
 *   whose details name the resource (`kind: "secrets"`) and carry the uid kubectl waits on.
 */
export function deleteResponse(
  def: Pick<ResourceDefinition, "group" | "resource">,
  object: KubeObject,
  deleted: boolean,
  orphanDependents?: boolean,
): DeleteResponse {
  if (!deleted) return { code: orphanDependents === false ? 202 : 200, body: object };
  if (returnsDeletedObject(def)) return { code: 200, body: object };
  return {
    code: 200,
    body: {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Success",
      details: {
        name: object.metadata.name ?? "",
        ...(def.group ? { group: def.group } : {}),
        kind: def.resource,
        uid: object.metadata.uid,
      },
    },
  };
}
