import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registryCreateSchema, secretCreateSchema } from "@paddock/contracts";
import { InvalidError } from "../errors.ts";
import { parse } from "./validate.ts";

function refusal(schema: z.ZodType, value: unknown, where: "body" | "query" | "path" = "body"): InvalidError {
  try {
    parse(schema, value, where);
  } catch (error) {
    if (error instanceof InvalidError) return error;
    throw error;
  }
  throw new Error("parse accepted it");
}

const issues = (error: InvalidError) => (error.details as { issues: Array<{ path: string; message: string }> }).issues;

describe("parse", () => {
  it("says a missing field is required, and a field of the wrong type what it should be", () => {
    const error = refusal(z.object({ name: z.string(), replicas: z.number() }).strict(), { name: ["a"] });
    expect(issues(error)).toEqual([
      { path: "body.name", message: "Invalid input: expected string, received array" },
      { path: "body.replicas", message: "This field is required." },
    ]);
    expect(issues(refusal(z.object({ a: z.string() }), undefined))).toEqual([{ path: "body", message: "This field is required." }]);
  });

  it("names a `__proto__` or `constructor` key as an unknown field, and does not take an inherited one for a value", () => {
    const error = refusal(z.object({ name: z.string() }).strict(), JSON.parse('{"__proto__": {"admin": true}, "constructor": 1}'));
    expect(issues(error)).toEqual([
      { path: "body.name", message: "This field is required." },
      { path: "body", message: 'Unknown fields "__proto__", "constructor": remove them.' },
    ]);
    // `constructor` is inherited by every object: still missing
    expect(issues(refusal(z.object({ constructor: z.string() }), {}))).toEqual([{ path: "body.constructor", message: "This field is required." }]);
  });

  it("keeps the message short whatever the input: long keys cut, many keys counted, at most 20 issues listed", () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}-${"x".repeat(500)}`, 1]));
    const error = refusal(z.object({}).strict(), many);
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).toContain(" and 25 more: remove them.");
    const data = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`key${i}`, i]));
    const wide = refusal(secretCreateSchema, { name: "a", namespace: "b", data });
    expect(issues(wide)).toHaveLength(20);
    expect(wide.message).toMatch(/^The request is not valid: body\.data\.key0: Invalid input: expected string, received number; .* \(and 35 more\)$/);
    const longKey = refusal(secretCreateSchema, { name: "a", namespace: "b", data: { ["k".repeat(1000)]: 1 } });
    expect(issues(longKey).map((i) => i.path)).toContain(`body.data.${"k".repeat(64)}…`);
  });

  it("says when the type of a discriminated union is missing or unknown", () => {
    const base = { name: "a", registries: [{ address: "quay.io", username: "u", password: "p" }] };
    expect(issues(refusal(registryCreateSchema, { ...base, scope: {} }))).toEqual([{ path: "body.scope.type", message: "This field is required." }]);
    expect(issues(refusal(registryCreateSchema, { ...base, scope: { type: "cluster" } }))).toEqual([{ path: "body.scope.type", message: '"type" is not one of the allowed values.' }]);
  });
});
