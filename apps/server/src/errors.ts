import type { ErrorCode, FieldIssue, NameConflict } from "@paddock/contracts";

/**
 * The BFF's domain errors. Services throw them; one middleware maps them to HTTP
 * (`http/error-handler.ts`). Messages are written for the person using the dashboard and
 * never carry a password.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidError extends DomainError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super("Invalid", message, issues.length > 0 ? { issues } : undefined);
  }
}

export class NameInUseError extends DomainError {
  constructor(
    name: string,
    readonly conflicts: NameConflict[],
  ) {
    super("NameInUse", nameInUseMessage(name, conflicts), { conflicts });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("Conflict", message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super("NotFound", message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = "Log in to continue.") {
    super("Unauthenticated", message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super("Forbidden", message);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("TooManyRequests", message, { retryAfterSeconds });
  }
}

export class ClusterUnavailableError extends DomainError {
  constructor(clusterId: string, reason: string) {
    super("ClusterUnavailable", `Cluster "${clusterId}" is unavailable: ${reason}`);
  }
}

export function describeConflict(c: NameConflict): string {
  const where = c.namespace ? ` in namespace "${c.namespace}"` : "";
  const type = c.kind === "Secret" && c.secretType && c.what === "secret" ? ` (type ${c.secretType})` : "";
  return `the ${c.what} "${c.name}"${where}${type}`;
}

export function nameInUseMessage(name: string, conflicts: NameConflict[]): string {
  const list = conflicts.map(describeConflict);
  const held = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]!}`;
  return `The name "${name}" is already used by ${held}. Registries, secrets, certificates and ConfigMaps share names in a scope: choose another name.`;
}
