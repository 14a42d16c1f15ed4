import { describe, expect, it } from "vitest";
import { generatedFrom } from "./generated-names.ts";

describe("generatedFrom", () => {
  it.each([
    ["hello-6d4b8c9f7b-", "hello-6d4b8c9f7b-x2w9q", true],
    ["hello-6d4b8c9f7b-", "hello-6d4b8c9f7b", false],
    ["hello-6d4b8c9f7b-", "hello-6d4b8c9f7b-x2w9", false],
    ["hello-6d4b8c9f7b-", "hello-6d4b8c9f7b-x2w9qz", false],
    // vowels and 0, 1, 3 are not in the alphabet
    ["hello-6d4b8c9f7b-", "hello-6d4b8c9f7b-abcde", false],
    ["hello-6d4b8c9f7b-", "hello-6d4b8c9f7b-x2w91", false],
    // another Deployment's ReplicaSet whose name starts alike
    ["hello-6d4b8c9f7b-", "hello-6d4b8c9f7b-extra-x2w9q", false],
    ["hello-", "hello-6d4b8c9f7b-x2w9q", false],
  ])("%s + %s: %s", (base, name, expected) => {
    expect(generatedFrom(base, name)).toBe(expected);
  });

  it("cuts a long base to 58 characters, as the API server does", () => {
    const replicaSet = `${"a".repeat(52)}-7b9c5d6f48`; // 63 characters
    const pod = `${`${replicaSet}-`.slice(0, 58)}q7z2x`;
    expect(pod).toHaveLength(63);
    expect(generatedFrom(`${replicaSet}-`, pod)).toBe(true);
    expect(generatedFrom(`${replicaSet}-`, `${replicaSet}-q7z2x`)).toBe(false);
  });
});
