import type { FieldError } from "../api/types.ts";
import { fieldError, indexPath } from "../api/field-errors.ts";
import { isDNS1123Label, nameIsDNSSubdomain, validateLabels } from "../api/validation.ts";
import { volumeSourceKeys } from "./pod-spec-defaults.ts";
import { isJsonObject, type JsonObject, stringValue } from "../api/json-values.ts";

/**
 * PodSpec validation as kube-apiserver runs it on Pods and on the templates of workloads
 * (kubernetes pkg/apis/core/validation/validation.go ValidatePodSpec and the functions it calls),
 * covering the fields people write by hand: containers, ports, env, volumes, policies and names.
 * It runs after defaulting, so fields the defaults fill are only "Required" when set to "".
 */

/** Array entries with their index; entries that are not objects are skipped. */
function entries(value: unknown): Array<[number, JsonObject]> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i) => (isJsonObject(item) ? [[i, item] as [number, JsonObject]] : []));
}

const MAX_INT32 = 2147483647;

/** ValidateDNS1123Label: one Invalid error per message. */
function dns1123Label(value: string, field: string): FieldError[] {
  return isDNS1123Label(value).map((msg) => fieldError.invalid(field, value, msg));
}

/** A name checked with NameIsDNSSubdomain (ServiceAccount, Node, PriorityClass names). */
function dnsSubdomainName(value: string, field: string): FieldError[] {
  return nameIsDNSSubdomain(value, false).map((msg) => fieldError.invalid(field, value, msg));
}

/** One of a fixed set of values: Required when empty, NotSupported otherwise. */
function oneOf(value: unknown, field: string, supported: string[]): FieldError[] {
  if (value === undefined || value === null || value === "") return [fieldError.required(field)];
  return supported.includes(value as string) ? [] : [fieldError.notSupported(field, value, supported)];
}

export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  const s = isJsonObject(spec) ? spec : {};
  const errors: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) {
    errors.push(fieldError.required(`${path}.terminationGracePeriodSeconds`));
  }
  errors.push(...validateVolumes(s.volumes, `${path}.volumes`));
  errors.push(...validateContainers(s.containers, `${path}.containers`));
  errors.push(...validateInitContainers(s.initContainers, s.containers, `${path}.initContainers`));
  errors.push(...oneOf(s.restartPolicy, `${path}.restartPolicy`, ["Always", "OnFailure", "Never"]));
  errors.push(...oneOf(s.dnsPolicy, `${path}.dnsPolicy`, ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]));
  if (isJsonObject(s.nodeSelector)) errors.push(...validateLabels(s.nodeSelector as Record<string, string>, `${path}.nodeSelector`));
  const serviceAccountName = stringValue(s.serviceAccountName);
  if (serviceAccountName) errors.push(...dnsSubdomainName(serviceAccountName, `${path}.serviceAccountName`));
  const nodeName = stringValue(s.nodeName);
  if (nodeName) errors.push(...dnsSubdomainName(nodeName, `${path}.nodeName`));
  if (typeof s.activeDeadlineSeconds === "number") {
    const value = s.activeDeadlineSeconds;
    if (value < 1 || value > MAX_INT32) {
      errors.push(fieldError.invalid(`${path}.activeDeadlineSeconds`, value, `must be between 1 and ${MAX_INT32}, inclusive`));
    }
  }
  const hostname = stringValue(s.hostname);
  if (hostname) errors.push(...dns1123Label(hostname, `${path}.hostname`));
  const subdomain = stringValue(s.subdomain);
  if (subdomain) errors.push(...dns1123Label(subdomain, `${path}.subdomain`));
  errors.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  const priorityClassName = stringValue(s.priorityClassName);
  if (priorityClassName) errors.push(...dnsSubdomainName(priorityClassName, `${path}.priorityClassName`));
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) {
    errors.push(...oneOf(s.preemptionPolicy, `${path}.preemptionPolicy`, ["PreemptLowerPriority", "Never"]));
  }
  // imagePullSecrets: the only check upstream ("only name may be set") cannot fail once JSON is
  // decoded into LocalObjectReference; empty or duplicate names are mere warnings (pkg/api/pod/warnings.go).
  return errors;
}

function validateVolumes(volumes: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  for (const [i, volume] of entries(volumes)) {
    const volumePath = indexPath(path, i);
    const sources = volumeSourceKeys(volume);
    if (sources.length === 0) errors.push(fieldError.required(volumePath, "must specify a volume type"));
    else if (sources.length > 1) {
      for (const source of sources.slice(1)) {
        errors.push(fieldError.forbidden(`${volumePath}.${source}`, "may not specify more than 1 volume type"));
      }
    }
    if (isJsonObject(volume.secret) && !stringValue(volume.secret.secretName)) {
      errors.push(fieldError.required(`${volumePath}.secret.secretName`));
    }
    if (isJsonObject(volume.configMap) && !stringValue(volume.configMap.name)) {
      errors.push(fieldError.required(`${volumePath}.configMap.name`));
    }
    if (isJsonObject(volume.persistentVolumeClaim) && !stringValue(volume.persistentVolumeClaim.claimName)) {
      errors.push(fieldError.required(`${volumePath}.persistentVolumeClaim.claimName`));
    }
    const name = stringValue(volume.name);
    if (!name) errors.push(fieldError.required(`${volumePath}.name`));
    else errors.push(...dns1123Label(name, `${volumePath}.name`));
    if (names.has(name)) errors.push(fieldError.duplicate(`${volumePath}.name`, name));
    else names.add(name);
  }
  return errors;
}

/** validateContainers: at least one container, each valid, names unique among them. */
function validateContainers(containers: unknown, path: string): FieldError[] {
  const list = entries(containers);
  if (list.length === 0) return [fieldError.required(path)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  for (const [i, container] of list) {
    const containerPath = indexPath(path, i);
    errors.push(...validateContainerCommon(container, containerPath));
    const name = stringValue(container.name);
    if (names.has(name)) errors.push(fieldError.duplicate(`${containerPath}.name`, name));
    else names.add(name);
    if (container.restartPolicy !== undefined && container.restartPolicy !== null) {
      errors.push(fieldError.forbidden(`${containerPath}.restartPolicy`, "may not be set for non-init containers"));
    }
  }
  return errors;
}

/** validateInitContainers: names must not repeat a regular container's or another init container's. */
function validateInitContainers(initContainers: unknown, containers: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set(entries(containers).map(([, c]) => stringValue(c.name)));
  for (const [i, container] of entries(initContainers)) {
    const containerPath = indexPath(path, i);
    errors.push(...validateContainerCommon(container, containerPath));
    if (container.restartPolicy !== undefined && container.restartPolicy !== null) {
      errors.push(...oneOf(container.restartPolicy, `${containerPath}.restartPolicy`, ["Always"]));
    }
    const name = stringValue(container.name);
    if (names.has(name)) errors.push(fieldError.duplicate(`${containerPath}.name`, name));
    else if (name) names.add(name);
  }
  return errors;
}

/** validateContainerCommon, in upstream order. */
function validateContainerCommon(container: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = stringValue(container.name);
  if (!name) errors.push(fieldError.required(`${path}.name`));
  else errors.push(...dns1123Label(name, `${path}.name`));
  // Upstream keeps whitespace-only images valid in templates for backward compatibility.
  if (!stringValue(container.image)) errors.push(fieldError.required(`${path}.image`));
  errors.push(
    ...oneOf(container.terminationMessagePolicy, `${path}.terminationMessagePolicy`, ["File", "FallbackToLogsOnError"]),
  );
  errors.push(...validatePorts(container.ports, `${path}.ports`));
  errors.push(...validateEnv(container.env, `${path}.env`));
  errors.push(...validateVolumeMounts(container.volumeMounts, `${path}.volumeMounts`));
  errors.push(...oneOf(container.imagePullPolicy, `${path}.imagePullPolicy`, ["Always", "IfNotPresent", "Never"]));
  return errors;
}

const PORT_RANGE = "must be between 1 and 65535, inclusive";

/** validateContainerPorts with IsValidPortName / IsValidPortNum (apimachinery pkg/util/validation). */
function validatePorts(ports: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  for (const [i, port] of entries(ports)) {
    const portPath = indexPath(path, i);
    const name = stringValue(port.name);
    if (name) {
      const messages = portNameMessages(name);
      if (messages.length > 0) errors.push(...messages.map((msg) => fieldError.invalid(`${portPath}.name`, name, msg)));
      else if (names.has(name)) errors.push(fieldError.duplicate(`${portPath}.name`, name));
      else names.add(name);
    }
    const containerPort = typeof port.containerPort === "number" ? port.containerPort : 0;
    if (containerPort === 0) errors.push(fieldError.required(`${portPath}.containerPort`));
    else if (containerPort < 1 || containerPort > 65535) {
      errors.push(fieldError.invalid(`${portPath}.containerPort`, containerPort, PORT_RANGE));
    }
    const hostPort = typeof port.hostPort === "number" ? port.hostPort : 0;
    if (hostPort !== 0 && (hostPort < 1 || hostPort > 65535)) {
      errors.push(fieldError.invalid(`${portPath}.hostPort`, hostPort, PORT_RANGE));
    }
    errors.push(...oneOf(port.protocol, `${portPath}.protocol`, ["SCTP", "TCP", "UDP"]));
  }
  return errors;
}

function portNameMessages(name: string): string[] {
  const messages: string[] = [];
  if (name.length > 15) messages.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(name)) messages.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(name)) messages.push("must contain at least one letter (a-z)");
  if (name.includes("--")) messages.push("must not contain consecutive hyphens");
  if (name.startsWith("-") || name.endsWith("-")) messages.push("must not begin or end with a hyphen");
  return messages;
}

// Names follow the relaxed rule (RelaxedEnvironmentVariableValidation, on by default in 1.32):
// printable ASCII without `=`.
const ENV_NAME_MESSAGE = "a valid environment variable name must consist only of printable ASCII characters other than '='";

function validateEnv(env: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [i, variable] of entries(env)) {
    const namePath = `${indexPath(path, i)}.name`;
    const name = stringValue(variable.name);
    if (!name) errors.push(fieldError.required(namePath));
    else if (!/^[\x20-\x7e]+$/.test(name) || name.includes("=")) {
      errors.push(fieldError.invalid(namePath, name, ENV_NAME_MESSAGE));
    }
  }
  return errors;
}

function validateVolumeMounts(mounts: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const mountPaths = new Set<string>();
  for (const [i, mount] of entries(mounts)) {
    const mountPath = indexPath(path, i);
    const name = stringValue(mount.name);
    if (!name) errors.push(fieldError.required(`${mountPath}.name`));
    // Upstream also reports `name: Not found: "x"` for a mount of an undeclared volume (ValidateVolumeMounts,
    // field.NotFound); that check is not made here yet, so such a mount is accepted.
    const target = stringValue(mount.mountPath);
    if (!target) errors.push(fieldError.required(`${mountPath}.mountPath`));
    else if (mountPaths.has(target)) errors.push(fieldError.invalid(`${mountPath}.mountPath`, target, "must be unique"));
    else mountPaths.add(target);
  }
  return errors;
}

/** ValidateTolerations, for the operator and effect values. */
function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [i, toleration] of entries(tolerations)) {
    const tolerationPath = indexPath(path, i);
    const key = stringValue(toleration.key);
    const operator = stringValue(toleration.operator);
    const effect = stringValue(toleration.effect);
    if (!key && operator !== "Exists") {
      errors.push(
        fieldError.invalid(
          `${tolerationPath}.operator`,
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (toleration.tolerationSeconds !== undefined && toleration.tolerationSeconds !== null && effect !== "NoExecute") {
      errors.push(fieldError.invalid(`${tolerationPath}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === "Exists" && stringValue(toleration.value)) {
      errors.push(fieldError.invalid(`${tolerationPath}.operator`, toleration.value, "value must be empty when `operator` is 'Exists'"));
    } else if (operator !== "" && operator !== "Equal" && operator !== "Exists") {
      errors.push(fieldError.notSupported(`${tolerationPath}.operator`, operator, ["Equal", "Exists"]));
    }
    if (effect && !["NoSchedule", "PreferNoSchedule", "NoExecute"].includes(effect)) {
      errors.push(fieldError.notSupported(`${tolerationPath}.effect`, effect, ["NoSchedule", "PreferNoSchedule", "NoExecute"]));
    }
  }
  return errors;
}
