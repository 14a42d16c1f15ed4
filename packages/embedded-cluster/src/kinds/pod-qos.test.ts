import { describe, expect, it } from "vitest";
import { computePodQOS, parseQuantity } from "./pod-qos.ts";

describe("pod QoS class", () => {
  it("parses quantities with decimal, binary and exponent suffixes", () => {
    expect(parseQuantity("100m")).toBeCloseTo(0.1);
    expect(parseQuantity("1Gi")).toBe(2 ** 30);
    expect(parseQuantity("2k")).toBe(2000);
    expect(parseQuantity("1e3")).toBe(1000);
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity("lots")).toBeUndefined();
  });

  it("classifies by requests and limits of cpu and memory", () => {
    const spec = (...resources: unknown[]) => ({ containers: resources.map((r, i) => ({ name: `c${i}`, image: "x", resources: r })) });
    expect(computePodQOS(spec({}))).toBe("BestEffort");
    expect(computePodQOS(spec({ requests: { "nvidia.com/gpu": "1" } }))).toBe("BestEffort");
    expect(computePodQOS(spec({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1000m", memory: "1Gi" } }))).toBe("Guaranteed");
    expect(computePodQOS(spec({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }))).toBe("Burstable");
    expect(computePodQOS(spec({ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } }, {}))).toBe("Burstable");
  });
});
