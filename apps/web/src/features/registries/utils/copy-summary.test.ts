import { describe, expect, it } from "vitest";
import type { Registry } from "@paddock/contracts";
import { copySummary, readOnlyReason } from "./copy-summary.ts";

const project: Pick<Registry, "scope" | "copies"> = { scope: { type: "project" }, copies: [] };

describe("copySummary", () => {
  it("counts a project registry's copies that are up to date, ignored namespaces left out", () => {
    const copies: Registry["copies"] = [
      { namespace: "a", state: "Synced" },
      { namespace: "b", state: "Synced" },
      { namespace: "c", state: "Missing" },
      { namespace: "d", state: "Ignored" },
    ];
    expect(copySummary({ ...project, copies })).toEqual({ text: "2 of 3 namespaces", tone: "info" });
    expect(copySummary({ ...project, copies: copies.slice(0, 2) })).toEqual({ text: "2 of 2 namespaces", tone: "ok" });
  });

  it("names the namespaces in conflict", () => {
    const copies: Registry["copies"] = [
      { namespace: "a", state: "Synced" },
      { namespace: "b", state: "Conflict", message: "a Secret that is not a copy holds the name" },
    ];
    expect(copySummary({ ...project, copies })).toEqual({ text: "Conflict in namespace b", tone: "error" });
  });

  it("says nothing for a namespace's registry", () => {
    expect(copySummary({ scope: { type: "namespace", namespace: "a" } })).toBeUndefined();
  });

  it("says why a legacy dockercfg secret is read-only", () => {
    expect(readOnlyReason({ readOnly: true, secretType: "kubernetes.io/dockercfg" })).toMatch(/^Legacy kubernetes.io\/dockercfg secret/);
    expect(readOnlyReason({ readOnly: false, secretType: "kubernetes.io/dockerconfigjson" })).toBeUndefined();
  });
});
