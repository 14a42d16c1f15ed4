import type { AuditEntry } from "@paddock/contracts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { RawObject } from "../kube/summaries.ts";
import { AUDIT_ACTION_ANNOTATION, AUDIT_COMPONENT, AUDIT_LABEL, AUDIT_PROJECT_LABEL, AUDIT_STATUS_ANNOTATION, AUDIT_USER_ANNOTATION } from "./audit-recorder.ts";

const ACTIONS = new Set<AuditEntry["action"]>(["create", "update", "delete", "denied"]);
const LIMIT = 1000;

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === "string" ? value : "";
}

function entry(event: RawObject): AuditEntry {
  const meta = event.metadata as { annotations?: Record<string, string> };
  const annotations = meta.annotations ?? {};
  const involved = (event.involvedObject ?? {}) as Record<string, unknown>;
  const action = annotations[AUDIT_ACTION_ANNOTATION] as AuditEntry["action"];
  return {
    time: text(event.lastTimestamp) || text(event.firstTimestamp) || text(event.eventTime),
    user: annotations[AUDIT_USER_ANNOTATION] ?? "",
    action: ACTIONS.has(action) ? action : "update",
    reason: text(event.reason),
    type: event.type === "Warning" ? "Warning" : "Normal",
    message: text(event.message),
    kind: text(involved.kind),
    namespace: text(involved.namespace),
    name: text(involved.name),
    status: Number(annotations[AUDIT_STATUS_ANNOTATION] ?? 0) || 0,
  };
}

/**
 * When the event was recorded, to the millisecond: Event timestamps keep whole seconds only, but
 * Paddock names its events `<object>.<ms since epoch, hex><6 random hex>`.
 */
function recordedAt(event: RawObject, time: string): number {
  const suffix = String(event.metadata.name ?? "").split(".").pop() ?? "";
  const ms = /^[0-9a-f]{7,}$/.test(suffix) ? parseInt(suffix.slice(0, -6), 16) : NaN;
  return Number.isFinite(ms) ? ms : Date.parse(time) || 0;
}

/** The project's audit events (Events Paddock recorded, labelled with the project), newest first. */
export function auditEntries(cluster: ClusterConnection, projectId: string): AuditEntry[] {
  return cluster.caches.events
    .items()
    .filter((event) => {
      const labels = (event.metadata.labels ?? {}) as Record<string, string>;
      const source = (event.source as { component?: string } | undefined)?.component ?? event.reportingComponent;
      return labels[AUDIT_LABEL] === "true" && labels[AUDIT_PROJECT_LABEL] === projectId && source === AUDIT_COMPONENT;
    })
    .map((event) => {
      const e = entry(event);
      return { e, at: recordedAt(event, e.time) };
    })
    .sort((a, b) => b.at - a.at)
    .slice(0, LIMIT)
    .map(({ e }) => e);
}
