import { describe, expect, it } from "vitest";
import { defaultImagePullPolicy } from "./pod-spec-defaults.ts";

describe("image pull policy defaults", () => {
  it("defaults the pull policy from the tag", () => {
    expect(defaultImagePullPolicy("nginx")).toBe("Always");
    expect(defaultImagePullPolicy("nginx:latest")).toBe("Always");
    expect(defaultImagePullPolicy("nginx:latest@sha256:" + "b".repeat(64))).toBe("Always");
    expect(defaultImagePullPolicy("nginx@sha256:" + "b".repeat(64))).toBe("IfNotPresent");
    expect(defaultImagePullPolicy("nginx:1.27")).toBe("IfNotPresent");
    expect(defaultImagePullPolicy("")).toBe("IfNotPresent");
  });
});
