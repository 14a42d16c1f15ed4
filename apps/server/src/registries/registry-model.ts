import type { V1Secret } from "@kubernetes/client-node";
import type { Registry } from "@paddock/contracts";
import { buildDockerConfigJson, DOCKER_CONFIG_JSON_KEY, type DockerConfigEntry } from "@paddock/registry-auth";
import type { SecretSummary } from "../kube/summaries.ts";
import {
  ATTACH_TO_DEFAULT_SA_ANNOTATION,
  DESCRIPTION_ANNOTATION,
  DOCKER_CFG,
  DOCKER_CONFIG_JSON,
  MANAGED_BY_LABEL,
  MANAGED_BY_PADDOCK,
  PROJECT_SCOPED_SECRET_LABEL,
  isProjectRegistryCopy,
  isRegistryType,
} from "../projects/rancher-model.ts";
import type { RegistryCopyStates } from "./copies.ts";

// Marks Rancher leaves on the secrets it writes (Norman API: `cattle.io/creator: norman`; Steve and
// the UI: the `field.cattle.io/creatorId` annotation).
const RANCHER_CREATOR_LABEL = "cattle.io/creator";
const RANCHER_CREATOR_ANNOTATION = "field.cattle.io/creatorId";

/** Who made a registry secret: Paddock (its label), Rancher (its marks), or anything else, kubectl included. */
export function registrySource(secret: Pick<SecretSummary, "labels" | "annotations">): Registry["source"] {
  if (secret.labels[MANAGED_BY_LABEL] === MANAGED_BY_PADDOCK) return "paddock";
  if (secret.labels[RANCHER_CREATOR_LABEL] || secret.annotations[RANCHER_CREATOR_ANNOTATION] || secret.labels[PROJECT_SCOPED_SECRET_LABEL]) return "rancher";
  return "kubectl";
}

/** A registry of a namespace: a dockerconfigjson or dockercfg Secret that is not a copy of a project registry. */
export function isNamespacedRegistry(secret: Pick<SecretSummary, "type" | "labels" | "annotations">): boolean {
  return isRegistryType(secret.type) && !isProjectRegistryCopy(secret);
}

export function attachesToDefaultServiceAccount(secret: { annotations?: Record<string, string> | undefined }): boolean {
  return secret.annotations?.[ATTACH_TO_DEFAULT_SA_ANNOTATION] === "true";
}

/** The read model of a registry: addresses and usernames only, built from the data-free summary. */
export function toRegistry(secret: SecretSummary, copies?: RegistryCopyStates): Registry {
  const projectScoped = copies !== undefined;
  const unreadable = secret.registryError ? `The secret's registry data cannot be read: ${secret.registryError}` : undefined;
  const stateMessage = [unreadable, copies?.message].filter(Boolean).join("; ");
  return {
    name: secret.name,
    scope: projectScoped ? { type: "project" } : { type: "namespace", namespace: secret.namespace },
    description: secret.annotations[DESCRIPTION_ANNOTATION] ?? "",
    registries: (secret.registries ?? []).map((r) => ({ address: r.address, username: r.username })),
    secretType: secret.type === DOCKER_CFG ? DOCKER_CFG : DOCKER_CONFIG_JSON,
    source: registrySource(secret),
    readOnly: secret.type === DOCKER_CFG,
    state: copies?.state ?? "Active",
    ...(stateMessage ? { stateMessage } : {}),
    ...(copies ? { copies: copies.copies } : {}),
    attachToDefaultServiceAccount: attachesToDefaultServiceAccount(secret),
    createdAt: secret.creationTimestamp,
    resourceVersion: secret.resourceVersion,
  };
}

export interface RegistrySecretFields {
  description?: string | undefined;
  attachToDefaultServiceAccount?: boolean | undefined;
  entries: readonly DockerConfigEntry[];
}

/** `.dockerconfigjson`, base64 encoded for `data`: exactly the bytes `kubectl create secret docker-registry` writes. */
export function encodedDockerConfigJson(entries: readonly DockerConfigEntry[]): string {
  return Buffer.from(buildDockerConfigJson(entries), "utf8").toString("base64");
}

/** A new registry Secret; `projectId` makes it the source of a project registry. */
export function newRegistrySecret(name: string, namespace: string, fields: RegistrySecretFields, projectId?: string): V1Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name,
      namespace,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK, ...(projectId ? { [PROJECT_SCOPED_SECRET_LABEL]: projectId } : {}) },
      annotations: editedAnnotations({}, fields),
    },
    type: DOCKER_CONFIG_JSON,
    data: { [DOCKER_CONFIG_JSON_KEY]: encodedDockerConfigJson(fields.entries) },
  };
}

/** The stored Secret with an edit applied: its other labels, annotations and keys kept. */
export function editedRegistrySecret(stored: V1Secret, fields: RegistrySecretFields): V1Secret {
  return {
    ...stored,
    metadata: {
      ...stored.metadata,
      labels: { ...stored.metadata?.labels, [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK },
      annotations: editedAnnotations(stored.metadata?.annotations ?? {}, fields),
    },
    data: { ...stored.data, [DOCKER_CONFIG_JSON_KEY]: encodedDockerConfigJson(fields.entries) },
  };
}

function editedAnnotations(current: Record<string, string>, fields: RegistrySecretFields): Record<string, string> {
  const annotations = { ...current };
  if (fields.description !== undefined) {
    if (fields.description.trim() === "") delete annotations[DESCRIPTION_ANNOTATION];
    else annotations[DESCRIPTION_ANNOTATION] = fields.description;
  }
  if (fields.attachToDefaultServiceAccount === true) annotations[ATTACH_TO_DEFAULT_SA_ANNOTATION] = "true";
  if (fields.attachToDefaultServiceAccount === false) delete annotations[ATTACH_TO_DEFAULT_SA_ANNOTATION];
  return annotations;
}
