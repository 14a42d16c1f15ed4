import type { Registry, RegistryCreate, RegistryRef, RegistryScope, RegistryUpdate } from "@paddock/contracts";
import { needsHost, presetAddress, presetOf, type AddressPreset } from "./address-presets.ts";

/** What the Add/Edit/Clone form holds; the request is built from it on save. */
export interface RegistryEntryValues {
  preset: AddressPreset;
  /** the host typed in for Artifactory and Custom */
  host: string;
  username: string;
  /** empty on edit and clone: keep (or copy) the stored password */
  password: string;
  /** the address as stored, for rows loaded from a registry (edit, clone) */
  stored?: string;
}

export interface RegistryFormValues {
  name: string;
  description: string;
  scopeType: "project" | "namespace";
  /** the existing namespace chosen for a single-namespace registry */
  namespace: string;
  /** "Add to a new namespace": the namespace is created with the registry */
  newNamespace: boolean;
  newNamespaceName: string;
  registries: RegistryEntryValues[];
  attachToDefaultServiceAccount: boolean;
}

export type FormMode = "create" | "edit" | "clone";

export const emptyEntry = (): RegistryEntryValues => ({ preset: "DockerHub", host: "", username: "", password: "" });

export function emptyFormValues(): RegistryFormValues {
  return {
    name: "",
    description: "",
    scopeType: "project",
    namespace: "",
    newNamespace: false,
    newNamespaceName: "",
    registries: [emptyEntry()],
    attachToDefaultServiceAccount: false,
  };
}

/** An edit or a clone starts from the registry as read back: everything but the passwords (and, for a clone, the name). */
export function formValuesFrom(registry: Registry, mode: "edit" | "clone"): RegistryFormValues {
  return {
    name: mode === "edit" ? registry.name : "",
    description: registry.description,
    scopeType: registry.scope.type,
    namespace: registry.scope.type === "namespace" ? registry.scope.namespace : "",
    newNamespace: false,
    newNamespaceName: "",
    registries:
      registry.registries.length > 0
        ? registry.registries.map((r) => ({ ...presetOf(r.address), username: r.username, password: "", stored: r.address }))
        : [emptyEntry()],
    attachToDefaultServiceAccount: registry.attachToDefaultServiceAccount,
  };
}

export function entryAddress(entry: Pick<RegistryEntryValues, "preset" | "host">): string {
  return presetAddress(entry.preset, entry.host);
}

export function scopeOfValues(values: Pick<RegistryFormValues, "scopeType" | "namespace" | "newNamespace" | "newNamespaceName">): RegistryScope {
  if (values.scopeType === "project") return { type: "project" };
  if (values.newNamespace) return { type: "namespace", namespace: values.newNamespaceName.trim(), createNamespace: true };
  return { type: "namespace", namespace: values.namespace };
}

const entriesOf = (values: RegistryFormValues) =>
  values.registries.map((entry) => ({ address: entryAddress(entry), username: entry.username, password: entry.password }));

/** The create request (a clone names its source: passwords left empty are copied on the server). */
export function toCreateInput(values: RegistryFormValues, cloneFrom?: RegistryRef): RegistryCreate {
  const description = values.description.trim();
  return {
    name: values.name.trim(),
    ...(description ? { description } : {}),
    scope: scopeOfValues(values),
    registries: entriesOf(values),
    attachToDefaultServiceAccount: values.attachToDefaultServiceAccount,
    ...(cloneFrom ? { cloneFrom } : {}),
  };
}

/** The edit request: an empty password keeps the stored one; the resourceVersion the edit started from guards against lost updates. */
export function toUpdateInput(values: RegistryFormValues, resourceVersion: string): RegistryUpdate {
  return {
    description: values.description.trim(),
    registries: entriesOf(values),
    attachToDefaultServiceAccount: values.attachToDefaultServiceAccount,
    resourceVersion,
  };
}

/**
 * The form field a request path (a server issue's `body.registries.0.address`, or a schema issue's
 * `registries.0.address`) belongs to; undefined when no field shows it.
 */
export function formFieldOf(path: string, values: RegistryFormValues): string | undefined {
  const parts = path.replace(/^body\./, "").split(".");
  const [head, index, leaf] = parts;
  switch (head) {
    case "name":
    case "description":
    case "attachToDefaultServiceAccount":
      return head;
    case "scope":
      return values.scopeType === "namespace" ? (values.newNamespace ? "newNamespaceName" : "namespace") : undefined;
    case "registries": {
      if (index === undefined || !/^\d+$/.test(index)) return "registries.root";
      const entry = values.registries[Number(index)];
      if (!entry) return "registries.root";
      if (leaf === "address" || leaf === undefined) return needsHost(entry.preset) ? `registries.${index}.host` : `registries.${index}.preset`;
      if (leaf === "username" || leaf === "password") return `registries.${index}.${leaf}`;
      return "registries.root";
    }
    default:
      return undefined;
  }
}
