import { DEFAULT_TAG, parseImageReference, type ImageReference } from "@paddock/registry-auth";
import { isJsonObject, type JsonObject, objectsIn } from "../api/json-values.ts";

/**
 * The PodSpec defaults kube-apiserver fills on every write (kubernetes pkg/apis/core/v1/defaults.go
 * SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe, SetDefaults_Volume, ...): the fields
 * `kubectl get -o yaml` shows although nobody wrote them. All of them are idempotent.
 */

/** A Go pointer field: defaulted only when absent. */
function defaultUnset(obj: JsonObject, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** A Go value field: its zero value ("" or 0) also counts as unset. */
function defaultEmpty(obj: JsonObject, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === "" || obj[key] === 0) obj[key] = value;
}

/** Mode 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_VOLUME_MODE = 420;

const VOLUME_SOURCES = [
  "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi",
  "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc",
  "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected",
  "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image",
] as const;

/** The keys of a Volume that name its source (core/v1 VolumeSource). */
export function volumeSourceKeys(volume: JsonObject): string[] {
  return VOLUME_SOURCES.filter((key) => volume[key] !== undefined && volume[key] !== null);
}

/** Defaults for a pod spec wherever it appears: a Pod, or the template of a Deployment or ReplicaSet. */
export function defaultPodSpec(spec: unknown): void {
  if (!isJsonObject(spec)) return;
  defaultEmpty(spec, "dnsPolicy", "ClusterFirst");
  defaultEmpty(spec, "restartPolicy", "Always");
  defaultUnset(spec, "securityContext", {});
  defaultUnset(spec, "terminationGracePeriodSeconds", 30);
  defaultEmpty(spec, "schedulerName", "default-scheduler");
  for (const container of [...objectsIn(spec.initContainers), ...objectsIn(spec.containers)]) {
    defaultContainer(container);
    // defaultHostNetworkPorts: with the host's network, a port is the same on both sides.
    if (spec.hostNetwork === true) {
      for (const port of objectsIn(container.ports)) defaultEmpty(port, "hostPort", port.containerPort);
    }
  }
  for (const volume of objectsIn(spec.volumes)) defaultVolume(volume);
}

/**
 * Defaults only a Pod gets, not a pod template (SetDefaults_Pod): `enableServiceLinks`, and
 * requests copied from limits where a container sets a limit without a request.
 */
export function defaultPodOnlyFields(spec: unknown): void {
  if (!isJsonObject(spec)) return;
  for (const container of [...objectsIn(spec.containers), ...objectsIn(spec.initContainers)]) {
    const resources = container.resources;
    if (!isJsonObject(resources) || !isJsonObject(resources.limits)) continue;
    const requests = isJsonObject(resources.requests) ? resources.requests : {};
    for (const [name, quantity] of Object.entries(resources.limits)) {
      if (requests[name] === undefined) requests[name] = quantity;
    }
    resources.requests = requests;
  }
  defaultUnset(spec, "enableServiceLinks", true);
}

/**
 * SetDefaults_Container's pull policy, from the tag parsers.ParseImageName reports: `Always` for
 * `latest`, which is also the tag of a reference with neither tag nor digest; otherwise, and for
 * references that do not parse, `IfNotPresent`.
 */
export function defaultImagePullPolicy(image: string): "Always" | "IfNotPresent" {
  let reference: ImageReference;
  try {
    reference = parseImageReference(image);
  } catch {
    return "IfNotPresent";
  }
  const tag = reference.tag ?? (reference.digest ? undefined : DEFAULT_TAG);
  return tag === DEFAULT_TAG ? "Always" : "IfNotPresent";
}

function defaultContainer(container: JsonObject): void {
  if (container.imagePullPolicy === undefined || container.imagePullPolicy === null || container.imagePullPolicy === "") {
    container.imagePullPolicy = defaultImagePullPolicy(typeof container.image === "string" ? container.image : "");
  }
  defaultEmpty(container, "terminationMessagePath", "/dev/termination-log");
  defaultEmpty(container, "terminationMessagePolicy", "File");
  // ResourceRequirements is a struct, not a pointer, so it is always serialised.
  defaultUnset(container, "resources", {});
  for (const port of objectsIn(container.ports)) defaultEmpty(port, "protocol", "TCP");
  for (const env of objectsIn(container.env)) {
    const valueFrom = env.valueFrom;
    if (isJsonObject(valueFrom) && isJsonObject(valueFrom.fieldRef)) defaultEmpty(valueFrom.fieldRef, "apiVersion", "v1");
  }
  for (const key of ["livenessProbe", "readinessProbe", "startupProbe"]) {
    const probe = container[key];
    if (isJsonObject(probe)) defaultProbe(probe);
  }
  const lifecycle = container.lifecycle;
  if (isJsonObject(lifecycle)) {
    for (const handler of [lifecycle.postStart, lifecycle.preStop]) {
      if (isJsonObject(handler) && isJsonObject(handler.httpGet)) defaultHttpGet(handler.httpGet);
    }
  }
}

function defaultProbe(probe: JsonObject): void {
  defaultEmpty(probe, "timeoutSeconds", 1);
  defaultEmpty(probe, "periodSeconds", 10);
  defaultEmpty(probe, "successThreshold", 1);
  defaultEmpty(probe, "failureThreshold", 3);
  if (isJsonObject(probe.httpGet)) defaultHttpGet(probe.httpGet);
}

function defaultHttpGet(action: JsonObject): void {
  defaultEmpty(action, "path", "/");
  defaultEmpty(action, "scheme", "HTTP");
}

function defaultVolume(volume: JsonObject): void {
  // SetDefaults_Volume: a volume without any source is an emptyDir.
  if (volumeSourceKeys(volume).length === 0) volume.emptyDir = {};
  for (const key of ["secret", "configMap", "downwardAPI", "projected"]) {
    const source = volume[key];
    if (isJsonObject(source)) defaultUnset(source, "defaultMode", DEFAULT_VOLUME_MODE);
  }
  if (isJsonObject(volume.hostPath)) defaultUnset(volume.hostPath, "type", "");
  if (isJsonObject(volume.downwardAPI)) defaultFieldRefs(volume.downwardAPI.items);
  if (isJsonObject(volume.projected)) {
    for (const source of objectsIn(volume.projected.sources)) {
      if (isJsonObject(source.serviceAccountToken)) defaultUnset(source.serviceAccountToken, "expirationSeconds", 3600);
      if (isJsonObject(source.downwardAPI)) defaultFieldRefs(source.downwardAPI.items);
    }
  }
}

function defaultFieldRefs(items: unknown): void {
  for (const item of objectsIn(items)) {
    if (isJsonObject(item.fieldRef)) defaultEmpty(item.fieldRef, "apiVersion", "v1");
  }
}
