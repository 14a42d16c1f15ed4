import type {
  FieldError,
  KubeObject,
  MergeSchema,
  TableCell,
  TableColumnDefinition,
} from "../api/types.ts";

/** How one kind behaves: everything kind-specific lives here; the REST machinery is generic. */
export interface Strategy {
  /** Fills defaults on create and on every update/patch (idempotent), e.g. Secret `type: Opaque`. */
  defaults?(obj: KubeObject): void;
  /**
   * Normalises the object before validation, e.g. Secret `stringData` merged into `data`.
   * `old` is set on updates.
   */
  prepare?(obj: KubeObject, old?: KubeObject): void;
  /** kube-apiserver's validation for this kind, beyond object metadata. `old` is set on updates. */
  validate?(obj: KubeObject, old?: KubeObject): FieldError[];
  /** Validates the name; returns the messages (empty when valid). Defaults to a DNS-1123 subdomain. */
  validateName?(name: string, prefix: boolean): string[];
  /** Whether `metadata.generation` is tracked (bumped when anything but metadata/status changes). */
  tracksGeneration?: boolean;
  /** The kind has a `status` subresource: the main resource keeps the old status and vice versa. */
  hasStatusSubresource?: boolean;
  /** An update whose body has no resourceVersion is accepted (true for most core kinds). */
  allowUnconditionalUpdate: boolean;
  /** List merge keys for strategic merge patch. */
  mergeSchema: MergeSchema;
  /** kubectl's columns for this kind, as the real apiserver prints them (wide). */
  table: TablePrinter;
  /** Field selectors beyond metadata.name and metadata.namespace. */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
  /**
   * Kinds deleted gracefully (RESTGracefulDeleteStrategy.CheckGracefulDelete): the seconds a delete
   * waits before the object goes, from the DeleteOptions' `gracePeriodSeconds` when given. 0 deletes
   * at once; kinds without it are always deleted at once (or when their finalizers are done).
   */
  gracePeriodSeconds?(obj: KubeObject, requested: number | undefined): number;
}

export interface TablePrinter {
  columns: TableColumnDefinition[];
  row(obj: KubeObject, now: Date): TableCell[];
}

export interface ResourceDefinition {
  group: string; // "" for core
  version: string;
  kind: string;
  listKind: string;
  /** plural, lower-case: "secrets" */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  subresources: Array<"status" | "scale">;
  strategy: Strategy;
}

export const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export function apiVersionOf(def: Pick<ResourceDefinition, "group" | "version">): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}
