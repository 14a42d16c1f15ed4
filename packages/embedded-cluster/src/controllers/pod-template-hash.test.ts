import { describe, expect, it } from "vitest";
import { computePodTemplateHash, fnv32a, safeEncodeString } from "./pod-template-hash.ts";

const template = {
  metadata: { labels: { app: "web" } },
  spec: { containers: [{ name: "web", image: "nginx:1.27" }], restartPolicy: "Always" },
};

describe("pod-template-hash", () => {
  it("uses FNV-1a 32 (the published test vectors)", () => {
    expect(fnv32a(Buffer.from(""))).toBe(0x811c9dc5);
    expect(fnv32a(Buffer.from("a"))).toBe(0xe40c292c);
    expect(fnv32a(Buffer.from("foobar"))).toBe(0xbf9cf968);
    // continuing from a previous hash is hashing the concatenation
    expect(fnv32a(Buffer.from("bar"), fnv32a(Buffer.from("foo")))).toBe(0xbf9cf968);
  });

  it("encodes the decimal digits as rand.SafeEncodeString does", () => {
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
  });

  it("is deterministic, ignores key order and has the form of a real hash", () => {
    const hash = computePodTemplateHash(template);
    const reordered = { spec: { restartPolicy: "Always", containers: [{ image: "nginx:1.27", name: "web" }] }, metadata: { labels: { app: "web" } } };
    expect(computePodTemplateHash(reordered)).toBe(hash);
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it("changes with the template and with the collision count", () => {
    const hash = computePodTemplateHash(template);
    const restarted = structuredClone(template) as typeof template & { metadata: { annotations?: Record<string, string> } };
    restarted.metadata.annotations = { "kubectl.kubernetes.io/restartedAt": "2025-01-01T00:00:00Z" };
    expect(computePodTemplateHash(restarted)).not.toBe(hash);
    expect(computePodTemplateHash(template, 1)).not.toBe(hash);
    expect(computePodTemplateHash(template, 1)).not.toBe(computePodTemplateHash(template, 2));
    expect(computePodTemplateHash(template, 0)).not.toBe(hash); // a set count, even 0, is hashed
  });
});
