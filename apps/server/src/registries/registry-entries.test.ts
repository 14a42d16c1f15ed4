import { describe, expect, it } from "vitest";
import { InvalidError } from "../errors.ts";
import { completeEntries, normaliseEntries, sameAddress, storedEntries } from "./registry-entries.ts";
import { encodedDockerConfigJson } from "./registry-model.ts";

function invalid(run: () => unknown): InvalidError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidError) return error;
    throw error;
  }
  throw new Error("expected an InvalidError");
}

describe("normaliseEntries", () => {
  it("removes a pasted https:// and says so, and stores Docker Hub under kubectl's key", () => {
    const { entries, notes } = normaliseEntries([
      { address: "https://Registry.Example.com:5000/", username: "u", password: "p" },
      { address: "docker.io", username: "d", password: "q" },
      { address: "quay.io", username: "x" },
    ]);
    expect(entries).toEqual([
      { address: "registry.example.com:5000", username: "u", password: "p", index: 0 },
      { address: "https://index.docker.io/v1/", username: "d", password: "q", index: 1 },
      { address: "quay.io", username: "x", password: "", index: 2 },
    ]);
    expect(notes).toEqual([
      'https://Registry.Example.com:5000/: Removed "https://", removed the trailing "/", lower-cased the host name (kubelet compares host names case-sensitively and image names use lower case).',
      "docker.io: Docker Hub credentials are stored under https://index.docker.io/v1/, as kubectl does.",
    ]);
  });

  it("refuses an address twice and an address that is not one, saying where", () => {
    const error = invalid(() =>
      normaliseEntries([
        { address: "quay.io", username: "a", password: "b" },
        { address: "https://quay.io", username: "c", password: "d" },
        { address: "user@host", username: "e", password: "f" },
      ]),
    );
    expect(error.details).toEqual({
      issues: [
        { path: "body.registries.1.address", message: "The address quay.io is already in entry 1: a registry secret holds one entry per address." },
        { path: "body.registries.2.address", message: "Put the user name in the Username field, not in the address." },
      ],
    });
  });
});

describe("completeEntries", () => {
  const stored = [
    { server: "https://quay.io", username: "old", password: "stored-quay", email: "me@example.com" },
    { server: "ghcr.io", username: "g", password: "stored-ghcr" },
  ];

  it("keeps the stored password of an address when an edit leaves it empty, and keeps its email", () => {
    const { entries } = normaliseEntries([
      { address: "quay.io", username: "new", password: "" },
      { address: "ghcr.io", username: "g", password: "typed" },
    ]);
    expect(completeEntries(entries, stored, "edit")).toEqual([
      { server: "quay.io", username: "new", password: "stored-quay", email: "me@example.com" },
      { server: "ghcr.io", username: "g", password: "typed" },
    ]);
  });

  it("needs a password for an address that is new to the registry", () => {
    const { entries } = normaliseEntries([{ address: "registry.gitlab.com", username: "u" }]);
    const error = invalid(() => completeEntries(entries, stored, "edit"));
    expect(error.message).toBe("Enter the password for registry.gitlab.com: this address is new to the registry, so there is no stored password to keep.");
    expect(error.details).toEqual({ issues: [{ path: "body.registries.0.password", message: "Enter the password for registry.gitlab.com." }] });
  });

  it("names every address of a clone that its source has no password for", () => {
    const { entries } = normaliseEntries([
      { address: "ghcr.io", username: "g" },
      { address: "a.example.com", username: "u" },
      { address: "b.example.com", username: "u" },
    ]);
    expect(invalid(() => completeEntries(entries, stored, "clone")).message).toBe(
      "Enter the password for a.example.com, b.example.com: the registry you clone has no password for these addresses.",
    );
  });

  it("never takes a stored password on create", () => {
    const { entries } = normaliseEntries([{ address: "ghcr.io", username: "g" }]);
    expect(invalid(() => completeEntries(entries, stored, "create")).message).toBe("Enter the password for ghcr.io.");
  });
});

describe("storedEntries", () => {
  it("reads a dockerconfigjson secret and a legacy dockercfg secret; an unreadable one has none", () => {
    const json = { type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": encodedDockerConfigJson([{ server: "quay.io", username: "u", password: "p" }]) } };
    expect(storedEntries(json)).toEqual([{ server: "quay.io", username: "u", password: "p" }]);
    const cfg = { type: "kubernetes.io/dockercfg", data: { ".dockercfg": Buffer.from('{"old.example.com":{"auth":"YTpi"}}').toString("base64") } };
    expect(storedEntries(cfg)).toEqual([{ server: "old.example.com", username: "a", password: "b" }]);
    expect(storedEntries({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": Buffer.from("nope").toString("base64") } })).toEqual([]);
  });

  it("matches stored addresses written with a scheme", () => {
    expect(sameAddress("https://quay.io/", "quay.io")).toBe(true);
    expect(sameAddress("quay.io", "https://quay.io")).toBe(true);
    expect(sameAddress("quay.io", "ghcr.io")).toBe(false);
  });
});
