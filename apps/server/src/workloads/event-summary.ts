import type { KubeEvent } from "@paddock/contracts";
import { timestamp } from "./timestamps.ts";

/** What the summary reads of a core/v1 Event (client-node's CoreV1Event, or its JSON). */
export interface EventView {
  metadata?: { namespace?: string; creationTimestamp?: unknown };
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: unknown;
  lastTimestamp?: unknown;
  eventTime?: unknown;
  series?: { count?: number; lastObservedTime?: unknown };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

/**
 * An event in kubectl's terms (kubernetes pkg/printers/internalversion/printers.go printEvent):
 * object `lower(kind)/name`; first seen falling back to the event time; last seen and count taken
 * from the series when there is one, else last seen falling back to first seen and a count of 0
 * read as 1; source `component, host` or the reporting controller and instance.
 */
export function summarizeEvent(event: EventView): KubeEvent {
  const first = timestamp(event.firstTimestamp) ?? timestamp(event.eventTime);
  const last = event.series ? timestamp(event.series.lastObservedTime) : (timestamp(event.lastTimestamp) ?? first);
  const component = event.source?.component || event.reportingComponent || "";
  const instance = event.source?.host || event.reportingInstance || "";
  const involved = event.involvedObject ?? {};
  return {
    namespace: event.metadata?.namespace ?? involved.namespace ?? "",
    type: event.type ?? "",
    reason: event.reason ?? "",
    object: `${(involved.kind ?? "").toLowerCase()}/${involved.name ?? ""}`,
    message: (event.message ?? "").trim(),
    count: event.series?.count || event.count || 1,
    ...(first ? { firstTimestamp: first } : {}),
    ...(last ? { lastTimestamp: last } : {}),
    source: component ? [component, instance].filter(Boolean).join(", ") : "<unknown>",
  };
}

/** Oldest first by last seen, as `kubectl events` lists them. */
export function byLastSeen(a: KubeEvent, b: KubeEvent): number {
  const at = Date.parse(a.lastTimestamp ?? a.firstTimestamp ?? "") || 0;
  const bt = Date.parse(b.lastTimestamp ?? b.firstTimestamp ?? "") || 0;
  return at - bt;
}
