/**
 * Strategic merge patch metadata for the built-in kinds: the `patchStrategy` / `patchMergeKey`
 * struct tags of k8s.io/api (core/v1/types.go, apps/v1/types.go) and k8s.io/apimachinery
 * (pkg/apis/meta/v1/types.go). Lists not named here are atomic: a patch replaces them whole.
 */
import type { MergeSchema } from "../api/types.ts";

/** `patchStrategy:"merge" patchMergeKey:"<key>"`: a list of maps merged element by element. */
function mergeByKey(mergeKey: string, items?: MergeSchema): MergeSchema {
  return items ? { mergeKey, items } : { mergeKey };
}

/** `patchStrategy:"merge"` on a list of strings: merged as a set. */
const mergedSet: MergeSchema = { strategy: "merge" };

/** `+listType=atomic`: replaced whole (also what happens to any list without a schema). */
const atomicList: MergeSchema = { strategy: "replace" };

export const objectMetaSchema: MergeSchema = {
  fields: {
    ownerReferences: mergeByKey("uid"),
    finalizers: mergedSet,
    managedFields: atomicList,
  },
};

/** Container and EphemeralContainer share these tags. */
export const containerSchema: MergeSchema = {
  fields: {
    command: atomicList,
    args: atomicList,
    ports: mergeByKey("containerPort"),
    envFrom: atomicList,
    env: mergeByKey("name"),
    // resources.claims is listType=map but has no patch tags: atomic for strategic merge.
    resizePolicy: atomicList,
    volumeMounts: mergeByKey("mountPath"),
    volumeDevices: mergeByKey("devicePath"),
  },
};

export const podSpecSchema: MergeSchema = {
  fields: {
    // patchStrategy "merge,retainKeys": each volume also honours the patch's `$retainKeys`.
    volumes: mergeByKey("name"),
    initContainers: mergeByKey("name", containerSchema),
    containers: mergeByKey("name", containerSchema),
    ephemeralContainers: mergeByKey("name", containerSchema),
    imagePullSecrets: mergeByKey("name"),
    hostAliases: mergeByKey("ip"),
    tolerations: atomicList,
    readinessGates: atomicList,
    topologySpreadConstraints: mergeByKey("topologyKey"),
    schedulingGates: mergeByKey("name"),
    resourceClaims: mergeByKey("name"),
  },
};

export const podTemplateSpecSchema: MergeSchema = {
  fields: { metadata: objectMetaSchema, spec: podSpecSchema },
};

export const podStatusSchema: MergeSchema = {
  fields: {
    conditions: mergeByKey("type"),
    podIPs: mergeByKey("ip"),
    hostIPs: mergeByKey("ip"),
    initContainerStatuses: atomicList,
    containerStatuses: atomicList,
    ephemeralContainerStatuses: atomicList,
    resourceClaimStatuses: mergeByKey("name"),
  },
};

export const podSchema: MergeSchema = {
  fields: { metadata: objectMetaSchema, spec: podSpecSchema, status: podStatusSchema },
};

const workloadConditionsStatus: MergeSchema = {
  fields: { conditions: mergeByKey("type") },
};

export const deploymentSchema: MergeSchema = {
  fields: {
    metadata: objectMetaSchema,
    spec: {
      fields: {
        template: podTemplateSpecSchema,
        // patchStrategy "retainKeys": kubectl sends `$retainKeys` when the strategy type changes.
        strategy: { strategy: "retainKeys" },
      },
    },
    status: workloadConditionsStatus,
  },
};

export const replicaSetSchema: MergeSchema = {
  fields: {
    metadata: objectMetaSchema,
    spec: { fields: { template: podTemplateSpecSchema } },
    status: workloadConditionsStatus,
  },
};

export const serviceAccountSchema: MergeSchema = {
  fields: {
    metadata: objectMetaSchema,
    secrets: mergeByKey("name"),
    // Unlike PodSpec's, ServiceAccount.imagePullSecrets has no patch tags: atomic.
    imagePullSecrets: atomicList,
  },
};

export const namespaceSchema: MergeSchema = {
  fields: {
    metadata: objectMetaSchema,
    // NamespaceSpec.finalizers is listType=atomic (unlike metadata.finalizers).
    spec: { fields: { finalizers: atomicList } },
    status: { fields: { conditions: mergeByKey("type") } },
  },
};

export const nodeSchema: MergeSchema = {
  fields: {
    metadata: objectMetaSchema,
    spec: { fields: { podCIDRs: mergedSet, taints: atomicList } },
    status: {
      fields: {
        conditions: mergeByKey("type"),
        addresses: mergeByKey("type"),
        images: atomicList,
        volumesInUse: atomicList,
        volumesAttached: atomicList,
      },
    },
  },
};

/** Kinds whose own fields have no patch tags (Secret, ConfigMap, Event, ...): only metadata's. */
export const genericSchema: MergeSchema = {
  fields: { metadata: objectMetaSchema },
};
