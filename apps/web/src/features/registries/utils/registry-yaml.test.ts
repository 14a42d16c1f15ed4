import { describe, expect, it } from "vitest";
import type { Registry } from "@paddock/contracts";
import { redactedSecretYaml } from "./registry-yaml.ts";
import { yamlScalar } from "./yaml-text.ts";

const registry: Registry = {
  name: "quay-creds",
  scope: { type: "namespace", namespace: "team-a" },
  description: "CI: pulls",
  registries: [
    { address: "quay.io", username: "alice" },
    { address: "https://index.docker.io/v1/", username: "bob" },
  ],
  secretType: "kubernetes.io/dockerconfigjson",
  source: "paddock",
  readOnly: false,
  state: "Active",
  attachToDefaultServiceAccount: true,
  createdAt: "2025-06-01T12:00:00Z",
  resourceVersion: "42",
};

describe("redactedSecretYaml", () => {
  it("shows the Secret with its password data replaced by a note", () => {
    expect(redactedSecretYaml(registry, { projectId: "p-ab12c" })).toBe(
      [
        "# The password data is redacted: Paddock never sends it to the browser.",
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: quay-creds",
        "  namespace: team-a",
        "  labels:",
        "    app.kubernetes.io/managed-by: paddock",
        "  annotations:",
        '    field.cattle.io/description: "CI: pulls"',
        '    paddock.io/attach-to-default-service-account: "true"',
        '  creationTimestamp: "2025-06-01T12:00:00Z"',
        '  resourceVersion: "42"',
        "type: kubernetes.io/dockerconfigjson",
        "data:",
        '  .dockerconfigjson: "<redacted>"',
        "  # holds the credentials for quay.io (user alice), https://index.docker.io/v1/ (user bob)",
        "",
      ].join("\n"),
    );
  });

  it("puts a project registry in the project's namespace with the project label", () => {
    const yaml = redactedSecretYaml({ ...registry, scope: { type: "project" }, source: "kubectl", secretType: "kubernetes.io/dockercfg" }, { projectId: "p-ab12c", projectNamespace: "local-p-ab12c" });
    expect(yaml).toContain("  namespace: local-p-ab12c\n");
    expect(yaml).toContain("    management.cattle.io/project-scoped-secret: p-ab12c\n");
    expect(yaml).not.toContain("managed-by");
    expect(yaml).toContain('  .dockercfg: "<redacted>"');
  });
});

describe("yamlScalar", () => {
  it("quotes what YAML would read as something else", () => {
    expect(yamlScalar("plain-name")).toBe("plain-name");
    expect(yamlScalar("true")).toBe('"true"');
    expect(yamlScalar("123")).toBe('"123"');
    expect(yamlScalar("a: b")).toBe('"a: b"');
    expect(yamlScalar("")).toBe('""');
    expect(yamlScalar("# not a comment")).toBe('"# not a comment"');
  });
});
