import { LABEL_SELECTOR, metadata } from "./meta-v1.ts";
import { always, bool, bytes, i32, i64, inline, intOrString, list, map, message, msg, ptr, quantity, str, time } from "./schema.ts";

// k8s.io/api core/v1: field numbers from generated.proto, presence from the json tags and Go types in types.go.

export const LOCAL_OBJECT_REFERENCE = message("LocalObjectReference", { 1: ["name", str] });

export const OBJECT_REFERENCE = message("ObjectReference", {
  1: ["kind", str],
  2: ["namespace", str],
  3: ["name", str],
  4: ["uid", str],
  5: ["apiVersion", str],
  6: ["resourceVersion", str],
  7: ["fieldPath", str],
});

// --- Secret, ConfigMap, Namespace, ServiceAccount (the `kubectl create <subcommand>` kinds) ---

export const SECRET = message("Secret", {
  1: metadata,
  5: ["immutable", ptr(bool)],
  2: ["data", map(bytes)],
  4: ["stringData", map(str)],
  3: ["type", str],
});

export const CONFIG_MAP = message("ConfigMap", {
  1: metadata,
  4: ["immutable", ptr(bool)],
  2: ["data", map(str)],
  3: ["binaryData", map(bytes)],
});

const NAMESPACE_CONDITION = message("NamespaceCondition", {
  1: ["type", always(str)],
  2: ["status", always(str)],
  4: ["lastTransitionTime", time],
  5: ["reason", str],
  6: ["message", str],
});

export const NAMESPACE = message("Namespace", {
  1: metadata,
  2: ["spec", msg(message("NamespaceSpec", { 1: ["finalizers", list(str)] }))],
  3: ["status", msg(message("NamespaceStatus", { 1: ["phase", str], 2: ["conditions", list(msg(NAMESPACE_CONDITION))] }))],
});

export const SERVICE_ACCOUNT = message("ServiceAccount", {
  1: metadata,
  2: ["secrets", list(msg(OBJECT_REFERENCE))],
  3: ["imagePullSecrets", list(msg(LOCAL_OBJECT_REFERENCE))],
  4: ["automountServiceAccountToken", ptr(bool)],
});

// --- Volumes ---

const KEY_TO_PATH = message("KeyToPath", {
  1: ["key", always(str)],
  2: ["path", always(str)],
  3: ["mode", ptr(i32)],
});

const OBJECT_FIELD_SELECTOR = message("ObjectFieldSelector", {
  1: ["apiVersion", str],
  2: ["fieldPath", always(str)],
});

const RESOURCE_FIELD_SELECTOR = message("ResourceFieldSelector", {
  1: ["containerName", str],
  2: ["resource", always(str)],
  3: ["divisor", quantity],
});

const DOWNWARD_API_VOLUME_FILE = message("DownwardAPIVolumeFile", {
  1: ["path", always(str)],
  2: ["fieldRef", msg(OBJECT_FIELD_SELECTOR)],
  3: ["resourceFieldRef", msg(RESOURCE_FIELD_SELECTOR)],
  4: ["mode", ptr(i32)],
});

const VOLUME_PROJECTION = message("VolumeProjection", {
  1: [
    "secret",
    msg(
      message("SecretProjection", {
        1: inline(LOCAL_OBJECT_REFERENCE),
        2: ["items", list(msg(KEY_TO_PATH))],
        4: ["optional", ptr(bool)],
      }),
    ),
  ],
  2: ["downwardAPI", msg(message("DownwardAPIProjection", { 1: ["items", list(msg(DOWNWARD_API_VOLUME_FILE))] }))],
  3: [
    "configMap",
    msg(
      message("ConfigMapProjection", {
        1: inline(LOCAL_OBJECT_REFERENCE),
        2: ["items", list(msg(KEY_TO_PATH))],
        4: ["optional", ptr(bool)],
      }),
    ),
  ],
  4: [
    "serviceAccountToken",
    msg(
      message("ServiceAccountTokenProjection", {
        1: ["audience", str],
        2: ["expirationSeconds", ptr(i64)],
        3: ["path", always(str)],
      }),
    ),
  ],
});

/** Only the volume sources a local cluster can mean something by; the cloud and network ones are skipped. */
const VOLUME_SOURCE = message("VolumeSource", {
  1: ["hostPath", msg(message("HostPathVolumeSource", { 1: ["path", always(str)], 2: ["type", ptr(str)] }))],
  2: ["emptyDir", msg(message("EmptyDirVolumeSource", { 1: ["medium", str], 2: ["sizeLimit", quantity] }))],
  6: [
    "secret",
    msg(
      message("SecretVolumeSource", {
        1: ["secretName", str],
        2: ["items", list(msg(KEY_TO_PATH))],
        3: ["defaultMode", ptr(i32)],
        4: ["optional", ptr(bool)],
      }),
    ),
  ],
  7: ["nfs", msg(message("NFSVolumeSource", { 1: ["server", always(str)], 2: ["path", always(str)], 3: ["readOnly", bool] }))],
  10: [
    "persistentVolumeClaim",
    msg(message("PersistentVolumeClaimVolumeSource", { 1: ["claimName", always(str)], 2: ["readOnly", bool] })),
  ],
  16: [
    "downwardAPI",
    msg(message("DownwardAPIVolumeSource", { 1: ["items", list(msg(DOWNWARD_API_VOLUME_FILE))], 2: ["defaultMode", ptr(i32)] })),
  ],
  19: [
    "configMap",
    msg(
      message("ConfigMapVolumeSource", {
        1: inline(LOCAL_OBJECT_REFERENCE),
        2: ["items", list(msg(KEY_TO_PATH))],
        3: ["defaultMode", ptr(i32)],
        4: ["optional", ptr(bool)],
      }),
    ),
  ],
  26: ["projected", msg(message("ProjectedVolumeSource", { 1: ["sources", list(msg(VOLUME_PROJECTION))], 2: ["defaultMode", ptr(i32)] }))],
  28: [
    "csi",
    msg(
      message("CSIVolumeSource", {
        1: ["driver", always(str)],
        2: ["readOnly", ptr(bool)],
        3: ["fsType", ptr(str)],
        4: ["volumeAttributes", map(str)],
        5: ["nodePublishSecretRef", msg(LOCAL_OBJECT_REFERENCE)],
      }),
    ),
  ],
});

const VOLUME = message("Volume", {
  1: ["name", always(str)],
  2: inline(VOLUME_SOURCE),
});

// --- Containers ---

const CONTAINER_PORT = message("ContainerPort", {
  1: ["name", str],
  2: ["hostPort", i32],
  3: ["containerPort", always(i32)],
  4: ["protocol", str],
  5: ["hostIP", str],
});

const keySelector = (name: string) =>
  message(name, {
    1: inline(LOCAL_OBJECT_REFERENCE),
    2: ["key", always(str)],
    3: ["optional", ptr(bool)],
  });

const ENV_VAR_SOURCE = message("EnvVarSource", {
  1: ["fieldRef", msg(OBJECT_FIELD_SELECTOR)],
  2: ["resourceFieldRef", msg(RESOURCE_FIELD_SELECTOR)],
  3: ["configMapKeyRef", msg(keySelector("ConfigMapKeySelector"))],
  4: ["secretKeyRef", msg(keySelector("SecretKeySelector"))],
});

const ENV_VAR = message("EnvVar", {
  1: ["name", always(str)],
  2: ["value", str],
  3: ["valueFrom", msg(ENV_VAR_SOURCE)],
});

const envSource = (name: string) => message(name, { 1: inline(LOCAL_OBJECT_REFERENCE), 2: ["optional", ptr(bool)] });

const ENV_FROM_SOURCE = message("EnvFromSource", {
  1: ["prefix", str],
  2: ["configMapRef", msg(envSource("ConfigMapEnvSource"))],
  3: ["secretRef", msg(envSource("SecretEnvSource"))],
});

const RESOURCE_REQUIREMENTS = message("ResourceRequirements", {
  1: ["limits", map(quantity)],
  2: ["requests", map(quantity)],
  3: ["claims", list(msg(message("ResourceClaim", { 1: ["name", always(str)] })))],
});

const VOLUME_MOUNT = message("VolumeMount", {
  1: ["name", always(str)],
  2: ["readOnly", bool],
  7: ["recursiveReadOnly", ptr(str)],
  3: ["mountPath", always(str)],
  4: ["subPath", str],
  5: ["mountPropagation", ptr(str)],
  6: ["subPathExpr", str],
});

const EXEC_ACTION = message("ExecAction", { 1: ["command", list(str)] });

const HTTP_GET_ACTION = message("HTTPGetAction", {
  1: ["path", str],
  2: ["port", intOrString],
  3: ["host", str],
  4: ["scheme", str],
  5: ["httpHeaders", list(msg(message("HTTPHeader", { 1: ["name", always(str)], 2: ["value", always(str)] })))],
});

const TCP_SOCKET_ACTION = message("TCPSocketAction", {
  1: ["port", intOrString],
  2: ["host", str],
});

const PROBE = message("Probe", {
  1: inline(
    message("ProbeHandler", {
      1: ["exec", msg(EXEC_ACTION)],
      2: ["httpGet", msg(HTTP_GET_ACTION)],
      3: ["tcpSocket", msg(TCP_SOCKET_ACTION)],
      4: ["grpc", msg(message("GRPCAction", { 1: ["port", always(i32)], 2: ["service", ptr(str)] }))],
    }),
  ),
  2: ["initialDelaySeconds", i32],
  3: ["timeoutSeconds", i32],
  4: ["periodSeconds", i32],
  5: ["successThreshold", i32],
  6: ["failureThreshold", i32],
  7: ["terminationGracePeriodSeconds", ptr(i64)],
});

const LIFECYCLE_HANDLER = message("LifecycleHandler", {
  1: ["exec", msg(EXEC_ACTION)],
  2: ["httpGet", msg(HTTP_GET_ACTION)],
  3: ["tcpSocket", msg(TCP_SOCKET_ACTION)],
  4: ["sleep", msg(message("SleepAction", { 1: ["seconds", always(i64)] }))],
});

const LIFECYCLE = message("Lifecycle", {
  1: ["postStart", msg(LIFECYCLE_HANDLER)],
  2: ["preStop", msg(LIFECYCLE_HANDLER)],
});

const SE_LINUX_OPTIONS = message("SELinuxOptions", {
  1: ["user", str],
  2: ["role", str],
  3: ["type", str],
  4: ["level", str],
});

const WINDOWS_SECURITY_CONTEXT_OPTIONS = message("WindowsSecurityContextOptions", {
  1: ["gmsaCredentialSpecName", ptr(str)],
  2: ["gmsaCredentialSpec", ptr(str)],
  3: ["runAsUserName", ptr(str)],
  4: ["hostProcess", ptr(bool)],
});

const profile = (name: string) => message(name, { 1: ["type", always(str)], 2: ["localhostProfile", ptr(str)] });
const SECCOMP_PROFILE = profile("SeccompProfile");
const APP_ARMOR_PROFILE = profile("AppArmorProfile");

const SECURITY_CONTEXT = message("SecurityContext", {
  1: ["capabilities", msg(message("Capabilities", { 1: ["add", list(str)], 2: ["drop", list(str)] }))],
  2: ["privileged", ptr(bool)],
  3: ["seLinuxOptions", msg(SE_LINUX_OPTIONS)],
  10: ["windowsOptions", msg(WINDOWS_SECURITY_CONTEXT_OPTIONS)],
  4: ["runAsUser", ptr(i64)],
  8: ["runAsGroup", ptr(i64)],
  5: ["runAsNonRoot", ptr(bool)],
  6: ["readOnlyRootFilesystem", ptr(bool)],
  7: ["allowPrivilegeEscalation", ptr(bool)],
  9: ["procMount", ptr(str)],
  11: ["seccompProfile", msg(SECCOMP_PROFILE)],
  12: ["appArmorProfile", msg(APP_ARMOR_PROFILE)],
});

/** Container and EphemeralContainerCommon share their field numbers. */
const containerFields = {
  1: ["name", always(str)],
  2: ["image", str],
  3: ["command", list(str)],
  4: ["args", list(str)],
  5: ["workingDir", str],
  6: ["ports", list(msg(CONTAINER_PORT))],
  19: ["envFrom", list(msg(ENV_FROM_SOURCE))],
  7: ["env", list(msg(ENV_VAR))],
  8: ["resources", msg(RESOURCE_REQUIREMENTS)],
  23: ["resizePolicy", list(msg(message("ContainerResizePolicy", { 1: ["resourceName", always(str)], 2: ["restartPolicy", always(str)] })))],
  24: ["restartPolicy", ptr(str)],
  9: ["volumeMounts", list(msg(VOLUME_MOUNT))],
  21: ["volumeDevices", list(msg(message("VolumeDevice", { 1: ["name", always(str)], 2: ["devicePath", always(str)] })))],
  10: ["livenessProbe", msg(PROBE)],
  11: ["readinessProbe", msg(PROBE)],
  22: ["startupProbe", msg(PROBE)],
  12: ["lifecycle", msg(LIFECYCLE)],
  13: ["terminationMessagePath", str],
  20: ["terminationMessagePolicy", str],
  14: ["imagePullPolicy", str],
  15: ["securityContext", msg(SECURITY_CONTEXT)],
  16: ["stdin", bool],
  17: ["stdinOnce", bool],
  18: ["tty", bool],
} as const;

const CONTAINER = message("Container", containerFields);

const EPHEMERAL_CONTAINER = message("EphemeralContainer", {
  1: inline(message("EphemeralContainerCommon", containerFields)),
  2: ["targetContainerName", str],
});

// --- Scheduling ---

const TOLERATION = message("Toleration", {
  1: ["key", str],
  2: ["operator", str],
  3: ["value", str],
  4: ["effect", str],
  5: ["tolerationSeconds", ptr(i64)],
});

const NODE_SELECTOR_REQUIREMENT = message("NodeSelectorRequirement", {
  1: ["key", always(str)],
  2: ["operator", always(str)],
  3: ["values", list(str)],
});

const NODE_SELECTOR_TERM = message("NodeSelectorTerm", {
  1: ["matchExpressions", list(msg(NODE_SELECTOR_REQUIREMENT))],
  2: ["matchFields", list(msg(NODE_SELECTOR_REQUIREMENT))],
});

const NODE_AFFINITY = message("NodeAffinity", {
  1: [
    "requiredDuringSchedulingIgnoredDuringExecution",
    msg(message("NodeSelector", { 1: ["nodeSelectorTerms", list(msg(NODE_SELECTOR_TERM))] })),
  ],
  2: [
    "preferredDuringSchedulingIgnoredDuringExecution",
    list(msg(message("PreferredSchedulingTerm", { 1: ["weight", always(i32)], 2: ["preference", msg(NODE_SELECTOR_TERM)] }))),
  ],
});

const POD_AFFINITY_TERM = message("PodAffinityTerm", {
  1: ["labelSelector", msg(LABEL_SELECTOR)],
  2: ["namespaces", list(str)],
  3: ["topologyKey", always(str)],
  4: ["namespaceSelector", msg(LABEL_SELECTOR)],
  5: ["matchLabelKeys", list(str)],
  6: ["mismatchLabelKeys", list(str)],
});

const podAffinity = (name: string) =>
  message(name, {
    1: ["requiredDuringSchedulingIgnoredDuringExecution", list(msg(POD_AFFINITY_TERM))],
    2: [
      "preferredDuringSchedulingIgnoredDuringExecution",
      list(msg(message("WeightedPodAffinityTerm", { 1: ["weight", always(i32)], 2: ["podAffinityTerm", msg(POD_AFFINITY_TERM)] }))),
    ],
  });

const AFFINITY = message("Affinity", {
  1: ["nodeAffinity", msg(NODE_AFFINITY)],
  2: ["podAffinity", msg(podAffinity("PodAffinity"))],
  3: ["podAntiAffinity", msg(podAffinity("PodAntiAffinity"))],
});

const TOPOLOGY_SPREAD_CONSTRAINT = message("TopologySpreadConstraint", {
  1: ["maxSkew", always(i32)],
  2: ["topologyKey", always(str)],
  3: ["whenUnsatisfiable", always(str)],
  4: ["labelSelector", msg(LABEL_SELECTOR)],
  5: ["minDomains", ptr(i32)],
  6: ["nodeAffinityPolicy", ptr(str)],
  7: ["nodeTaintsPolicy", ptr(str)],
  8: ["matchLabelKeys", list(str)],
});

// --- Pod ---

const POD_SECURITY_CONTEXT = message("PodSecurityContext", {
  1: ["seLinuxOptions", msg(SE_LINUX_OPTIONS)],
  8: ["windowsOptions", msg(WINDOWS_SECURITY_CONTEXT_OPTIONS)],
  2: ["runAsUser", ptr(i64)],
  6: ["runAsGroup", ptr(i64)],
  3: ["runAsNonRoot", ptr(bool)],
  4: ["supplementalGroups", list(i64)],
  12: ["supplementalGroupsPolicy", ptr(str)],
  5: ["fsGroup", ptr(i64)],
  7: ["sysctls", list(msg(message("Sysctl", { 1: ["name", always(str)], 2: ["value", always(str)] })))],
  9: ["fsGroupChangePolicy", ptr(str)],
  10: ["seccompProfile", msg(SECCOMP_PROFILE)],
  11: ["appArmorProfile", msg(APP_ARMOR_PROFILE)],
  13: ["seLinuxChangePolicy", ptr(str)],
});

const POD_DNS_CONFIG = message("PodDNSConfig", {
  1: ["nameservers", list(str)],
  2: ["searches", list(str)],
  3: ["options", list(msg(message("PodDNSConfigOption", { 1: ["name", str], 2: ["value", ptr(str)] })))],
});

/** Alpha fields (resourceClaims, pod-level resources) and fields newer than 1.32 are skipped. */
const POD_SPEC = message("PodSpec", {
  1: ["volumes", list(msg(VOLUME))],
  20: ["initContainers", list(msg(CONTAINER))],
  2: ["containers", list(msg(CONTAINER))],
  34: ["ephemeralContainers", list(msg(EPHEMERAL_CONTAINER))],
  3: ["restartPolicy", str],
  4: ["terminationGracePeriodSeconds", ptr(i64)],
  5: ["activeDeadlineSeconds", ptr(i64)],
  6: ["dnsPolicy", str],
  7: ["nodeSelector", map(str)],
  8: ["serviceAccountName", str],
  9: ["serviceAccount", str],
  21: ["automountServiceAccountToken", ptr(bool)],
  10: ["nodeName", str],
  11: ["hostNetwork", bool],
  12: ["hostPID", bool],
  13: ["hostIPC", bool],
  27: ["shareProcessNamespace", ptr(bool)],
  14: ["securityContext", msg(POD_SECURITY_CONTEXT)],
  15: ["imagePullSecrets", list(msg(LOCAL_OBJECT_REFERENCE))],
  16: ["hostname", str],
  17: ["subdomain", str],
  18: ["affinity", msg(AFFINITY)],
  19: ["schedulerName", str],
  22: ["tolerations", list(msg(TOLERATION))],
  23: ["hostAliases", list(msg(message("HostAlias", { 1: ["ip", str], 2: ["hostnames", list(str)] })))],
  24: ["priorityClassName", str],
  25: ["priority", ptr(i32)],
  26: ["dnsConfig", msg(POD_DNS_CONFIG)],
  28: ["readinessGates", list(msg(message("PodReadinessGate", { 1: ["conditionType", always(str)] })))],
  29: ["runtimeClassName", ptr(str)],
  30: ["enableServiceLinks", ptr(bool)],
  31: ["preemptionPolicy", ptr(str)],
  32: ["overhead", map(quantity)],
  33: ["topologySpreadConstraints", list(msg(TOPOLOGY_SPREAD_CONSTRAINT))],
  35: ["setHostnameAsFQDN", ptr(bool)],
  36: ["os", msg(message("PodOS", { 1: ["name", always(str)] }))],
  37: ["hostUsers", ptr(bool)],
  38: ["schedulingGates", list(msg(message("PodSchedulingGate", { 1: ["name", always(str)] })))],
});

const POD_CONDITION = message("PodCondition", {
  1: ["type", always(str)],
  2: ["status", always(str)],
  3: ["lastProbeTime", time],
  4: ["lastTransitionTime", time],
  5: ["reason", str],
  6: ["message", str],
});

const CONTAINER_STATE = message("ContainerState", {
  1: ["waiting", msg(message("ContainerStateWaiting", { 1: ["reason", str], 2: ["message", str] }))],
  2: ["running", msg(message("ContainerStateRunning", { 1: ["startedAt", time] }))],
  3: [
    "terminated",
    msg(
      message("ContainerStateTerminated", {
        1: ["exitCode", always(i32)],
        2: ["signal", i32],
        3: ["reason", str],
        4: ["message", str],
        5: ["startedAt", time],
        6: ["finishedAt", time],
        7: ["containerID", str],
      }),
    ),
  ],
});

const CONTAINER_STATUS = message("ContainerStatus", {
  1: ["name", always(str)],
  2: ["state", msg(CONTAINER_STATE)],
  3: ["lastState", msg(CONTAINER_STATE)],
  4: ["ready", always(bool)],
  5: ["restartCount", always(i32)],
  6: ["image", always(str)],
  7: ["imageID", always(str)],
  8: ["containerID", str],
  9: ["started", ptr(bool)],
  10: ["allocatedResources", map(quantity)],
  11: ["resources", msg(RESOURCE_REQUIREMENTS)],
});

const POD_IP = message("PodIP", { 1: ["ip", str] });

const POD_STATUS = message("PodStatus", {
  1: ["phase", str],
  2: ["conditions", list(msg(POD_CONDITION))],
  3: ["message", str],
  4: ["reason", str],
  11: ["nominatedNodeName", str],
  5: ["hostIP", str],
  16: ["hostIPs", list(msg(POD_IP))],
  6: ["podIP", str],
  12: ["podIPs", list(msg(POD_IP))],
  7: ["startTime", time],
  10: ["initContainerStatuses", list(msg(CONTAINER_STATUS))],
  8: ["containerStatuses", list(msg(CONTAINER_STATUS))],
  9: ["qosClass", str],
  13: ["ephemeralContainerStatuses", list(msg(CONTAINER_STATUS))],
  14: ["resize", str],
});

export const POD = message("Pod", {
  1: metadata,
  2: ["spec", msg(POD_SPEC)],
  3: ["status", msg(POD_STATUS)],
});

export const POD_TEMPLATE_SPEC = message("PodTemplateSpec", {
  1: metadata,
  2: ["spec", msg(POD_SPEC)],
});
