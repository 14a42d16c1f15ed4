/**
 * Derives the field tables of field-types.generated.ts from the model classes of
 * @kubernetes/client-node (a dev dependency: only the generator script and the tests import this).
 * Each model has a static `attributeTypeMap` listing its JSON fields with their OpenAPI types; the
 * models are generated from kube-apiserver's OpenAPI document, so their fields are the API's fields.
 */

export interface ModelAttribute {
  baseName: string;
  type: string;
  format: string;
}

export type ModelClasses = Record<string, unknown>;

/** The client-node models of the kinds the embedded cluster decodes, and of ObjectMeta. */
export const ROOT_MODELS = [
  "V1Pod",
  "V1Deployment",
  "V1ReplicaSet",
  "V1Secret",
  "V1ConfigMap",
  "V1Namespace",
  "V1ServiceAccount",
  "CoreV1Event",
  "V1Node",
  "V1Lease",
  "V1CustomResourceDefinition",
  "V1Scale",
  "V1Binding",
  "V1ObjectMeta",
];

/**
 * client-node 1.4 is generated from the Kubernetes 1.34 API; these fields arrived after 1.32, whose
 * kube-apiserver refuses them as unknown. (Type.field, with the release and feature that added it.)
 */
export const FIELDS_AFTER_1_32 = [
  "Container.restartPolicyRules", // 1.34 ContainerRestartRules
  "EphemeralContainer.restartPolicyRules", // 1.34
  "PodSpec.hostnameOverride", // 1.34 HostnameOverride
  "EnvVarSource.fileKeyRef", // 1.34 EnvFiles
  "VolumeProjection.podCertificate", // 1.34 PodCertificateRequest
  "PodStatus.extendedResourceClaimStatus", // 1.34 DRAExtendedResource
  "PodStatus.observedGeneration", // 1.33 PodObservedGenerationTracking
  "PodCondition.observedGeneration", // 1.33
  "Lifecycle.stopSignal", // 1.33 ContainerStopSignals
  "ContainerStatus.stopSignal", // 1.33
  "DeploymentStatus.terminatingReplicas", // 1.33 DeploymentReplicaSetTerminatingReplicas
  "ReplicaSetStatus.terminatingReplicas", // 1.33
];

/**
 * Fields whose Go type is resource.Quantity (or a map of it): client-node types them as strings, but
 * Quantity has its own UnmarshalJSON that takes numbers too (apimachinery pkg/api/resource/quantity.go).
 */
export const QUANTITY_FIELDS = [
  "ResourceRequirements.limits",
  "ResourceRequirements.requests",
  "VolumeResourceRequirements.limits",
  "VolumeResourceRequirements.requests",
  "ContainerStatus.allocatedResources",
  "NodeStatus.capacity",
  "NodeStatus.allocatable",
  "PodSpec.overhead",
  "EmptyDirVolumeSource.sizeLimit",
  "ResourceFieldSelector.divisor",
];

/**
 * Fields whose Go type is a named string type, which encoding/json names in its type errors
 * (`… of type v1.PullPolicy`): k8s.io/api core/v1, apps/v1, coordination/v1 types.go,
 * apiextensions-apiserver pkg/apis/apiextensions/v1/types.go, apimachinery meta/v1 types.go.
 */
export const NAMED_STRING_FIELDS: Record<string, string> = {
  "ObjectMeta.uid": "types.UID",
  "OwnerReference.uid": "types.UID",
  "ObjectReference.uid": "types.UID",
  "ManagedFieldsEntry.operation": "v1.ManagedFieldsOperationType",
  "LabelSelectorRequirement.operator": "v1.LabelSelectorOperator",
  "Container.imagePullPolicy": "v1.PullPolicy",
  "Container.terminationMessagePolicy": "v1.TerminationMessagePolicy",
  "Container.restartPolicy": "v1.ContainerRestartPolicy",
  "EphemeralContainer.imagePullPolicy": "v1.PullPolicy",
  "EphemeralContainer.terminationMessagePolicy": "v1.TerminationMessagePolicy",
  "EphemeralContainer.restartPolicy": "v1.ContainerRestartPolicy",
  "ContainerPort.protocol": "v1.Protocol",
  "Capabilities.add": "v1.Capability",
  "Capabilities.drop": "v1.Capability",
  "SecurityContext.procMount": "v1.ProcMountType",
  "SeccompProfile.type": "v1.SeccompProfileType",
  "AppArmorProfile.type": "v1.AppArmorProfileType",
  "VolumeMount.mountPropagation": "v1.MountPropagationMode",
  "VolumeMount.recursiveReadOnly": "v1.RecursiveReadOnlyMode",
  "HTTPGetAction.scheme": "v1.URIScheme",
  "ContainerResizePolicy.resourceName": "v1.ResourceName",
  "ContainerResizePolicy.restartPolicy": "v1.ResourceResizeRestartPolicy",
  "PodSpec.restartPolicy": "v1.RestartPolicy",
  "PodSpec.dnsPolicy": "v1.DNSPolicy",
  "PodSpec.preemptionPolicy": "v1.PreemptionPolicy",
  "PodOS.name": "v1.OSName",
  "PodSecurityContext.fsGroupChangePolicy": "v1.PodFSGroupChangePolicy",
  "PodSecurityContext.supplementalGroupsPolicy": "v1.SupplementalGroupsPolicy",
  "PodSecurityContext.seLinuxChangePolicy": "v1.PodSELinuxChangePolicy",
  "Toleration.operator": "v1.TolerationOperator",
  "Toleration.effect": "v1.TaintEffect",
  "Taint.effect": "v1.TaintEffect",
  "NodeSelectorRequirement.operator": "v1.NodeSelectorOperator",
  "TopologySpreadConstraint.whenUnsatisfiable": "v1.UnsatisfiableConstraintAction",
  "TopologySpreadConstraint.nodeAffinityPolicy": "v1.NodeInclusionPolicy",
  "TopologySpreadConstraint.nodeTaintsPolicy": "v1.NodeInclusionPolicy",
  "HostPathVolumeSource.type": "v1.HostPathType",
  "EmptyDirVolumeSource.medium": "v1.StorageMedium",
  "PodStatus.phase": "v1.PodPhase",
  "PodStatus.qosClass": "v1.PodQOSClass",
  "PodStatus.resize": "v1.PodResizeStatus",
  "PodCondition.type": "v1.PodConditionType",
  "PodCondition.status": "v1.ConditionStatus",
  "Secret.type": "v1.SecretType",
  "NamespaceSpec.finalizers": "v1.FinalizerName",
  "NamespaceStatus.phase": "v1.NamespacePhase",
  "NamespaceCondition.type": "v1.NamespaceConditionType",
  "NamespaceCondition.status": "v1.ConditionStatus",
  "NodeStatus.phase": "v1.NodePhase",
  "NodeCondition.type": "v1.NodeConditionType",
  "NodeCondition.status": "v1.ConditionStatus",
  "NodeAddress.type": "v1.NodeAddressType",
  "DeploymentStrategy.type": "v1.DeploymentStrategyType",
  "DeploymentCondition.type": "v1.DeploymentConditionType",
  "DeploymentCondition.status": "v1.ConditionStatus",
  "ReplicaSetCondition.type": "v1.ReplicaSetConditionType",
  "ReplicaSetCondition.status": "v1.ConditionStatus",
  "LeaseSpec.strategy": "v1.CoordinatedLeaseStrategy",
  "CustomResourceDefinitionSpec.scope": "v1.ResourceScope",
  "CustomResourceConversion.strategy": "v1.ConversionStrategyType",
  "CustomResourceDefinitionCondition.type": "v1.CustomResourceDefinitionConditionType",
  "CustomResourceDefinitionCondition.status": "v1.ConditionStatus",
  "ValidationRule.reason": "v1.FieldValueErrorReason",
};

/** `V1PodSpec` → `PodSpec`, `CoreV1Event` → `Event`, `ApiextensionsV1ServiceReference` → `ServiceReference`. */
export function goTypeName(model: string): string {
  return model.replace(/^(?:[A-Z][a-z]+)?V1(?=[A-Z])/, "");
}

/**
 * The field table of every type reachable from the roots: `{ PodSpec: { containers: "[]Container", … } }`,
 * in the notation of field-schema.ts.
 */
export function deriveFieldTypes(
  models: ModelClasses,
  roots: readonly string[] = ROOT_MODELS,
  excluded: readonly string[] = FIELDS_AFTER_1_32,
): Record<string, Record<string, string>> {
  const skip = new Set(excluded);
  const tables: Record<string, Record<string, string>> = {};
  const origin = new Map<string, string>();
  const queue = [...roots];
  const reference = (model: string): string => {
    const name = goTypeName(model);
    const seen = origin.get(name);
    if (seen !== undefined && seen !== model) throw new Error(`${model} and ${seen} would both be called ${name}`);
    if (seen === undefined) {
      origin.set(name, model);
      queue.push(model);
    }
    return name;
  };
  const notation = (type: string, format: string): string => {
    const list = /^Array<(.+)>$/.exec(type);
    if (list) return `[]${notation(list[1]!, format)}`;
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return `map[string]${notation(map[1]!, format)}`;
    switch (type) {
      case "string":
        return format === "byte" ? "byte" : "string";
      case "number":
        return format || "double";
      case "boolean":
        return "boolean";
      case "Date":
        return format || "date-time";
      case "V1MicroTime":
        return "date-time-micro";
      case "IntOrString":
        return "int-or-string";
      case "any":
        return "json";
      default:
        if (!attributesOf(models, type)) throw new Error(`no client-node model ${type}`);
        return reference(type);
    }
  };
  for (const root of roots) reference(root);
  while (queue.length > 0) {
    const model = queue.shift()!;
    const name = goTypeName(model);
    if (tables[name]) continue;
    const fields: Record<string, string> = {};
    for (const attribute of attributesOf(models, model) ?? []) {
      if (skip.has(`${name}.${attribute.baseName}`)) continue;
      fields[attribute.baseName] = goScalar(`${name}.${attribute.baseName}`, notation(attribute.type, attribute.format));
    }
    tables[name] = fields;
  }
  return Object.fromEntries(Object.keys(tables).sort().map((name) => [name, tables[name]!]));
}

/** `map[string]string` → `map[string]quantity`, `[]string` → `[]string(v1.Capability)` for the fields listed above. */
function goScalar(field: string, notation: string): string {
  if (QUANTITY_FIELDS.includes(field)) return notation.replace(/string$/, "quantity");
  const named = NAMED_STRING_FIELDS[field];
  return named ? notation.replace(/string$/, `string(${named})`) : notation;
}

function attributesOf(models: ModelClasses, model: string): ModelAttribute[] | undefined {
  const cls = models[model] as { attributeTypeMap?: ModelAttribute[] } | undefined;
  return cls?.attributeTypeMap;
}
