import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { projectDefinition } from "./project.ts";

describe("Project (management.cattle.io/v3)", () => {
  it("is a namespaced custom resource named projects", () => {
    expect(projectDefinition).toMatchObject({
      group: "management.cattle.io",
      version: "v3",
      kind: "Project",
      listKind: "ProjectList",
      resource: "projects",
      singular: "project",
      namespaced: true,
    });
    expect(projectDefinition.strategy.allowUnconditionalUpdate).toBe(false);
    expect(projectDefinition.strategy.tracksGeneration).toBe(true);
  });

  it("prints the custom resource default columns NAME AGE", () => {
    const { columns, row } = projectDefinition.strategy.table;
    expect(columns.map((c) => [c.name, c.type])).toEqual([
      ["Name", "string"],
      ["Age", "date"],
    ]);
    const project: KubeObject = {
      metadata: { name: "p-x7k2q", namespace: "local", creationTimestamp: "2024-05-01T10:00:00Z" },
      spec: { displayName: "Default", clusterName: "local" },
    };
    expect(row(project, new Date("2024-05-02T13:00:00Z"))).toEqual(["p-x7k2q", "27h"]);
  });
});
