import { describe, expect, it } from "vitest";
import { BackOff } from "./back-off.ts";

describe("BackOff (client-go flowcontrol.Backoff)", () => {
  it("waits 10 s after the first failure and doubles to the 300 s cap", () => {
    const backOff = new BackOff(10_000, 300_000);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 8; i++) {
      backOff.next("pod_image", now);
      waits.push(backOff.currentMs("pod_image"));
      now += backOff.currentMs("pod_image");
    }
    expect(waits).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it("is in back-off until the wait has passed", () => {
    const backOff = new BackOff(10_000, 300_000);
    expect(backOff.isInBackOff("k", 0)).toBe(false);
    backOff.next("k", 1000);
    expect(backOff.isInBackOff("k", 1000)).toBe(true);
    expect(backOff.remainingMs("k", 4000)).toBe(7000);
    expect(backOff.isInBackOff("k", 10_999)).toBe(true);
    expect(backOff.isInBackOff("k", 11_000)).toBe(false);
  });

  it("starts over for a key left alone for twice the maximum", () => {
    const backOff = new BackOff(100, 1000);
    backOff.next("k", 0);
    backOff.next("k", 100);
    expect(backOff.currentMs("k")).toBe(200);
    backOff.next("k", 100 + 2001);
    expect(backOff.currentMs("k")).toBe(100);
    backOff.gc(100 + 2001 + 2001);
    expect(backOff.currentMs("k")).toBe(0);
  });

  it("keeps keys apart", () => {
    const backOff = new BackOff(100, 1000);
    backOff.next("a", 0);
    expect(backOff.isInBackOff("b", 0)).toBe(false);
    backOff.forget("a");
    expect(backOff.isInBackOff("a", 0)).toBe(false);
  });
});
