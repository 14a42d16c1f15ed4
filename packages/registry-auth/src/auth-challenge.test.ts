import { describe, expect, it } from "vitest";
import { parseAuthChallenges, preferredChallenge } from "./auth-challenge.ts";

describe("parseAuthChallenges", () => {
  it.each([
    ['Basic realm="basic-realm"', [{ scheme: "basic", params: { realm: "basic-realm" } }]],
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      [{ scheme: "bearer", params: { realm: "https://auth.docker.io/token", service: "registry.docker.io", scope: "repository:library/nginx:pull" } }],
    ],
    [
      "Bearer realm=https://gcr.io/v2/token,service=gcr.io",
      [{ scheme: "bearer", params: { realm: "https://gcr.io/v2/token", service: "gcr.io" } }],
    ],
    [
      'BEARER Realm="r", Service = "s" , error="insufficient_scope"',
      [{ scheme: "bearer", params: { realm: "r", service: "s", error: "insufficient_scope" } }],
    ],
    ['Bearer realm="a\\"b"', [{ scheme: "bearer", params: { realm: 'a"b' } }]],
    [
      'Basic realm="x", Bearer realm="y",service="z"',
      [
        { scheme: "basic", params: { realm: "x" } },
        { scheme: "bearer", params: { realm: "y", service: "z" } },
      ],
    ],
    ["Negotiate", [{ scheme: "negotiate", params: {} }]],
    ["", []],
  ])("%s", (header, expected) => {
    expect(parseAuthChallenges([header])).toEqual(expected);
  });

  it("reads every header value and prefers Bearer to Basic, like containerd", () => {
    const challenges = parseAuthChallenges(['Basic realm="b"', 'Bearer realm="t"']);
    expect(preferredChallenge(challenges)).toEqual({ scheme: "bearer", params: { realm: "t" } });
    expect(preferredChallenge(parseAuthChallenges(['Digest realm="d"', 'Basic realm="b"']))?.scheme).toBe("basic");
    expect(preferredChallenge(parseAuthChallenges(['Digest realm="d"']))).toBeUndefined();
  });
});
