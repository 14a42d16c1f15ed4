import { describe, expect, it } from "vitest";
import { describeNameConflicts } from "./name-conflicts.ts";

describe("describeNameConflicts", () => {
  it("names what holds the name, and where", () => {
    expect(describeNameConflicts([{ kind: "ConfigMap", what: "ConfigMap", namespace: "team-a", name: "web" }])).toBe(
      'Already used by the ConfigMap "web" in namespace "team-a". Registries, secrets, certificates and ConfigMaps share names: choose another name.',
    );
  });

  it("lists several holders, with an Opaque secret's type", () => {
    expect(
      describeNameConflicts([
        { kind: "Secret", what: "secret", namespace: "a", name: "x", secretType: "Opaque" },
        { kind: "Secret", what: "registry", namespace: "b", name: "x", secretType: "kubernetes.io/dockerconfigjson" },
        { kind: "ConfigMap", what: "ConfigMap", namespace: "c", name: "x" },
      ]),
    ).toMatch(/^Already used by the secret "x" in namespace "a" \(type Opaque\), the registry "x" in namespace "b" and the ConfigMap "x" in namespace "c"\./);
  });
});
