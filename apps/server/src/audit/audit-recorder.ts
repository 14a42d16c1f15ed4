import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { CoreV1Event } from "@kubernetes/client-node";
import type { ClusterRegistry } from "../kube/cluster-registry.ts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { Credential } from "../auth/authenticate.ts";
import { AUDIT_KINDS, type AuditSpec, type AuditTarget, type AuditVerb } from "./audit-spec.ts";

export const AUDIT_COMPONENT = "paddock";
export const AUDIT_LABEL = "paddock.io/audit";
export const AUDIT_PROJECT_LABEL = "paddock.io/project";
export const AUDIT_USER_ANNOTATION = "paddock.io/user";
export const AUDIT_STATUS_ANNOTATION = "paddock.io/status";
export const AUDIT_ACTION_ANNOTATION = "paddock.io/action";

export const AUDIT_REASONS = { create: "PaddockCreate", update: "PaddockUpdate", delete: "PaddockDelete", denied: "PaddockDenied" } as const;
const WORDS: Record<AuditVerb, [string, string]> = { create: ["create", "created"], update: ["update", "updated"], delete: ["delete", "deleted"] };
// legacyValidateEvent leaves core/v1 messages unbounded, but events.k8s.io/v1 allows 1 KiB: keep to it.
const MESSAGE_LIMIT = 1024;

/** One write through Paddock, as the audit trail records it: never a body, a password or a token. */
export interface AuditRecord {
  user: string;
  credential: Credential | undefined;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  spec: AuditSpec | undefined;
  targets: AuditTarget[];
  /** the uid of each target, when known (kubectl describe finds an object's events by uid) */
  uids: Array<string | undefined>;
  /** words after the object from fixed choices (a member's role) */
  detail: string;
  /** the refusal's code and message (written by Paddock, never holding a password) */
  error?: { code: string; message: string };
}

export type AuditOutcome = "succeeded" | "denied" | "failed";

export function outcomeOf(status: number): AuditOutcome {
  return status < 400 ? "succeeded" : status === 403 ? "denied" : "failed";
}

function quoted(value: string): string {
  return `"${value}"`;
}

function truncate(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let cut = text.slice(0, bytes);
  while (Buffer.byteLength(cut) > bytes - 3) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Writes each write's record as a structured log line and, for changes made or refused, as an Event on the object. */
export class AuditRecorder {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly log: Logger,
    private readonly instance = hostname(),
  ) {}

  async record(record: AuditRecord): Promise<void> {
    const outcome = outcomeOf(record.status);
    const messages = record.targets.map((target) => this.#message(record, target, outcome));
    this.log.info(
      {
        audit: {
          user: record.user,
          via: record.credential?.via ?? "session",
          ...(record.credential?.via === "token" ? { tokenId: record.credential.tokenId } : {}),
          method: record.method,
          path: record.path,
          status: record.status,
          outcome,
          ...(record.spec ? { action: record.spec.verb } : {}),
          ...(record.error ? { error: record.error.code } : {}),
          targets: record.targets.map((t) => ({ cluster: t.cluster, ...(t.project ? { project: t.project } : {}), kind: t.kind, namespace: t.namespace, name: t.name })),
          durationMs: record.durationMs,
        },
      },
      messages[0] ?? `${record.user} ${record.method} /api${record.path}: ${record.status}`,
    );
    if (outcome === "failed" || !record.spec) return;
    await Promise.all(
      record.targets.map((target, i) =>
        this.#event(record, target, record.uids[i], messages[i]!, outcome).catch((error: unknown) =>
          this.log.warn({ err: { message: (error as Error).message }, cluster: target.cluster, kind: target.kind, namespace: target.namespace, name: target.name }, "could not record the audit event"),
        ),
      ),
    );
  }

  #cluster(id: string): ClusterConnection | undefined {
    return this.clusters.list().find((c) => c.id === id && c.state === "Active");
  }

  #where(target: AuditTarget): string {
    const project = target.project ? (this.#cluster(target.cluster)?.caches.projects.get(target.cluster, target.project)?.displayName ?? target.project) : undefined;
    switch (target.place) {
      case "namespace":
        return ` in namespace ${target.namespace}${project ? ` of project ${project}` : ""}`;
      case "project":
        return project ? ` in project ${project}` : "";
      case "cluster":
        return ` in cluster ${target.cluster}`;
      case "none":
        return "";
    }
  }

  #message(record: AuditRecord, target: AuditTarget, outcome: AuditOutcome): string {
    const [present, past] = record.spec?.action ?? WORDS[record.spec?.verb ?? "update"];
    const who = record.credential?.via === "token" ? `${record.user} (API token ${quoted(record.credential.tokenName)})` : record.user;
    const object = `${target.noun} ${quoted(target.label ?? target.name)}${this.#where(target)}${record.detail}`;
    if (outcome === "succeeded") return `${who} ${past} ${object}`;
    const why = record.error?.message ? `: ${record.error.message}` : ` (${record.status})`;
    return outcome === "denied" ? `${who} tried to ${present} ${object} and was refused${why}` : `${who} failed to ${present} ${object}${why}`;
  }

  async #event(record: AuditRecord, target: AuditTarget, uid: string | undefined, message: string, outcome: AuditOutcome): Promise<void> {
    const cluster = this.#cluster(target.cluster);
    if (!cluster || !record.spec) return;
    const kind = AUDIT_KINDS[target.kind];
    // client-go puts the events of cluster-scoped objects in "default" (tools/record/event.go).
    const namespace = kind.namespaced ? target.namespace : "default";
    const now = new Date();
    const action = outcome === "denied" ? "denied" : record.spec.verb;
    const body: CoreV1Event = {
      metadata: {
        name: `${target.name.slice(0, 200)}.${now.getTime().toString(16)}${randomBytes(3).toString("hex")}`,
        namespace,
        labels: { "app.kubernetes.io/managed-by": AUDIT_COMPONENT, [AUDIT_LABEL]: "true", ...(target.project ? { [AUDIT_PROJECT_LABEL]: target.project } : {}) },
        annotations: { [AUDIT_USER_ANNOTATION]: record.user, [AUDIT_STATUS_ANNOTATION]: String(record.status), [AUDIT_ACTION_ANNOTATION]: action },
      },
      involvedObject: {
        apiVersion: kind.apiVersion,
        kind: target.kind,
        name: target.name,
        ...(kind.namespaced ? { namespace: target.namespace } : {}),
        ...(uid ? { uid } : {}),
      },
      reason: AUDIT_REASONS[action],
      message: truncate(message, MESSAGE_LIMIT),
      type: outcome === "denied" ? "Warning" : "Normal",
      source: { component: AUDIT_COMPONENT, host: this.instance },
      reportingComponent: AUDIT_COMPONENT,
      reportingInstance: this.instance,
      action: action[0]!.toUpperCase() + action.slice(1),
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    await cluster.core.createNamespacedEvent({ namespace, body });
  }
}

/** The uid of a target, from the caches (undefined when they do not hold it). */
export function uidOf(clusters: ClusterRegistry, target: AuditTarget): string | undefined {
  const cluster = clusters.list().find((c) => c.id === target.cluster && c.state === "Active");
  if (!cluster) return undefined;
  const { caches } = cluster;
  switch (target.kind) {
    case "Secret":
      return caches.secrets.get(target.namespace, target.name)?.uid;
    case "ConfigMap":
      return caches.configMaps.get(target.namespace, target.name)?.uid;
    case "Namespace":
      return caches.namespaces.get("", target.name)?.uid;
    case "Project":
      return cluster.projectsSupported ? caches.projects.get(target.namespace, target.name)?.uid : undefined;
    case "Deployment":
      return caches.deployments.get(target.namespace, target.name)?.metadata.uid as string | undefined;
  }
}
