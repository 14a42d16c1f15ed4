import { describe, expect, it } from "vitest";
import type { Registry } from "@paddock/contracts";
import { emptyFormValues, formFieldOf, formValuesFrom, toCreateInput, toUpdateInput, type RegistryFormValues } from "./form-values.ts";
import { registryFormResolver } from "./form-resolver.ts";

const values = (patch: Partial<RegistryFormValues>): RegistryFormValues => ({ ...emptyFormValues(), ...patch });

const stored: Registry = {
  name: "src",
  scope: { type: "namespace", namespace: "team-a" },
  description: "d",
  registries: [
    { address: "https://index.docker.io/v1/", username: "alice" },
    { address: "10.0.0.5:5000", username: "bob" },
  ],
  secretType: "kubernetes.io/dockerconfigjson",
  source: "paddock",
  readOnly: false,
  state: "Active",
  attachToDefaultServiceAccount: false,
  createdAt: "2025-06-01T12:00:00Z",
  resourceVersion: "7",
};

describe("the registry form's requests", () => {
  it("builds a project registry's create request", () => {
    expect(toCreateInput(values({ name: " web ", registries: [{ preset: "DockerHub", host: "", username: "u", password: "p" }] }))).toEqual({
      name: "web",
      scope: { type: "project" },
      registries: [{ address: "https://index.docker.io/v1/", username: "u", password: "p" }],
      attachToDefaultServiceAccount: false,
    });
  });

  it("asks for a new namespace with createNamespace", () => {
    const input = toCreateInput(values({ name: "x", scopeType: "namespace", namespace: "old", newNamespace: true, newNamespaceName: "fresh" }));
    expect(input.scope).toEqual({ type: "namespace", namespace: "fresh", createNamespace: true });
  });

  it("carries all but the name and the passwords into a clone, which names its source", () => {
    const clone = formValuesFrom(stored, "clone");
    expect(clone.name).toBe("");
    expect(clone.registries).toEqual([
      { preset: "DockerHub", host: "", username: "alice", password: "", stored: "https://index.docker.io/v1/" },
      { preset: "Custom", host: "10.0.0.5:5000", username: "bob", password: "", stored: "10.0.0.5:5000" },
    ]);
    const input = toCreateInput({ ...clone, name: "copy" }, { type: "namespace", namespace: "team-a", name: "src" });
    expect(input.cloneFrom).toEqual({ type: "namespace", namespace: "team-a", name: "src" });
    expect(input.registries.map((r) => r.password)).toEqual(["", ""]);
  });

  it("sends an edit with empty passwords (kept) and the resourceVersion it started from", () => {
    expect(toUpdateInput(formValuesFrom(stored, "edit"), "7")).toEqual({
      description: "d",
      registries: [
        { address: "https://index.docker.io/v1/", username: "alice", password: "" },
        { address: "10.0.0.5:5000", username: "bob", password: "" },
      ],
      attachToDefaultServiceAccount: false,
      resourceVersion: "7",
    });
  });
});

describe("formFieldOf", () => {
  const form = values({ scopeType: "namespace", registries: [{ preset: "DockerHub", host: "", username: "", password: "" }, { preset: "Custom", host: "h", username: "", password: "" }] });
  it.each([
    ["body.name", "name"],
    ["body.scope.namespace", "namespace"],
    ["body.registries.1.address", "registries.1.host"],
    ["body.registries.0.address", "registries.0.preset"],
    ["body.registries.0.password", "registries.0.password"],
    ["body.registries", "registries.root"],
    ["query.name", undefined],
  ])("%s shows at %s", (path, field) => {
    expect(formFieldOf(path, form)).toBe(field);
  });

  it("shows the scope's namespace at the new namespace's name when one is being added", () => {
    expect(formFieldOf("body.scope.namespace", { ...form, newNamespace: true })).toBe("newNamespaceName");
  });
});

describe("registryFormResolver", () => {
  const resolve = (mode: "create" | "edit" | "clone", form: RegistryFormValues) =>
    registryFormResolver(mode)(form, undefined, { fields: {}, shouldUseNativeValidation: false });

  it("checks with the API's schema and shows each issue at its field", async () => {
    const result = await resolve(
      "create",
      values({ name: "Bad_Name", scopeType: "namespace", namespace: "", registries: [{ preset: "Custom", host: "", username: "u", password: "" }] }),
    );
    expect(result.errors).toMatchObject({
      name: { message: "Use lowercase letters, digits, '-' and '.'; start and end with a letter or digit (e.g. 'my-registry')." },
      namespace: { message: "Enter a namespace." },
      registries: [{ host: { message: "Enter the registry's address: a host name or IP address, with an optional port and path." }, password: { message: "Enter the password." } }],
    });
  });

  it("lets a clone leave its passwords empty", async () => {
    const form = { ...formValuesFrom(stored, "clone"), name: "copy" };
    expect((await resolve("clone", form)).errors).toEqual({});
    expect((await resolve("create", form)).errors).toHaveProperty("registries");
  });
});
