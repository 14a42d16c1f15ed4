import { describe, expect, it } from "vitest";
import { relativeAge } from "./relative-age.ts";

describe("relativeAge", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");
  it.each([
    ["2025-06-01T11:59:50Z", "just now"],
    ["2025-06-01T11:55:00Z", "5 min ago"],
    ["2025-06-01T11:00:00Z", "1 hour ago"],
    ["2025-06-01T07:00:00Z", "5 hours ago"],
    ["2025-05-29T12:00:00Z", "3 days ago"],
    ["2024-06-01T12:00:00Z", "12 months ago"],
    ["not a date", "unknown"],
  ])("%s is %s", (iso, words) => {
    expect(relativeAge(iso, now)).toBe(words);
  });
});
