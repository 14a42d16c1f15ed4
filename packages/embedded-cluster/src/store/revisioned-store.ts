import type { KubeObject } from "../api/types.ts";
import {
  HistoryCompactedError,
  KeyExistsError,
  KeyNotFoundError,
  RevisionMismatchError,
  type Change,
  type ObjectKey,
  type Store,
} from "./store.ts";

/** What a store writes through to so that it survives a restart. */
export interface Persistence {
  load(): { revision: number; objects: Array<{ key: ObjectKey; object: KubeObject }> };
  put(key: ObjectKey, object: KubeObject, revision: number): void;
  remove(key: ObjectKey, revision: number): void;
  close(): void;
}

export const NO_PERSISTENCE: Persistence = {
  load: () => ({ revision: 1, objects: [] }),
  put: () => {},
  remove: () => {},
  close: () => {},
};

const DEFAULT_HISTORY = 10_000;

function mapKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * The whole state kept in memory (reads never touch disk), each write persisted before it is
 * acknowledged, and a bounded history of changes for watches to resume from.
 */
export class RevisionedStore implements Store {
  #revision: number;
  readonly #resources = new Map<string, Map<string, KubeObject>>();
  readonly #history: Change[] = [];
  #oldestRevision: number;
  readonly #listeners = new Set<(change: Change) => void>();

  constructor(
    private readonly persistence: Persistence = NO_PERSISTENCE,
    private readonly historySize = DEFAULT_HISTORY,
  ) {
    const loaded = persistence.load();
    this.#revision = loaded.revision;
    this.#oldestRevision = loaded.revision;
    for (const { key, object } of loaded.objects) this.#bucket(key.resource).set(mapKey(key.namespace, key.name), object);
  }

  get revision(): number {
    return this.#revision;
  }

  get(key: ObjectKey): KubeObject | undefined {
    const found = this.#resources.get(key.resource)?.get(mapKey(key.namespace, key.name));
    return found && structuredClone(found);
  }

  list(resource: string, namespace?: string): KubeObject[] {
    const bucket = this.#resources.get(resource);
    if (!bucket) return [];
    const keys = [...bucket.keys()].sort();
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    const items: KubeObject[] = [];
    for (const k of keys) {
      if (prefix !== undefined && !k.startsWith(prefix)) continue;
      items.push(structuredClone(bucket.get(k)!));
    }
    return items;
  }

  create(key: ObjectKey, object: KubeObject): KubeObject {
    const bucket = this.#bucket(key.resource);
    const k = mapKey(key.namespace, key.name);
    if (bucket.has(k)) throw new KeyExistsError(k);
    return this.#write(key, object, "ADDED");
  }

  update(key: ObjectKey, object: KubeObject, expectedRevision?: number): KubeObject {
    const previous = this.#current(key, expectedRevision);
    return this.#write(key, object, "MODIFIED", previous);
  }

  delete(key: ObjectKey, expectedRevision?: number): KubeObject {
    const current = this.#current(key, expectedRevision);
    const revision = this.#revision + 1;
    this.persistence.remove(key, revision);
    this.#revision = revision;
    this.#resources.get(key.resource)!.delete(mapKey(key.namespace, key.name));
    const deleted = structuredClone(current);
    deleted.metadata.resourceVersion = String(revision);
    this.#record({ type: "DELETED", resource: key.resource, object: deleted, previous: current, revision });
    return structuredClone(deleted);
  }

  changesSince(resource: string, revision: number): Change[] {
    if (revision < this.#oldestRevision) throw new HistoryCompactedError(revision, this.#oldestRevision);
    const out: Change[] = [];
    for (const change of this.#history) {
      if (change.revision > revision && change.resource === resource) out.push(change);
    }
    return out;
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  compact(): void {
    this.#history.length = 0;
    // Nothing at or before the current revision can be resumed from any more.
    this.#oldestRevision = this.#revision + 1;
  }

  close(): void {
    this.#listeners.clear();
    this.persistence.close();
  }

  #bucket(resource: string): Map<string, KubeObject> {
    let bucket = this.#resources.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.#resources.set(resource, bucket);
    }
    return bucket;
  }

  #current(key: ObjectKey, expectedRevision?: number): KubeObject {
    const current = this.#resources.get(key.resource)?.get(mapKey(key.namespace, key.name));
    if (!current) throw new KeyNotFoundError(mapKey(key.namespace, key.name));
    if (expectedRevision !== undefined && Number(current.metadata.resourceVersion) !== expectedRevision) {
      throw new RevisionMismatchError(mapKey(key.namespace, key.name));
    }
    return current;
  }

  #write(key: ObjectKey, object: KubeObject, type: Change["type"], previous?: KubeObject): KubeObject {
    const revision = this.#revision + 1;
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(revision);
    this.persistence.put(key, stored, revision);
    this.#revision = revision;
    this.#bucket(key.resource).set(mapKey(key.namespace, key.name), stored);
    this.#record({ type, resource: key.resource, object: stored, ...(previous ? { previous } : {}), revision });
    return structuredClone(stored);
  }

  #record(change: Change): void {
    this.#history.push(change);
    if (this.#history.length > this.historySize) {
      const dropped = this.#history.shift()!;
      this.#oldestRevision = dropped.revision;
    }
    for (const listener of this.#listeners) listener(change);
  }
}
