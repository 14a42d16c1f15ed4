import { ApiException } from "@kubernetes/client-node";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  ClusterUnavailableError,
} from "../errors.ts";

interface Status {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: Array<{ field?: string; message?: string }> };
}

function parseStatus(body: unknown): Status | undefined {
  if (typeof body === "object" && body !== null) return body as Status;
  if (typeof body !== "string") return undefined;
  try {
    return JSON.parse(body) as Status;
  } catch {
    return undefined;
  }
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EAI_AGAIN", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);

/**
 * The one place where a failure of @kubernetes/client-node becomes a domain error: its
 * `ApiException.body` is the raw JSON text of a Kubernetes `Status`.
 */
export function toDomainError(error: unknown, clusterId: string): Error {
  if (error instanceof DomainError) return error;
  if (error instanceof ApiException) {
    const status = parseStatus(error.body);
    const message = status?.message ?? `the cluster answered ${error.code}`;
    switch (status?.reason ?? "") {
      case "NotFound":
        return new NotFoundError(capitalise(message));
      case "AlreadyExists":
      case "Conflict":
        return new ConflictError(capitalise(message));
      case "Invalid":
        return new InvalidError(capitalise(message), (status?.details?.causes ?? []).map((c) => ({ path: c.field ?? "", message: c.message ?? "" })));
      case "Forbidden":
        return new ForbiddenError(capitalise(message));
      case "Unauthorized":
        return new ClusterUnavailableError(clusterId, "the cluster refused Paddock's credentials (401 Unauthorized)");
      default:
        if (error.code === 409) return new ConflictError(capitalise(message));
        if (error.code === 404) return new NotFoundError(capitalise(message));
        if (error.code === 422 || error.code === 400) return new InvalidError(capitalise(message));
        if (error.code === 403) return new ForbiddenError(capitalise(message));
        if (error.code >= 500) return new ClusterUnavailableError(clusterId, message);
        return new InvalidError(capitalise(message));
    }
  }
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) {
    return new ClusterUnavailableError(clusterId, `${code} ${(error as Error).message ?? ""}`.trim());
  }
  if (error instanceof Error && /ECONNREFUSED|ENOTFOUND|socket hang up|network/i.test(error.message)) {
    return new ClusterUnavailableError(clusterId, error.message);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs a cluster call and rethrows its failure as a domain error. */
export async function kube<T>(clusterId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDomainError(error, clusterId);
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof NotFoundError || statusCode(error) === 404;
}

/** The HTTP status of a failed cluster call (client-node's ApiException), if it got an answer. */
export function statusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

/** What the cluster said (its Status message) about a failed call, for a log line. */
export function statusMessage(error: unknown): string {
  if (error instanceof ApiException) {
    const message = parseStatus(error.body)?.message;
    if (message) return message;
  }
  return (error as Error | undefined)?.message ?? String(error);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
