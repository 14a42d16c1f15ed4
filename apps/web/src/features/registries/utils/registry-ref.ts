import type { Registry, RegistryRef } from "@paddock/contracts";

/** Where a registry lives: the project (copied into each of its namespaces) or one namespace. */
export function refOf(registry: Pick<Registry, "name" | "scope">): RegistryRef {
  return registry.scope.type === "project"
    ? { type: "project", name: registry.name }
    : { type: "namespace", namespace: registry.scope.namespace, name: registry.name };
}

/** A row id that also reads well as a label: "Select quay-creds in all namespaces". */
export function registryRowId(registry: Pick<Registry, "name" | "scope">): string {
  return registry.scope.type === "project" ? `${registry.name} in all namespaces` : `${registry.name} in ${registry.scope.namespace}`;
}

/** The registry named for a person: `"quay-creds" (all namespaces)` or `"quay-creds" in namespace "team-a"`. */
export function describeRef(ref: RegistryRef): string {
  return ref.type === "project" ? `"${ref.name}" (all namespaces of the project)` : `"${ref.name}" in namespace "${ref.namespace}"`;
}

/** What the Namespace column shows. */
export function namespaceLabel(registry: Pick<Registry, "scope">): string {
  return registry.scope.type === "project" ? "All" : registry.scope.namespace;
}
