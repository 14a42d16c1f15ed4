import type { NameConflict } from "@paddock/contracts";
import {
  DOCKER_CFG,
  DOCKER_CONFIG_JSON,
  TLS,
  isProjectRegistryCopy,
  isProjectRegistrySource,
} from "../projects/rancher-model.ts";

export interface NamedSecret {
  name: string;
  namespace: string;
  type: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface NamedConfigMap {
  name: string;
  namespace: string;
}

/** Where a name must be free (rule 1 of ../shared/DESIGN.md). */
export interface NameScope {
  /** namespaces whose Secrets and ConfigMaps count */
  namespaces: string[];
  /** backing namespace of the project, whose project registries count too */
  backingNamespace?: string;
}

export function secretWhat(secret: NamedSecret): NameConflict["what"] {
  if (isProjectRegistrySource(secret) || isProjectRegistryCopy(secret)) return "project registry";
  if (secret.type === DOCKER_CONFIG_JSON || secret.type === DOCKER_CFG) return "registry";
  if (secret.type === TLS) return "certificate";
  return "secret";
}

/**
 * Every object that holds `name` in the scope: any Secret (registry, certificate, opaque, …) or
 * ConfigMap of the scope's namespaces, and any project registry of its project. Copies of a
 * project registry are named once, by their source.
 */
export function findNameConflicts(name: string, scope: NameScope, secrets: NamedSecret[], configMaps: NamedConfigMap[]): NameConflict[] {
  const inScope = new Set(scope.namespaces);
  const conflicts: NameConflict[] = [];
  let projectRegistryNamed = false;
  for (const s of secrets) {
    if (s.name !== name) continue;
    const isSource = scope.backingNamespace !== undefined && s.namespace === scope.backingNamespace && isProjectRegistrySource(s);
    if (isSource) {
      projectRegistryNamed = true;
      conflicts.push({ kind: "Secret", what: "project registry", namespace: s.namespace, name, secretType: s.type });
    }
  }
  for (const s of secrets) {
    if (s.name !== name || !inScope.has(s.namespace)) continue;
    if (isProjectRegistryCopy(s) && projectRegistryNamed) continue;
    conflicts.push({ kind: "Secret", what: secretWhat(s), namespace: s.namespace, name, secretType: s.type });
  }
  for (const c of configMaps) {
    if (c.name === name && inScope.has(c.namespace)) conflicts.push({ kind: "ConfigMap", what: "ConfigMap", namespace: c.namespace, name });
  }
  return conflicts.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind));
}
