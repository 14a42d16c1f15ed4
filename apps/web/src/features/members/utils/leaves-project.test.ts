import { describe, expect, it } from "vitest";
import { leavesProject } from "./leaves-project.ts";

describe("leavesProject", () => {
  it("is a user who removes themselves and is no administrator", () => {
    expect(leavesProject("olga", "olga", false)).toBe(true);
  });

  it("is not an administrator who removes themselves: they keep access to every project", () => {
    expect(leavesProject("admin", "admin", true)).toBe(false);
  });

  it("is not the removal of someone else, nor anything while who is logged in is unknown", () => {
    expect(leavesProject("mike", "olga", false)).toBe(false);
    expect(leavesProject("olga", undefined, false)).toBe(false);
  });
});
