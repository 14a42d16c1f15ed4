import { describe, expect, it } from "vitest";
import { defaultImagePullPolicy, parseImageReference } from "./image-reference.ts";

describe("image references", () => {
  it("normalises Docker Hub names and splits tag and digest", () => {
    expect(parseImageReference("nginx")).toEqual({ repository: "docker.io/library/nginx" });
    expect(parseImageReference("team/app:v1")).toEqual({ repository: "docker.io/team/app", tag: "v1" });
    expect(parseImageReference("localhost:5000/app:dev")).toEqual({ repository: "localhost:5000/app", tag: "dev" });
    expect(parseImageReference("quay.io/example/private@sha256:" + "a".repeat(64))).toEqual({
      repository: "quay.io/example/private",
      digest: "sha256:" + "a".repeat(64),
    });
  });

  it("rejects what ParseNormalizedNamed rejects", () => {
    expect(parseImageReference("")).toBeUndefined();
    expect(parseImageReference("Nginx")).toBeUndefined();
    expect(parseImageReference("nginx:bad tag")).toBeUndefined();
    expect(parseImageReference("a".repeat(64))).toBeUndefined();
  });

  it("defaults the pull policy from the tag", () => {
    expect(defaultImagePullPolicy("nginx")).toBe("Always");
    expect(defaultImagePullPolicy("nginx:latest")).toBe("Always");
    expect(defaultImagePullPolicy("nginx:latest@sha256:" + "b".repeat(64))).toBe("Always");
    expect(defaultImagePullPolicy("nginx@sha256:" + "b".repeat(64))).toBe("IfNotPresent");
    expect(defaultImagePullPolicy("nginx:1.27")).toBe("IfNotPresent");
    expect(defaultImagePullPolicy("")).toBe("IfNotPresent");
  });
});
