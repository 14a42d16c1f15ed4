import { describe, expect, it } from "vitest";
import { secretSummary } from "../kube/summaries.ts";
import { editedRegistrySecret, newRegistrySecret, registrySource, toRegistry } from "./registry-model.ts";

const quay = [{ server: "quay.io", username: "u", password: "p" }];

describe("newRegistrySecret", () => {
  it("writes the bytes kubectl create secret docker-registry writes", () => {
    const secret = newRegistrySecret("testquay", "default", { entries: quay });
    // kubectl 1.32 `create secret docker-registry testquay --docker-server=quay.io --docker-username=u --docker-password=p`
    expect(Buffer.from(secret.data![".dockerconfigjson"]!, "base64").toString()).toBe('{"auths":{"quay.io":{"username":"u","password":"p","auth":"dTpw"}}}');
    expect(secret).toMatchObject({
      type: "kubernetes.io/dockerconfigjson",
      metadata: { name: "testquay", namespace: "default", labels: { "app.kubernetes.io/managed-by": "paddock" }, annotations: {} },
    });
  });

  it("labels a project registry's source and keeps the description and the ServiceAccount choice in annotations", () => {
    const secret = newRegistrySecret("shared", "local-p-abcde", { entries: quay, description: "Team registry", attachToDefaultServiceAccount: true }, "p-abcde");
    expect(secret.metadata).toEqual({
      name: "shared",
      namespace: "local-p-abcde",
      labels: { "app.kubernetes.io/managed-by": "paddock", "management.cattle.io/project-scoped-secret": "p-abcde" },
      annotations: { "field.cattle.io/description": "Team registry", "paddock.io/attach-to-default-service-account": "true" },
    });
  });
});

describe("editedRegistrySecret", () => {
  it("keeps other labels, annotations and keys; clears an emptied description and a turned-off choice", () => {
    const stored = {
      metadata: {
        name: "r",
        namespace: "n",
        resourceVersion: "7",
        labels: { team: "a" },
        annotations: { "field.cattle.io/description": "old", "paddock.io/attach-to-default-service-account": "true", other: "x" },
      },
      type: "kubernetes.io/dockerconfigjson",
      data: { ".dockerconfigjson": "e30=", extra: "eA==" },
    };
    const edited = editedRegistrySecret(stored, { entries: quay, description: "", attachToDefaultServiceAccount: false });
    expect(edited.metadata).toEqual({ name: "r", namespace: "n", resourceVersion: "7", labels: { team: "a", "app.kubernetes.io/managed-by": "paddock" }, annotations: { other: "x" } });
    expect(Object.keys(edited.data!)).toEqual([".dockerconfigjson", "extra"]);
    const kept = editedRegistrySecret(stored, { entries: quay });
    expect(kept.metadata?.annotations).toEqual(stored.metadata.annotations);
  });
});

describe("the read model", () => {
  it("says who made a registry", () => {
    expect(registrySource({ labels: { "app.kubernetes.io/managed-by": "paddock" }, annotations: {} })).toBe("paddock");
    expect(registrySource({ labels: { "cattle.io/creator": "norman" }, annotations: {} })).toBe("rancher");
    expect(registrySource({ labels: {}, annotations: { "field.cattle.io/creatorId": "user-x" } })).toBe("rancher");
    expect(registrySource({ labels: {}, annotations: {} })).toBe("kubectl");
  });

  it("has addresses and usernames but no password, and shows a legacy dockercfg read-only", () => {
    const secret = newRegistrySecret("r", "n", { entries: [{ server: "quay.io", username: "someone", password: "very-secret-password" }] });
    const raw = { ...secret, metadata: { ...secret.metadata, uid: "1", resourceVersion: "5", creationTimestamp: "2025-01-01T00:00:00Z" } };
    const registry = toRegistry(secretSummary(raw as unknown as Record<string, unknown>));
    expect(registry).toEqual({
      name: "r",
      scope: { type: "namespace", namespace: "n" },
      description: "",
      registries: [{ address: "quay.io", username: "someone" }],
      secretType: "kubernetes.io/dockerconfigjson",
      source: "paddock",
      readOnly: false,
      state: "Active",
      attachToDefaultServiceAccount: false,
      createdAt: "2025-01-01T00:00:00Z",
      resourceVersion: "5",
    });
    expect(JSON.stringify(registry)).not.toContain("very-secret-password");
    const legacy = secretSummary({ metadata: { name: "old", namespace: "n" }, type: "kubernetes.io/dockercfg", data: { ".dockercfg": Buffer.from('{"h":{"auth":"YTpi"}}').toString("base64") } });
    expect(toRegistry(legacy)).toMatchObject({ secretType: "kubernetes.io/dockercfg", readOnly: true, source: "kubectl", registries: [{ address: "h", username: "a" }] });
  });
});
