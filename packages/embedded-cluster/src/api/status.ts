import type { FieldError } from "./types.ts";
import { fieldErrorCause, invalidStatusMessage } from "./field-errors.ts";

/**
 * A metav1.Status failure, built with the same reasons and message formats as
 * k8s.io/apimachinery/pkg/api/errors/errors.go.
 */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason: string; message: string; field?: string }>;
  retryAfterSeconds?: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = "StatusError";
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** What a Status says about the object: its resource (e.g. `secrets`) and group. */
export interface Subject {
  resource: string;
  group: string;
}

/** `secrets`, or `deployments.apps` outside the core group: how messages name a resource. */
export function qualifiedResource(subject: Subject): string {
  return subject.group ? `${subject.resource}.${subject.group}` : subject.resource;
}

function details(subject: Subject, name: string): StatusDetails {
  return { name, ...(subject.group ? { group: subject.group } : {}), kind: subject.resource };
}

export function notFound(subject: Subject, name: string): StatusError {
  return new StatusError(404, "NotFound", `${qualifiedResource(subject)} "${name}" not found`, details(subject, name));
}

export function alreadyExists(subject: Subject, name: string): StatusError {
  return new StatusError(409, "AlreadyExists", `${qualifiedResource(subject)} "${name}" already exists`, details(subject, name));
}

/** The optimistic-lock text of apiserver/pkg/registry/generic/registry/store.go (OptimisticLockErrorMsg). */
export const OPTIMISTIC_LOCK_MESSAGE =
  "the object has been modified; please apply your changes to the latest version and try again";

export function conflict(subject: Subject, name: string, why: string = OPTIMISTIC_LOCK_MESSAGE): StatusError {
  return new StatusError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(subject)} "${name}": ${why}`,
    details(subject, name),
  );
}

/** 422 Invalid: details.kind is the Kind (`Secret`), not the resource. */
export function invalid(group: string, kind: string, name: string, errors: FieldError[]): StatusError {
  return new StatusError(422, "Invalid", invalidStatusMessage(kind, name, errors, group), {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: errors.map(fieldErrorCause),
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, "BadRequest", message);
}

export function forbidden(subject: Subject, name: string, why: string): StatusError {
  const what = name ? `${qualifiedResource(subject)} "${name}"` : qualifiedResource(subject);
  return new StatusError(403, "Forbidden", `${what} is forbidden: ${why}`, details(subject, name));
}

export function methodNotSupported(subject: Subject, verb: string): StatusError {
  return new StatusError(
    405,
    "MethodNotAllowed",
    `${verb} is not supported on resources of kind "${qualifiedResource(subject)}"`,
    { ...(subject.group ? { group: subject.group } : {}), kind: subject.resource },
  );
}

export function unsupportedMediaType(contentType: string): StatusError {
  return new StatusError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf; got ${contentType || "none"}`);
}

export function unauthorized(): StatusError {
  return new StatusError(401, "Unauthorized", "Unauthorized");
}

export function pathNotFound(): StatusError {
  return new StatusError(404, "NotFound", "the server could not find the requested resource", {});
}

/** The ERROR event of a watch resumed from a compacted revision (apiserver cacher watch_cache.go). */
export function expired(requested: number, oldest: number): StatusError {
  return new StatusError(410, "Expired", `too old resource version: ${requested} (${oldest})`);
}

export function gone(message: string): StatusError {
  return new StatusError(410, "Gone", message);
}

export function internalError(message: string): StatusError {
  return new StatusError(500, "InternalError", `Internal error occurred: ${message}`);
}

export function tooLarge(message: string): StatusError {
  return new StatusError(413, "RequestEntityTooLarge", message);
}
