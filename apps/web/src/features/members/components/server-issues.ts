import type { UseFormReturn } from "react-hook-form";
import type { MemberSet } from "@paddock/contracts";
import { ApiError } from "@/lib/api-client";

const FIELD_OF_PATH: Record<string, keyof MemberSet> = { "body.username": "username", "body.role": "role" };

/** Puts the server's field issues (e.g. `body.username`: no such user) at their fields; true when any was. */
export function showIssuesAtFields(error: unknown, form: UseFormReturn<MemberSet>): boolean {
  if (!(error instanceof ApiError)) return false;
  let shown = false;
  for (const issue of error.issues) {
    const field = FIELD_OF_PATH[issue.path];
    if (!field) continue;
    form.setError(field, { type: "server", message: issue.message }, { shouldFocus: !shown });
    shown = true;
  }
  return shown;
}

/** Whether the error is said at a field, and so needs no message of its own. */
export const isAtField = (error: unknown): boolean => error instanceof ApiError && error.issues.some((i) => i.path in FIELD_OF_PATH);
