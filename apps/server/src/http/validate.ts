import type { z } from "zod";
import { InvalidError } from "../errors.ts";

/** Issues listed in an error's details; a body with thousands of bad items gets the first ones. */
const MAX_ISSUES = 20;

/** Parses a request part with its contracts schema, or refuses it saying what is wrong and where. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: "body" | "query" | "path"): z.infer<T> {
  const input = value ?? (where === "body" ? undefined : {});
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map((step) => shorten(String(step), 64))].join("."),
    message: issueMessage(issue, input),
  }));
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ");
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  throw new InvalidError(`The request is not valid: ${summary}${more}`, issues.slice(0, MAX_ISSUES));
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Whether the input has a value at the issue's path (own properties only: `constructor` is not a field). */
function isPresent(input: unknown, path: PropertyKey[]): boolean {
  let node = input;
  for (const step of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, step)) return false;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node !== undefined;
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.slice(0, 5).map((k) => `"${shorten(k, 64)}"`);
    const rest = issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : "";
    return `Unknown field${issue.keys.length > 1 ? "s" : ""} ${keys.join(", ")}${rest}: remove ${issue.keys.length > 1 ? "them" : "it"}.`;
  }
  if (issue.code === "invalid_type" && !isPresent(input, issue.path)) return "This field is required.";
  // a discriminated union whose discriminator (at the end of the path) is missing or unknown
  if (issue.code === "invalid_union" && "discriminator" in issue && typeof issue.discriminator === "string") {
    return isPresent(input, issue.path) ? `"${issue.discriminator}" is not one of the allowed values.` : "This field is required.";
  }
  return issue.message;
}
