import type { ResourceService } from "../api/resource-service.ts";
import { nowTimestamp } from "../api/meta-time.ts";
import type { KubeObject } from "../api/types.ts";
import { apiVersionOf } from "../kinds/types.ts";

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventInput {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** e.g. `spec.containers{web}` for a container's events */
  fieldPath?: string;
}

/** client-go names an event `<object>.<hex unix nanoseconds>`; a counter keeps names in recording order. */
let lastEventNano = 0n;
function nextEventNano(): bigint {
  const now = BigInt(Date.now()) * 1_000_000n;
  lastEventNano = now > lastEventNano ? now : lastEventNano + 1n;
  return lastEventNano;
}

/**
 * Records core/v1 Events the way client-go's recorder does (tools/record/event.go, events_cache.go):
 * an identical event (same object, source, type, reason and message) is not written again, its
 * `count` goes up and `lastTimestamp` moves.
 */
export class EventRecorder {
  readonly #seen = new Map<string, { namespace: string; name: string }>();

  constructor(
    private readonly service: ResourceService,
    private readonly source: EventSource,
  ) {}

  async record(object: KubeObject, event: EventInput): Promise<void> {
    const events = this.service.definition("", "events");
    const namespace = object.metadata.namespace || "default";
    const involvedObject = {
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: object.apiVersion ?? this.#apiVersion(object),
      resourceVersion: object.metadata.resourceVersion,
      ...(event.fieldPath ? { fieldPath: event.fieldPath } : {}),
    };
    const key = JSON.stringify([this.source, involvedObject.kind, involvedObject.namespace, involvedObject.name, involvedObject.uid, event.fieldPath, event.type, event.reason, event.message]);
    const now = nowTimestamp();
    const previous = this.#seen.get(key);
    if (previous) {
      const updated = await this.service.mutate(events, previous.namespace, previous.name, (e) => {
        e.count = (typeof e.count === "number" ? e.count : 1) + 1;
        e.lastTimestamp = now;
      });
      if (updated) return;
    }
    const name = `${object.metadata.name}.${nextEventNano().toString(16)}`;
    try {
      await this.service.create(events, namespace, {
        metadata: { name, namespace },
        involvedObject,
        reason: event.reason,
        message: event.message,
        source: this.source,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type: event.type,
        eventTime: null,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? "",
      });
      this.#seen.set(key, { namespace, name });
    } catch {
      // Events are best effort, as in client-go: a namespace being deleted refuses them.
    }
  }

  #apiVersion(object: KubeObject): string {
    const def = this.service.definitions.find((d) => d.kind === object.kind);
    return def ? apiVersionOf(def) : "v1";
  }
}
