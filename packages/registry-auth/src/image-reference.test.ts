import { describe, expect, it } from "vitest";
import {
  applyDefaultImageTag,
  imageReferenceError,
  InvalidImageReferenceError,
  parseImageReference,
  registryApiHost,
} from "./image-reference.ts";

const hex64 = "a".repeat(64);
const digest = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("parseImageReference: normalisation like reference.ParseNormalizedNamed", () => {
  it.each([
    // input, domain, path, tag, digest, normalizedName, familiarName, dockerRef
    ["nginx", "docker.io", "library/nginx", undefined, undefined, "docker.io/library/nginx", "nginx", "docker.io/library/nginx:latest"],
    ["nginx:1.25", "docker.io", "library/nginx", "1.25", undefined, "docker.io/library/nginx", "nginx", "docker.io/library/nginx:1.25"],
    ["user/app:1", "docker.io", "user/app", "1", undefined, "docker.io/user/app", "user/app", "docker.io/user/app:1"],
    ["library/nginx", "docker.io", "library/nginx", undefined, undefined, "docker.io/library/nginx", "nginx", "docker.io/library/nginx:latest"],
    ["docker.io/nginx", "docker.io", "library/nginx", undefined, undefined, "docker.io/library/nginx", "nginx", "docker.io/library/nginx:latest"],
    ["index.docker.io/user/app", "docker.io", "user/app", undefined, undefined, "docker.io/user/app", "user/app", "docker.io/user/app:latest"],
    ["docker.io/library/a/b", "docker.io", "library/a/b", undefined, undefined, "docker.io/library/a/b", "library/a/b", "docker.io/library/a/b:latest"],
    ["quay.io/example/private:latest", "quay.io", "example/private", "latest", undefined, "quay.io/example/private", "quay.io/example/private", "quay.io/example/private:latest"],
    [`quay.io/a/b:tag@${digest}`, "quay.io", "a/b", "tag", digest, "quay.io/a/b", "quay.io/a/b", `quay.io/a/b@${digest}`],
    [`busybox@${digest}`, "docker.io", "library/busybox", undefined, digest, "docker.io/library/busybox", "busybox", `docker.io/library/busybox@${digest}`],
    ["127.0.0.1:5000/demo/hello:1.0", "127.0.0.1:5000", "demo/hello", "1.0", undefined, "127.0.0.1:5000/demo/hello", "127.0.0.1:5000/demo/hello", "127.0.0.1:5000/demo/hello:1.0"],
    ["127.0.0.1:5443/private/app", "127.0.0.1:5443", "private/app", undefined, undefined, "127.0.0.1:5443/private/app", "127.0.0.1:5443/private/app", "127.0.0.1:5443/private/app:latest"],
    ["localhost/x", "localhost", "x", undefined, undefined, "localhost/x", "localhost/x", "localhost/x:latest"],
    ["localhost:5000/x/y:v1", "localhost:5000", "x/y", "v1", undefined, "localhost:5000/x/y", "localhost:5000/x/y", "localhost:5000/x/y:v1"],
    ["[::1]:5000/app", "[::1]:5000", "app", undefined, undefined, "[::1]:5000/app", "[::1]:5000/app", "[::1]:5000/app:latest"],
    ["registry.example.com/a/b/c/d:V_1.0-rc", "registry.example.com", "a/b/c/d", "V_1.0-rc", undefined, "registry.example.com/a/b/c/d", "registry.example.com/a/b/c/d", "registry.example.com/a/b/c/d:V_1.0-rc"],
    ["foo_bar/a__b.c--d", "docker.io", "foo_bar/a__b.c--d", undefined, undefined, "docker.io/foo_bar/a__b.c--d", "foo_bar/a__b.c--d", "docker.io/foo_bar/a__b.c--d:latest"],
    // an uppercase first element is taken as a domain, and domains may use capitals
    ["Example.com/app", "Example.com", "app", undefined, undefined, "Example.com/app", "Example.com/app", "Example.com/app:latest"],
    ["FOO/bar", "FOO", "bar", undefined, undefined, "FOO/bar", "FOO/bar", "FOO/bar:latest"],
  ])("%s", (input, domain, path, tag, dig, normalizedName, familiarName, dockerRef) => {
    const ref = parseImageReference(input);
    expect(ref).toMatchObject({ original: input, domain, path, normalizedName, familiarName, dockerRef });
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(dig);
    expect(ref.manifestReference).toBe(dig ?? tag ?? "latest");
  });
});

describe("parseImageReference: invalid references (kubelet's InvalidImageName)", () => {
  it.each([
    ["BUSYBOX", "invalid reference format: repository name (library/BUSYBOX) must be lowercase"],
    ["Foo/Bar", "invalid reference format: repository name (Bar) must be lowercase"],
    ["quay.io/Org/app:1", "invalid reference format: repository name (Org/app) must be lowercase"],
    ["nginx:", "invalid reference format"],
    [":tag", "invalid reference format"],
    ["", "invalid reference format"],
    ["-nginx", "invalid reference format"],
    ["nginx:lat est", "invalid reference format"],
    ["images:ubuntu/24.04", "invalid reference format"],
    ["https://harbor.k8s.mybank/release/name:1.1.0", "invalid reference format"],
    ["ghcr.io/apache/flink-kubernetes-operator:2.417603e+06", "invalid reference format"],
    ["taigaio/taiga-back: {{ .Chart.AppVersion }}", "invalid reference format"],
    ["/cloudfoundry/app:abc", "invalid reference format"],
    ["nginx@sha256:abc", "invalid reference format"],
    [`a/b:${"t".repeat(129)}`, "invalid reference format"],
    [hex64, `invalid repository name (${hex64}), cannot specify 64-byte hexadecimal strings`],
    [`nginx@sha256:${"a".repeat(32)}`, "invalid checksum digest length"],
    [`nginx@sha256:${"A".repeat(64)}`, "invalid checksum digest format"],
    [`nginx@md5:${"a".repeat(32)}`, "unsupported digest algorithm"],
    [`a/${"b".repeat(254)}`, "repository name must not be more than 255 characters"],
  ])("%s", (input, parseError) => {
    expect(imageReferenceError(input)).toBe(parseError);
    let thrown: unknown;
    try {
      parseImageReference(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidImageReferenceError);
    const error = thrown as InvalidImageReferenceError;
    expect(error.parseError).toBe(parseError);
    expect(error.reason).toBe("InvalidImageName");
    expect(error.message).toBe(
      `Failed to apply default image tag ${JSON.stringify(input)}: couldn't parse image name ${JSON.stringify(input)}: ${parseError}`,
    );
  });

  it("matches the event text real kubelets print", () => {
    // Reported by users of kubelet 1.3x (InspectFailed event).
    expect(() => parseImageReference("images:ubuntu/24.04")).toThrow(
      'Failed to apply default image tag "images:ubuntu/24.04": couldn\'t parse image name "images:ubuntu/24.04": invalid reference format',
    );
  });

  it("accepts a path of exactly 255 characters", () => {
    expect(parseImageReference(`a/${"b".repeat(253)}`).path).toHaveLength(255);
  });
});

describe("applyDefaultImageTag", () => {
  it.each([
    ["nginx", "nginx:latest"],
    ["nginx:1.25", "nginx:1.25"],
    [`nginx@${digest}`, `nginx@${digest}`],
    ["localhost:5000/x", "localhost:5000/x:latest"],
    ["127.0.0.1:5000/demo/hello:1.0", "127.0.0.1:5000/demo/hello:1.0"],
  ])("%s -> %s", (input, expected) => {
    expect(applyDefaultImageTag(input)).toBe(expected);
  });

  it("throws for an invalid image", () => {
    expect(() => applyDefaultImageTag("UPPER")).toThrow(InvalidImageReferenceError);
  });
});

describe("registryApiHost", () => {
  it.each([
    ["docker.io", "registry-1.docker.io"],
    ["quay.io", "quay.io"],
    ["127.0.0.1:5000", "127.0.0.1:5000"],
  ])("%s -> %s", (domain, host) => {
    expect(registryApiHost(domain)).toBe(host);
  });
});
