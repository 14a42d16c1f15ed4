import type { z } from "zod";
import { InvalidError } from "../errors.ts";

/** Parses a request part with its contracts schema, or refuses it saying what is wrong and where. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: "body" | "query" | "path"): z.infer<T> {
  const result = schema.safeParse(value ?? (where === "body" ? undefined : {}));
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    message: issueMessage(issue),
  }));
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ");
  throw new InvalidError(`The request is not valid: ${summary}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ""}`, issues);
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k.slice(0, 64)}"`).join(", ")}: remove ${issue.keys.length > 1 ? "them" : "it"}.`;
  if (issue.code === "invalid_type" && issue.input === undefined) return "This field is required.";
  return issue.message;
}
