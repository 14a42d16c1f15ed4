import type { ClusterConnection } from "../kube/cluster-connection.ts";

export type AuditVerb = "create" | "update" | "delete";

/** The kinds of object Paddock writes, with where each lives in the API (for the Event's involvedObject). */
export const AUDIT_KINDS = {
  Secret: { apiVersion: "v1", namespaced: true },
  ConfigMap: { apiVersion: "v1", namespaced: true },
  Deployment: { apiVersion: "apps/v1", namespaced: true },
  Namespace: { apiVersion: "v1", namespaced: false },
  Project: { apiVersion: "management.cattle.io/v3", namespaced: true },
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;

/** One object a write touched. */
export interface AuditTarget {
  cluster: string;
  /** the project whose audit page lists the change */
  project?: string;
  kind: AuditKind;
  /** "" for a Namespace */
  namespace: string;
  /** the object's name in the cluster */
  name: string;
  /** how messages name it, when not by `name` (a user's Secret by the username) */
  label?: string;
  /** what messages call it: "registry", "secret", "user", … */
  noun: string;
  /** where messages place it: `namespace` (in namespace x of project P), `project` (in project P), `cluster`, or nowhere */
  place: "namespace" | "project" | "cluster" | "none";
}

/** What a rule's targets are computed from. Only names are read from the body: never a value. */
export interface AuditFacts {
  params: Record<string, string>;
  body: unknown;
  /** the cluster of `cluster` id when connected */
  cluster(id: string): ClusterConnection | undefined;
  /** the cluster that holds Paddock's users and tokens */
  home: string;
  /** who makes the request */
  user: string;
}

/** What the audit trail records of a write route. */
export interface AuditSpec {
  verb: AuditVerb;
  /** the words of messages when not the verb's: ["scale", "scaled"] */
  action?: [present: string, past: string];
  /** the objects, computed when the request arrives (so that a delete still finds the object's uid) */
  targets: (facts: AuditFacts) => AuditTarget[];
  /** for a create whose name the server chooses, or a bulk change: the targets once the answer is known */
  settle?: (targets: AuditTarget[], response: unknown, facts: AuditFacts) => AuditTarget[];
  /** words after the object from fixed choices (a role), never free text */
  detail?: (facts: AuditFacts) => string;
}
