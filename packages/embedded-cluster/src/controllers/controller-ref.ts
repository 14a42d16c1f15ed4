import type { ResourceService } from "../api/resource-service.ts";
import type { KubeObject, OwnerReference } from "../api/types.ts";
import { matchesLabels, type LabelSelector } from "../api/selectors.ts";
import type { ResourceDefinition } from "../kinds/types.ts";
import { apiVersionOf } from "../kinds/types.ts";

/**
 * Controller references: the owner reference with `controller: true` that says which controller
 * manages an object, and how a controller adopts orphans and releases what it no longer selects
 * (kubernetes pkg/controller/controller_ref_manager.go).
 */

export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((ref) => ref.controller === true);
}

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject, ownerDef: ResourceDefinition): OwnerReference {
  return {
    apiVersion: apiVersionOf(ownerDef),
    kind: ownerDef.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

export interface Claimer {
  service: ResourceService;
  /** the controller's own kind, e.g. ReplicaSet */
  ownerDef: ResourceDefinition;
  owner: KubeObject;
  /** the kind of the objects claimed, e.g. Pod */
  dependentDef: ResourceDefinition;
  selector: LabelSelector;
}

/**
 * ClaimObjects: keeps what the owner controls and still selects, adopts matching orphans (unless the
 * owner or the orphan is being deleted) and releases what it controls but no longer selects.
 * Returns the objects the owner controls afterwards.
 */
export async function claimObjects(claimer: Claimer, candidates: KubeObject[]): Promise<KubeObject[]> {
  const { owner, selector } = claimer;
  const claimed: KubeObject[] = [];
  let ownerStillThere: boolean | undefined;
  const canAdopt = () => {
    // RecheckDeletionTimestamp: read the owner again, uncached, before adopting anything.
    ownerStillThere ??= (() => {
      const fresh = claimer.service.tryGet(claimer.ownerDef, owner.metadata.namespace ?? "", owner.metadata.name ?? "");
      return fresh !== undefined && fresh.metadata.uid === owner.metadata.uid && !fresh.metadata.deletionTimestamp;
    })();
    return ownerStillThere;
  };
  for (const candidate of candidates) {
    const ref = controllerRefOf(candidate);
    const matches = matchesLabels(selector, candidate.metadata.labels ?? {});
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) claimed.push(candidate);
      else if (!owner.metadata.deletionTimestamp) await release(claimer, candidate);
      continue;
    }
    if (owner.metadata.deletionTimestamp || !matches || candidate.metadata.deletionTimestamp) continue;
    if (candidate.metadata.namespace !== owner.metadata.namespace) continue;
    if (!canAdopt()) continue;
    const adopted = await adopt(claimer, candidate);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

async function adopt(claimer: Claimer, candidate: KubeObject): Promise<KubeObject | undefined> {
  const ref = newControllerRef(claimer.owner, claimer.ownerDef);
  const { namespace = "", name = "", uid } = candidate.metadata;
  const updated = await claimer.service.mutate(claimer.dependentDef, namespace, name, (obj) => {
    if (obj.metadata.uid !== uid || controllerRefOf(obj)) return false;
    obj.metadata.ownerReferences = [...(obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ref.uid), ref];
  });
  return updated && controllerRefOf(updated)?.uid === ref.uid ? updated : undefined;
}

async function release(claimer: Claimer, candidate: KubeObject): Promise<void> {
  const ownerUid = claimer.owner.metadata.uid;
  const { namespace = "", name = "", uid } = candidate.metadata;
  await claimer.service.mutate(claimer.dependentDef, namespace, name, (obj) => {
    if (obj.metadata.uid !== uid) return false;
    const kept = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    if (kept.length > 0) obj.metadata.ownerReferences = kept;
    else delete obj.metadata.ownerReferences;
  });
}
