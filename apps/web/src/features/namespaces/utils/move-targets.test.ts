import { describe, expect, it } from "vitest";
import type { Project } from "@paddock/contracts";
import { moveTargets, OUT_OF_PROJECTS, targetInEffect } from "./move-targets.ts";

const project = (id: string, displayName: string): Project => ({ id, clusterId: "local", displayName, description: "", namespaces: [], backingNamespace: `local-${id}` });
const PROJECTS = [project("p-web", "Web"), project("p-api", "API"), project("p-data", "Data"), project("p-sys", "System")];
const memberOf = (...ids: string[]) => (id: string) => ids.includes(id);

describe("moveTargets", () => {
  it("offers a member the other projects they may write to, by name", () => {
    expect(moveTargets(PROJECTS, "p-web", false, memberOf("p-web", "p-data", "p-api"))).toEqual([
      { value: "p-api", label: "API" },
      { value: "p-data", label: "Data" },
    ]);
  });

  it("offers a member of no other project nowhere", () => {
    expect(moveTargets(PROJECTS, "p-web", false, memberOf("p-web"))).toEqual([]);
    expect(moveTargets([], "p-web", false, memberOf("p-web"))).toEqual([]);
  });

  it("offers an administrator every other project, then out of every project", () => {
    expect(moveTargets(PROJECTS, "p-web", true, () => true).map((t) => t.label)).toEqual(["API", "Data", "System", "No project"]);
    expect(moveTargets([project("p-web", "Web")], "p-web", true, () => true)).toEqual([{ value: OUT_OF_PROJECTS, label: "No project" }]);
  });
});

describe("targetInEffect", () => {
  const targets = moveTargets(PROJECTS, "p-web", true, () => true);

  it("keeps what was picked while it is offered", () => {
    expect(targetInEffect(targets, "p-data")?.label).toBe("Data");
    expect(targetInEffect(targets, OUT_OF_PROJECTS)?.label).toBe("No project");
  });

  it("takes the first offered when nothing was picked, or the pick is no longer offered", () => {
    expect(targetInEffect(targets, null)?.label).toBe("API");
    expect(targetInEffect(targets, "p-gone")?.label).toBe("API");
    // a member's list loaded after the dialog opened: never "out of every project", which they may not do
    expect(targetInEffect(moveTargets(PROJECTS, "p-web", false, memberOf("p-sys")), OUT_OF_PROJECTS)).toEqual({ value: "p-sys", label: "System" });
  });

  it("is none when there is nowhere to go", () => {
    expect(targetInEffect([], null)).toBeUndefined();
    expect(targetInEffect([], OUT_OF_PROJECTS)).toBeUndefined();
  });
});
