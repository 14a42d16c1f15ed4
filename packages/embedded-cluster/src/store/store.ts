import type { KubeObject } from "../api/types.ts";

/** Where an object lives: `resource` is the group-qualified resource, e.g. `secrets` or `deployments.apps`. */
export interface ObjectKey {
  resource: string;
  namespace: string; // "" for cluster-scoped objects
  name: string;
}

export type ChangeType = "ADDED" | "MODIFIED" | "DELETED";

export interface Change {
  type: ChangeType;
  resource: string;
  /** For DELETED, the object as it was, with the deletion's resourceVersion (as etcd3's watcher reports it). */
  object: KubeObject;
  /** The object before a MODIFIED or DELETED change, so that filtered watches can tell when it stopped matching. */
  previous?: KubeObject;
  revision: number;
}

export class KeyExistsError extends Error {}
export class KeyNotFoundError extends Error {}
export class RevisionMismatchError extends Error {}

/** Oldest revision a watch can resume from; older ones are answered with 410 Expired. */
export class HistoryCompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

/**
 * A revisioned key-value store with one global revision, as etcd gives kube-apiserver:
 * every write bumps the revision and the written object's `metadata.resourceVersion` is that revision.
 */
export interface Store {
  readonly revision: number;
  get(key: ObjectKey): KubeObject | undefined;
  /** Objects of a resource, optionally of one namespace, sorted by namespace then name. */
  list(resource: string, namespace?: string): KubeObject[];
  create(key: ObjectKey, object: KubeObject): KubeObject;
  /** Replaces the object; when `expectedRevision` is given, fails unless it is the stored one. */
  update(key: ObjectKey, object: KubeObject, expectedRevision?: number): KubeObject;
  delete(key: ObjectKey, expectedRevision?: number): KubeObject;
  /** Changes after `revision` (exclusive) of one resource; throws HistoryCompactedError past the kept history. */
  changesSince(resource: string, revision: number): Change[];
  /** Called synchronously after each committed write. Returns an unsubscribe function. */
  subscribe(listener: (change: Change) => void): () => void;
  /** Forgets the change history, as etcd compaction does: watches from older revisions get 410 Expired. */
  compact(): void;
  close(): void;
}
