/**
 * API discovery documents, generated from the served ResourceDefinitions:
 * aggregated discovery (`/api`, `/apis` as `APIGroupDiscoveryList`) and the legacy documents
 * (`APIVersions`, `APIGroupList`, `APIGroup`, `APIResourceList`).
 */
import type { ResourceDefinition } from "../kinds/types.ts";
import { apiVersionOf } from "../kinds/types.ts";

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

// ---------------------------------------------------------------------------------------------
// Aggregated discovery: k8s.io/api/apidiscovery/v2/types.go (v2beta1 has the same shape)

export type AggregatedDiscoveryVersion = "v2" | "v2beta1";

export const AGGREGATED_DISCOVERY_CONTENT_TYPE =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
export const AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE =
  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

export function aggregatedDiscoveryContentType(version: AggregatedDiscoveryVersion): string {
  return version === "v2" ? AGGREGATED_DISCOVERY_CONTENT_TYPE : AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: GroupVersionKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: GroupVersionKind;
  scope: "Namespaced" | "Cluster";
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: "Current";
}

export interface APIGroupDiscovery {
  /** `creationTimestamp: null` is what Go's ObjectMeta marshals to; `name` is absent for the core group. */
  metadata: { name?: string; creationTimestamp: null };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: "APIGroupDiscoveryList";
  apiVersion: string;
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

/** The `/api` (scope "core") or `/apis` (scope "apis") aggregated discovery document. */
export function aggregatedDiscovery(
  defs: readonly ResourceDefinition[],
  scope: "core" | "apis",
  version: AggregatedDiscoveryVersion = "v2",
): APIGroupDiscoveryList {
  const groups = scope === "core" ? [""] : servedGroups(defs).filter((group) => group !== "");
  const items = groups
    .filter((group) => defs.some((def) => def.group === group))
    .map((group): APIGroupDiscovery => ({
      metadata: group === "" ? { creationTimestamp: null } : { name: group, creationTimestamp: null },
      versions: versionsOfGroup(defs, group).map((v) => ({
        version: v,
        resources: definitionsIn(defs, group, v).map(resourceDiscovery),
        freshness: "Current",
      })),
    }));
  return { kind: "APIGroupDiscoveryList", apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

function resourceDiscovery(def: ResourceDefinition): APIResourceDiscovery {
  const out: APIResourceDiscovery = {
    resource: def.resource,
    responseKind: { group: def.group, version: def.version, kind: def.kind },
    scope: def.namespaced ? "Namespaced" : "Cluster",
    singularResource: def.singular,
    verbs: sortedVerbs(def.verbs),
  };
  if (def.shortNames?.length) out.shortNames = [...def.shortNames];
  if (def.categories?.length) out.categories = [...def.categories];
  const subresources = subresourcesOf(def).map(
    (sub): APISubresourceDiscovery => ({ subresource: sub.name, responseKind: sub.kind, verbs: [...sub.verbs] }),
  );
  if (subresources.length) out.subresources = subresources;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Accept negotiation for /api and /apis

interface MediaRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
  q: number;
}

/**
 * Which aggregated discovery version the Accept header asks for, or null for the legacy
 * `APIVersions`/`APIGroupList` document. kubectl sends
 * `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,…;v=v2beta1;…,application/json`.
 * Media ranges are tried by q-value, then specificity, then order (munnerz/goautoneg, as
 * apimachinery's negotiation uses); a range asking for a representation we do not serve (protobuf,
 * another `as=`) is skipped, a plain JSON or wildcard range selects the legacy document.
 */
export function wantsAggregatedDiscovery(acceptHeader: string | undefined | null): AggregatedDiscoveryVersion | null {
  for (const range of parseAccept(acceptHeader ?? "")) {
    if (!(range.type === "*" || range.type === "application")) continue;
    if (!(range.subtype === "*" || range.subtype === "json")) continue;
    const g = range.params.get("g");
    const v = range.params.get("v");
    const as = range.params.get("as");
    if (g === undefined && v === undefined && as === undefined) return null;
    if (g === "apidiscovery.k8s.io" && as === "APIGroupDiscoveryList" && (v === "v2" || v === "v2beta1")) return v;
  }
  return null;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(",")) {
    const [mediaType = "", ...paramParts] = part.split(";");
    const [type = "", subtype = ""] = mediaType.trim().toLowerCase().split("/");
    if (!type || !subtype) continue;
    const params = new Map<string, string>();
    let q = 1;
    for (const paramPart of paramParts) {
      const eq = paramPart.indexOf("=");
      if (eq < 0) continue;
      const key = paramPart.slice(0, eq).trim().toLowerCase();
      const value = unquote(paramPart.slice(eq + 1).trim());
      if (key === "q") {
        const parsed = Number.parseFloat(value);
        q = Number.isNaN(parsed) ? 1 : parsed;
      } else {
        params.set(key, value);
      }
    }
    if (q > 0) ranges.push({ type, subtype, params, q });
  }
  const specificity = (r: MediaRange) => (r.type === "*" ? 0 : r.subtype === "*" ? 1 : 2);
  // Array.prototype.sort is stable, so equal ranges keep the client's order.
  return ranges.sort((a, b) => b.q - a.q || specificity(b) - specificity(a));
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

// ---------------------------------------------------------------------------------------------
// Legacy discovery: apimachinery pkg/apis/meta/v1/types.go

export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

export interface APIVersions {
  kind: "APIVersions";
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface APIGroupList {
  kind: "APIGroupList";
  apiVersion: "v1";
  groups: APIGroup[];
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

export interface APIResourceList {
  kind: "APIResourceList";
  apiVersion?: "v1";
  groupVersion: string;
  resources: APIResource[];
}

/** `/api` legacy document. `serverAddress` is `host:port` as the client reaches the server. */
export function apiVersions(serverAddress: string): APIVersions {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

/** `/apis` legacy document: every named group, versions most-preferred first. */
export function apiGroupList(defs: readonly ResourceDefinition[]): APIGroupList {
  const groups = servedGroups(defs)
    .filter((group) => group !== "")
    .map((group) => describeGroup(defs, group));
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

/** `/apis/<group>` document, or null when the group is not served (the core group lives at `/api`). */
export function apiGroup(
  defs: readonly ResourceDefinition[],
  group: string,
): ({ kind: "APIGroup"; apiVersion: "v1" } & APIGroup) | null {
  if (group === "" || !defs.some((def) => def.group === group)) return null;
  return { kind: "APIGroup", apiVersion: "v1", ...describeGroup(defs, group) };
}

function describeGroup(defs: readonly ResourceDefinition[], group: string): APIGroup {
  const versions = versionsOfGroup(defs, group).map((version) => ({ groupVersion: `${group}/${version}`, version }));
  const preferred = versions[0];
  if (!preferred) throw new Error(`group ${group} has no versions`);
  return { name: group, versions, preferredVersion: { ...preferred } };
}

/**
 * `/api/v1` or `/apis/<group>/<version>` document, or null for a group version that is not served.
 * Subresources are entries of their own (`pods/status`, `deployments/scale`); kube-apiserver lists
 * all entries sorted by name (apiserver pkg/endpoints/installer.go sorts the storage paths).
 * The core group's list carries no `apiVersion`, the named groups' lists do.
 */
export function apiResourceList(defs: readonly ResourceDefinition[], groupVersion: string): APIResourceList | null {
  const { group, version } = parseGroupVersion(groupVersion);
  const served = definitionsIn(defs, group, version);
  if (served.length === 0) return null;
  const resources: APIResource[] = [];
  for (const def of served) {
    const main: APIResource = {
      name: def.resource,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: sortedVerbs(def.verbs),
    };
    if (def.shortNames?.length) main.shortNames = [...def.shortNames];
    if (def.categories?.length) main.categories = [...def.categories];
    resources.push(main);
    for (const sub of subresourcesOf(def)) {
      // group/version are only set when the subresource returns another group's kind (Scale).
      const otherGroup = sub.kind.group !== def.group || sub.kind.version !== def.version;
      resources.push({
        name: `${def.resource}/${sub.name}`,
        singularName: "",
        namespaced: def.namespaced,
        ...(otherGroup ? { group: sub.kind.group, version: sub.kind.version } : {}),
        kind: sub.kind.kind,
        verbs: [...sub.verbs],
      });
    }
  }
  resources.sort((a, b) => compareStrings(a.name, b.name));
  const head = group === "" ? { kind: "APIResourceList" as const } : { kind: "APIResourceList" as const, apiVersion: "v1" as const };
  return { ...head, groupVersion, resources };
}

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by openapi.ts)

interface Subresource {
  name: "status" | "scale";
  kind: GroupVersionKind;
  verbs: string[];
}

/** A kind's subresources with the kind they return: `scale` answers autoscaling/v1 Scale. */
export function subresourcesOf(def: ResourceDefinition): Subresource[] {
  return [...def.subresources].sort(compareStrings).map((name) => ({
    name,
    kind:
      name === "scale"
        ? { group: "autoscaling", version: "v1", kind: "Scale" }
        : { group: def.group, version: def.version, kind: def.kind },
    verbs: ["get", "patch", "update"],
  }));
}

/** Groups in the order their first definition appears. */
export function servedGroups(defs: readonly ResourceDefinition[]): string[] {
  return [...new Set(defs.map((def) => def.group))];
}

/** A group's versions, most preferred first. */
export function versionsOfGroup(defs: readonly ResourceDefinition[], group: string): string[] {
  const versions = new Set(defs.filter((def) => def.group === group).map((def) => def.version));
  return [...versions].sort(compareKubeAwareVersions);
}

/** Every served group version as `v1` / `apps/v1`, groups in definition order, versions by preference. */
export function servedGroupVersions(defs: readonly ResourceDefinition[]): string[] {
  return servedGroups(defs).flatMap((group) =>
    versionsOfGroup(defs, group).map((version) => apiVersionOf({ group, version })),
  );
}

export function definitionsIn(defs: readonly ResourceDefinition[], group: string, version: string): ResourceDefinition[] {
  return defs
    .filter((def) => def.group === group && def.version === version)
    .sort((a, b) => compareStrings(a.resource, b.resource));
}

/** `v1` → core v1; `apps/v1` → apps v1. */
export function parseGroupVersion(groupVersion: string): { group: string; version: string } {
  const slash = groupVersion.indexOf("/");
  return slash < 0
    ? { group: "", version: groupVersion }
    : { group: groupVersion.slice(0, slash), version: groupVersion.slice(slash + 1) };
}

/**
 * Kubernetes version priority (apimachinery pkg/version/helpers.go CompareKubeAwareVersionStrings):
 * GA before beta before alpha, higher numbers first; versions that do not look like `v1beta2` come
 * last, alphabetically. Negative when `a` is preferred.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const pa = parseKubeVersion(a);
  const pb = parseKubeVersion(b);
  if (!pa || !pb) {
    if (pa) return -1;
    if (pb) return 1;
    return compareStrings(a, b);
  }
  return pb.stability - pa.stability || pb.major - pa.major || pb.minor - pa.minor;
}

function parseKubeVersion(v: string): { major: number; stability: number; minor: number } | null {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!match) return null;
  const stability = match[2] === "alpha" ? 0 : match[2] === "beta" ? 1 : 2;
  return { major: Number(match[1]), stability, minor: match[3] ? Number(match[3]) : 0 };
}

function sortedVerbs(verbs: readonly string[]): string[] {
  return [...verbs].sort(compareStrings);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
