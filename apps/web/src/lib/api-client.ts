import type { ErrorBody, ErrorCode, FieldIssue, NameConflict } from "@paddock/contracts";

/** Every failed API call, with what the server said: screens show `message`, forms map `issues` to fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "Network",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get issues(): FieldIssue[] {
    const issues = (this.details as { issues?: FieldIssue[] } | undefined)?.issues;
    return Array.isArray(issues) ? issues : [];
  }

  get conflicts(): NameConflict[] {
    const conflicts = (this.details as { conflicts?: NameConflict[] } | undefined)?.conflicts;
    return Array.isArray(conflicts) ? conflicts : [];
  }
}

/** Dispatched on `window` when the server answers 401 (the session ended): the app shell goes to the login page. */
export const UNAUTHENTICATED_EVENT = "paddock:unauthenticated";

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, "Network", "The Paddock server cannot be reached. Check that it is running, then try again.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as ErrorBody | undefined)?.error;
    if (response.status === 401 && !path.endsWith("/auth/login")) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw new ApiError(response.status, error?.code ?? "Internal", error?.message ?? `The server answered ${response.status} ${response.statusText}.`, error?.details);
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>("PUT", path, body);
export const del = <T>(path: string, body?: unknown) => api<T>("DELETE", path, body);

export const enc = encodeURIComponent;
