import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError } from "./api-client";

/**
 * Shows a refused request's issues at the form fields they name (`body.username` → `username`),
 * focusing the first. Answers what no field took, for the form to say above its buttons; nothing
 * when every issue found its field.
 */
export function showIssuesAtFields<T extends FieldValues>(error: unknown, fields: readonly Path<T>[], setError: UseFormSetError<T>): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const unplaced: string[] = [];
  let placed = false;
  for (const issue of error.issues) {
    const field = fields.find((f) => issue.path === `body.${f}`);
    if (field) {
      setError(field, { type: "server", message: issue.message }, { shouldFocus: !placed });
      placed = true;
    } else unplaced.push(issue.message);
  }
  if (!placed) return error.message;
  return unplaced.length > 0 ? unplaced.join(" ") : undefined;
}
