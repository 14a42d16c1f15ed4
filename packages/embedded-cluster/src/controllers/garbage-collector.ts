import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, storeResource, type ResourceService } from "../api/resource-service.ts";
import { StatusError } from "../api/status.ts";
import type { KubeObject, OwnerReference } from "../api/types.ts";
import type { ResourceDefinition } from "../kinds/types.ts";
import { errorMessage, WorkQueue } from "./work-queue.ts";

/**
 * The garbage collector (kubernetes pkg/controller/garbagecollector/garbagecollector.go):
 * - an object whose owners are all gone is deleted (background propagation, or as its own
 *   finalizers ask); owners that are gone are dropped from an object that still has another;
 * - an owner deleted in the foreground (finalizer `foregroundDeletion`) has its dependents deleted
 *   and loses the finalizer, and so goes away, once no dependent with `blockOwnerDeletion` is left;
 * - an owner deleted with `orphan` has its dependents' references to it removed, then the finalizer.
 */

type Policy = "Background" | "Foreground" | "Orphan";

interface Located {
  def: ResourceDefinition;
  namespace: string;
  name: string;
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
}

function hasFinalizer(obj: KubeObject, finalizer: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(finalizer);
}

/** Owner references in a form that changes when anything the collector cares about changes. */
function referencesText(obj: KubeObject | undefined): string {
  return JSON.stringify((obj?.metadata.ownerReferences ?? []).map((r) => [r.uid, r.blockOwnerDeletion === true]));
}

export function startGarbageCollector(service: ResourceService, log?: (line: string) => void): () => void {
  const byResource = new Map(service.definitions.map((def) => [storeResource(def), def]));
  /** owner uid → keys of the objects that reference it */
  const dependentKeys = new Map<string, Set<string>>();

  const keyOf = (def: ResourceDefinition, namespace: string, name: string) => `${storeResource(def)}|${def.namespaced ? namespace : ""}|${name}`;
  const objectKey = (def: ResourceDefinition, obj: KubeObject) => keyOf(def, obj.metadata.namespace ?? "", obj.metadata.name ?? "");

  function locate(key: string): Located | undefined {
    const [resource = "", namespace = "", name = ""] = key.split("|");
    const def = byResource.get(resource);
    return def && { def, namespace, name };
  }

  /** The definition of an owner reference's kind, by group and kind (any version). */
  function ownerDefinition(ref: OwnerReference): ResourceDefinition | undefined {
    const group = groupOf(ref.apiVersion);
    return service.definitions.find((def) => def.kind === ref.kind && def.group === group);
  }

  function ownerKeyOf(ref: OwnerReference, dependentNamespace: string): string | undefined {
    const def = ownerDefinition(ref);
    if (!def || (def.namespaced && !dependentNamespace)) return undefined;
    return keyOf(def, dependentNamespace, ref.name);
  }

  function index(def: ResourceDefinition, obj: KubeObject, add: boolean): void {
    const key = objectKey(def, obj);
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let keys = dependentKeys.get(ref.uid);
      if (add) {
        if (!keys) dependentKeys.set(ref.uid, (keys = new Set()));
        keys.add(key);
      } else if (keys) {
        keys.delete(key);
        if (keys.size === 0) dependentKeys.delete(ref.uid);
      }
    }
  }

  /** The objects that currently reference this owner, read fresh. */
  function dependentsOf(owner: KubeObject): Array<{ located: Located; obj: KubeObject; ref: OwnerReference }> {
    const uid = owner.metadata.uid ?? "";
    const found: Array<{ located: Located; obj: KubeObject; ref: OwnerReference }> = [];
    for (const key of dependentKeys.get(uid) ?? []) {
      const located = locate(key);
      const obj = located && service.tryGet(located.def, located.namespace, located.name);
      const ref = obj?.metadata.ownerReferences?.find((r) => r.uid === uid);
      if (located && obj && ref) found.push({ located, obj, ref });
    }
    return found;
  }

  const queue = new WorkQueue(
    (key) => process(key),
    (key, error) => log?.(`garbage collector: ${key}: ${errorMessage(error)}`),
  );

  async function process(key: string): Promise<void> {
    // Run after the write that queued this key has reached every other subscriber.
    await Promise.resolve();
    const located = locate(key);
    if (!located) return;
    const obj = service.tryGet(located.def, located.namespace, located.name);
    if (!obj) return;
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, ORPHAN_FINALIZER)) return orphanDependents(located, obj);
      if (hasFinalizer(obj, FOREGROUND_FINALIZER)) return processDeletingDependents(located, obj);
      return;
    }
    if ((obj.metadata.ownerReferences ?? []).length > 0) return attemptToDelete(located, obj);
  }

  /** attemptToDeleteItem: decide from the owners' state whether this object still has a reason to exist. */
  async function attemptToDelete(located: Located, obj: KubeObject): Promise<void> {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const def = ownerDefinition(ref);
      if (!def || (def.namespaced && !located.namespace)) {
        // An owner the collector cannot look up is never treated as gone.
        solid.push(ref);
        continue;
      }
      const owner = service.tryGet(def, located.namespace, ref.name);
      if (!owner || owner.metadata.uid !== ref.uid) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND_FINALIZER)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      if (drop.size > 0) await removeReferences(located, obj, drop);
      return;
    }
    if (waiting.length > 0 && dependentsOf(obj).length > 0) {
      // Owners wait for this object, which has dependents of its own: delete it in the foreground too.
      return deleteObject(located, obj, "Foreground");
    }
    const policy: Policy = hasFinalizer(obj, ORPHAN_FINALIZER) ? "Orphan" : hasFinalizer(obj, FOREGROUND_FINALIZER) ? "Foreground" : "Background";
    return deleteObject(located, obj, policy);
  }

  /** processDeletingDependentsItem: delete the dependents; drop the finalizer once none blocks. */
  async function processDeletingDependents(located: Located, owner: KubeObject): Promise<void> {
    const dependents = dependentsOf(owner);
    const blocking = dependents.filter((d) => d.ref.blockOwnerDeletion === true);
    if (blocking.length === 0) return removeFinalizer(located, owner, FOREGROUND_FINALIZER);
    for (const dependent of dependents) {
      if (!dependent.obj.metadata.deletionTimestamp) queue.add(objectKey(dependent.located.def, dependent.obj));
    }
  }

  /** attemptToOrphan: the dependents forget this owner, then the owner goes. */
  async function orphanDependents(located: Located, owner: KubeObject): Promise<void> {
    const uid = owner.metadata.uid ?? "";
    for (const dependent of dependentsOf(owner)) await removeReferences(dependent.located, dependent.obj, new Set([uid]));
    return removeFinalizer(located, owner, ORPHAN_FINALIZER);
  }

  async function removeReferences(located: Located, obj: KubeObject, uids: Set<string>): Promise<void> {
    await ignoreGone(
      service.mutate(located.def, located.namespace, located.name, (o) => {
        if (o.metadata.uid !== obj.metadata.uid) return false;
        const kept = (o.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
        if (kept.length === (o.metadata.ownerReferences ?? []).length) return false;
        if (kept.length > 0) o.metadata.ownerReferences = kept;
        else delete o.metadata.ownerReferences;
      }),
    );
  }

  /** Removing the last finalizer of an object being deleted removes the object. */
  async function removeFinalizer(located: Located, obj: KubeObject, finalizer: string): Promise<void> {
    await ignoreGone(
      service.mutate(located.def, located.namespace, located.name, (o) => {
        if (o.metadata.uid !== obj.metadata.uid || !hasFinalizer(o, finalizer)) return false;
        const kept = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
        if (kept.length > 0) o.metadata.finalizers = kept;
        else delete o.metadata.finalizers;
      }),
    );
  }

  async function deleteObject(located: Located, obj: KubeObject, propagationPolicy: Policy): Promise<void> {
    await ignoreGone(service.delete(located.def, located.namespace, located.name, { propagationPolicy, preconditions: { uid: obj.metadata.uid } }));
  }

  /** Someone else deleted or replaced the object first: nothing left to do. */
  async function ignoreGone(write: Promise<unknown>): Promise<void> {
    try {
      await write;
    } catch (error) {
      if (error instanceof StatusError && (error.code === 404 || error.code === 409)) return;
      throw error;
    }
  }

  function enqueueOwners(obj: KubeObject, refs: OwnerReference[]): void {
    for (const ref of refs) {
      const key = ownerKeyOf(ref, obj.metadata.namespace ?? "");
      if (key) queue.add(key);
    }
  }

  for (const def of service.definitions) {
    for (const obj of service.list(def, undefined).items) {
      index(def, obj, true);
      const collectable = (obj.metadata.ownerReferences ?? []).length > 0;
      const finalizing = obj.metadata.deletionTimestamp && (hasFinalizer(obj, ORPHAN_FINALIZER) || hasFinalizer(obj, FOREGROUND_FINALIZER));
      if (collectable || finalizing) queue.add(objectKey(def, obj));
    }
  }

  const unsubscribe = service.store.subscribe((change) => {
    const def = byResource.get(change.resource);
    if (!def) return;
    const obj = change.object;
    const previous = change.previous;
    const key = objectKey(def, obj);
    if (change.type === "DELETED") {
      index(def, obj, false);
      // Its dependents may now be garbage, and owners waiting in the foreground may be free.
      for (const dependent of dependentKeys.get(obj.metadata.uid ?? "") ?? []) queue.add(dependent);
      enqueueOwners(obj, obj.metadata.ownerReferences ?? []);
      return;
    }
    if (previous) index(def, previous, false);
    index(def, obj, true);

    const referencesChanged = referencesText(previous) !== referencesText(obj);
    if (referencesChanged && (obj.metadata.ownerReferences ?? []).length > 0 && !obj.metadata.deletionTimestamp) queue.add(key);
    if (previous && referencesChanged) enqueueOwners(obj, previous.metadata.ownerReferences ?? []);

    const deleting = Boolean(obj.metadata.deletionTimestamp);
    const orphaning = deleting && hasFinalizer(obj, ORPHAN_FINALIZER);
    const foreground = deleting && hasFinalizer(obj, FOREGROUND_FINALIZER);
    const wasForeground = Boolean(previous?.metadata.deletionTimestamp) && previous !== undefined && hasFinalizer(previous, FOREGROUND_FINALIZER);
    const finalizersChanged = JSON.stringify(previous?.metadata.finalizers ?? []) !== JSON.stringify(obj.metadata.finalizers ?? []);
    if ((orphaning || foreground) && (finalizersChanged || !previous?.metadata.deletionTimestamp)) queue.add(key);
    if (foreground && !wasForeground) {
      for (const dependent of dependentKeys.get(obj.metadata.uid ?? "") ?? []) queue.add(dependent);
    }
  });

  return () => {
    unsubscribe();
    queue.stop();
  };
}
