import { describe, expect, it } from "vitest";
import { goDuration } from "./go-duration.ts";

describe("goDuration", () => {
  it.each([
    [0, "0s"],
    [1, "1ms"],
    [626, "626ms"],
    [999, "999ms"],
    [1000, "1s"],
    [1500, "1.5s"],
    [1050, "1.05s"],
    [1234, "1.234s"],
    [60_000, "1m0s"],
    [123_456, "2m3.456s"],
    [3_600_000, "1h0m0s"],
    [3_723_004, "1h2m3.004s"],
    [-1500, "-1.5s"],
  ])("%d ms is %s", (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});
