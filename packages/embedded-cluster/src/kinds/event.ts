import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError } from "../api/field-errors.ts";
import { isDNS1123Subdomain, isQualifiedName, nameIsPathSegment } from "../api/validation.ts";
import { genericSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { getPath, getString } from "../api/json-values.ts";
import { column, nameColumn, timestampSince } from "./common.ts";

/**
 * core/v1 Event: kubernetes pkg/registry/core/event/strategy.go, pkg/apis/core/validation/events.go
 * (legacyValidateEvent: the only checks for requests to core v1), and the table of
 * pkg/printers/internalversion/printers.go (eventColumnDefinitions, printEvent).
 */

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

function text(obj: KubeObject, ...path: string[]): string {
  return getString(obj, ...path) ?? "";
}

function byteLength(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** legacyValidateEvent, with the v1 field name `reportingComponent`. */
function validate(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const namespace = obj.metadata.namespace ?? "";
  const involvedNamespace = text(obj, "involvedObject", "namespace");
  const mismatch = () => fieldError.invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace");

  if (!getPath(obj, "eventTime")) {
    // An "old style" event: its namespace must agree with the object's ("default" for cluster-scoped objects).
    if (!involvedNamespace) {
      if (namespace !== "" && namespace !== "default") errors.push(mismatch());
    } else if (namespace !== involvedNamespace) {
      errors.push(mismatch());
    }
  } else {
    if (!involvedNamespace && namespace !== "default" && namespace !== "kube-system") errors.push(mismatch());
    const controller = text(obj, "reportingComponent");
    if (!controller) errors.push(fieldError.required("reportingComponent"));
    for (const message of isQualifiedName(controller)) errors.push(fieldError.invalid("reportingComponent", controller, message));
    errors.push(...requiredWithLimit(obj, "reportingInstance", REPORTING_INSTANCE_LIMIT));
    errors.push(...requiredWithLimit(obj, "action", ACTION_LIMIT));
    errors.push(...requiredWithLimit(obj, "reason", REASON_LIMIT));
    if (byteLength(text(obj, "message")) > NOTE_LIMIT) {
      errors.push(fieldError.invalid("message", "", `can have at most ${NOTE_LIMIT} characters`));
    }
  }
  for (const message of isDNS1123Subdomain(namespace)) errors.push(fieldError.invalid("namespace", namespace, message));
  return errors;
}

function requiredWithLimit(obj: KubeObject, field: string, limit: number): FieldError[] {
  const value = text(obj, field);
  const errors: FieldError[] = [];
  if (!value) errors.push(fieldError.required(field));
  if (byteLength(value) > limit) errors.push(fieldError.invalid(field, "", `can have at most ${limit} characters`));
  return errors;
}

/** formatEventSource: `component, host`, falling back to reportingController / reportingInstance. */
function source(obj: KubeObject): string {
  const component = text(obj, "source", "component") || text(obj, "reportingComponent");
  const instance = text(obj, "source", "host") || text(obj, "reportingInstance");
  return instance ? `${component}, ${instance}` : component;
}

function eventRow(obj: KubeObject, now: Date): Array<string | number> {
  const firstTimestamp = getString(obj, "firstTimestamp")
    ? timestampSince(getString(obj, "firstTimestamp"), now)
    : timestampSince(getString(obj, "eventTime"), now);
  let lastTimestamp = getString(obj, "lastTimestamp") ? timestampSince(getString(obj, "lastTimestamp"), now) : firstTimestamp;
  const count = getPath(obj, "count");
  let shownCount = typeof count === "number" ? count : 0;
  const series = getPath(obj, "series");
  if (series !== undefined && series !== null) {
    lastTimestamp = timestampSince(getString(obj, "series", "lastObservedTime"), now);
    const seriesCount = getPath(obj, "series", "count");
    shownCount = typeof seriesCount === "number" ? seriesCount : 0;
  } else if (shownCount === 0) {
    shownCount = 1; // singleton events have no count in the new API
  }
  const kind = text(obj, "involvedObject", "kind").toLowerCase();
  const involvedName = text(obj, "involvedObject", "name");
  const target = involvedName ? `${kind}/${involvedName}` : kind;
  return [
    lastTimestamp,
    text(obj, "type"),
    text(obj, "reason"),
    target,
    text(obj, "involvedObject", "fieldPath"),
    source(obj),
    text(obj, "message").trim(),
    firstTimestamp,
    shownCount,
    obj.metadata.name ?? "",
  ];
}

export const eventDefinition: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "Event",
  listKind: "EventList",
  resource: "events",
  singular: "event",
  namespaced: true,
  shortNames: ["ev"],
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    validate,
    // Core v1 events get no name rule beyond the one every object has.
    validateName: nameIsPathSegment,
    allowUnconditionalUpdate: true,
    mergeSchema: genericSchema,
    table: {
      columns: [
        column("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
        column("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
        column(
          "Reason",
          "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
        ),
        column("Object", "The object that this event is about."),
        column(
          "Subobject",
          'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
          1,
        ),
        column("Source", "The component reporting this event. Should be a short machine understandable string.", 1),
        column("Message", "A human-readable description of the status of this operation."),
        column("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        column("Count", "The number of times this event has occurred.", 1),
        { ...nameColumn, priority: 1 },
      ],
      row: eventRow,
    },
    fieldSelectors: {
      "involvedObject.kind": (obj) => text(obj, "involvedObject", "kind"),
      "involvedObject.namespace": (obj) => text(obj, "involvedObject", "namespace"),
      "involvedObject.name": (obj) => text(obj, "involvedObject", "name"),
      "involvedObject.uid": (obj) => text(obj, "involvedObject", "uid"),
      "involvedObject.apiVersion": (obj) => text(obj, "involvedObject", "apiVersion"),
      "involvedObject.resourceVersion": (obj) => text(obj, "involvedObject", "resourceVersion"),
      "involvedObject.fieldPath": (obj) => text(obj, "involvedObject", "fieldPath"),
      reason: (obj) => text(obj, "reason"),
      reportingComponent: (obj) => text(obj, "reportingComponent"),
      source: (obj) => text(obj, "source", "component") || text(obj, "reportingComponent"),
      type: (obj) => text(obj, "type"),
    },
  },
};
