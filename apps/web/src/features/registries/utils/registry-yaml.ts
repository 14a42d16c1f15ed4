import type { Registry } from "@paddock/contracts";
import { yamlScalar } from "./yaml-text.ts";

export interface SecretYamlContext {
  /** the project id, for a project registry's label */
  projectId: string;
  /** where a project registry's source Secret lives (the project's backing namespace), when known */
  projectNamespace?: string | undefined;
}

/**
 * The Secret behind a registry as YAML, built from the read model: its data (the passwords)
 * never reaches the browser, so `.dockerconfigjson` is replaced by a note saying what it holds.
 */
export function redactedSecretYaml(registry: Registry, context: SecretYamlContext): string {
  const key = registry.secretType === "kubernetes.io/dockercfg" ? ".dockercfg" : ".dockerconfigjson";
  const namespace = registry.scope.type === "namespace" ? registry.scope.namespace : context.projectNamespace;
  const labels: [string, string][] = [];
  if (registry.source === "paddock") labels.push(["app.kubernetes.io/managed-by", "paddock"]);
  if (registry.scope.type === "project") labels.push(["management.cattle.io/project-scoped-secret", context.projectId]);
  const annotations: [string, string][] = [];
  if (registry.description) annotations.push(["field.cattle.io/description", registry.description]);
  if (registry.attachToDefaultServiceAccount) annotations.push(["paddock.io/attach-to-default-service-account", "true"]);

  const lines = ["# The password data is redacted: Paddock never sends it to the browser.", "apiVersion: v1", "kind: Secret", "metadata:"];
  lines.push(`  name: ${yamlScalar(registry.name)}`);
  if (namespace) lines.push(`  namespace: ${yamlScalar(namespace)}`);
  if (registry.scope.type === "project") lines.push("  # a project registry: Paddock keeps a copy in every namespace of the project");
  if (labels.length > 0) lines.push("  labels:", ...labels.map(([k, v]) => `    ${yamlScalar(k)}: ${yamlScalar(v)}`));
  if (annotations.length > 0) lines.push("  annotations:", ...annotations.map(([k, v]) => `    ${yamlScalar(k)}: ${yamlScalar(v)}`));
  lines.push(`  creationTimestamp: ${JSON.stringify(registry.createdAt)}`, `  resourceVersion: ${JSON.stringify(registry.resourceVersion)}`);
  lines.push(`type: ${registry.secretType}`, "data:");
  lines.push(`  ${key}: "<redacted>"`);
  const holds = registry.registries.map((r) => `${r.address}${r.username ? ` (user ${r.username})` : ""}`);
  lines.push(holds.length > 0 ? `  # holds the credentials for ${holds.join(", ")}` : "  # holds no registry address Paddock can read");
  return `${lines.join("\n")}\n`;
}
