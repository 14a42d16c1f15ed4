import { createHmac, randomBytes } from "node:crypto";
import { describeCertificate, type CertificateFacts } from "../resources/certificate-pem.ts";
import { parseDockerCfg, parseDockerConfigJson } from "@paddock/registry-auth";

/**
 * What the BFF keeps in memory of each object. Secrets lose their data: a registry keeps its
 * addresses and usernames, everything keeps a keyed digest of its data (to tell a stale copy),
 * and kubectl's last-applied annotation (which holds the whole object, data included) is dropped.
 */
export interface ObjectSummary {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  deletionTimestamp?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RegistryEntrySummary {
  address: string;
  username: string;
}

export interface SecretSummary extends ObjectSummary {
  type: string;
  keys: string[];
  /** for dockerconfigjson / dockercfg secrets */
  registries?: RegistryEntrySummary[];
  registryError?: string;
  /** HMAC of type + data under a per-process key: equal digests mean equal content */
  dataDigest: string;
  /** for kubernetes.io/tls secrets: what the (public) certificate says */
  certificate?: CertificateFacts;
  certificateError?: string;
}

export interface ConfigMapSummary extends ObjectSummary {
  data: Record<string, string>;
}

export interface NamespaceSummary extends ObjectSummary {
  phase: string;
}

export interface ProjectSummary extends ObjectSummary {
  displayName: string;
  description: string;
  clusterName: string;
  backingNamespace: string;
}

export interface ServiceAccountSummary extends ObjectSummary {
  imagePullSecrets: string[];
}

/** Objects that hold nothing secret are kept whole (minus the last-applied annotation). */
export type RawObject = Record<string, unknown> & { metadata: Record<string, unknown> };

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const DIGEST_KEY = randomBytes(32);

type Raw = Record<string, unknown>;

function meta(raw: Raw): Raw {
  return (raw.metadata ?? {}) as Raw;
}

function stringMap(value: unknown): Record<string, string> {
  return typeof value === "object" && value !== null ? { ...(value as Record<string, string>) } : {};
}

export function objectSummary(raw: Raw): ObjectSummary {
  const m = meta(raw);
  const annotations = stringMap(m.annotations);
  delete annotations[LAST_APPLIED];
  const created = m.creationTimestamp;
  const deleted = m.deletionTimestamp;
  return {
    name: String(m.name ?? ""),
    namespace: String(m.namespace ?? ""),
    uid: String(m.uid ?? ""),
    resourceVersion: String(m.resourceVersion ?? ""),
    creationTimestamp: created instanceof Date ? created.toISOString() : String(created ?? ""),
    ...(deleted ? { deletionTimestamp: deleted instanceof Date ? deleted.toISOString() : String(deleted) } : {}),
    labels: stringMap(m.labels),
    annotations,
  };
}

export function digestSecretData(type: string, data: Record<string, string>): string {
  const h = createHmac("sha256", DIGEST_KEY);
  h.update(type);
  for (const key of Object.keys(data).sort()) h.update(`\0${key}\0${data[key]}`);
  return h.digest("base64url");
}

export function secretSummary(raw: Raw): SecretSummary {
  const type = String(raw.type ?? "Opaque");
  const data = stringMap(raw.data);
  const summary: SecretSummary = { ...objectSummary(raw), type, keys: Object.keys(data).sort(), dataDigest: digestSecretData(type, data) };
  const key = type === "kubernetes.io/dockerconfigjson" ? ".dockerconfigjson" : type === "kubernetes.io/dockercfg" ? ".dockercfg" : undefined;
  if (type === "kubernetes.io/tls") {
    try {
      summary.certificate = describeCertificate(Buffer.from(data["tls.crt"] ?? "", "base64").toString("utf8"));
    } catch (error) {
      summary.certificateError = (error as Error).message;
    }
  }
  if (key) {
    try {
      const text = Buffer.from(data[key] ?? "", "base64").toString("utf8");
      const entries = key === ".dockerconfigjson" ? parseDockerConfigJson(text) : parseDockerCfg(text);
      summary.registries = entries.map((e) => ({ address: e.server, username: e.username }));
    } catch (error) {
      summary.registries = [];
      summary.registryError = (error as Error).message;
    }
  }
  return summary;
}

export function configMapSummary(raw: Raw): ConfigMapSummary {
  return { ...objectSummary(raw), data: stringMap(raw.data) };
}

export function namespaceSummary(raw: Raw): NamespaceSummary {
  return { ...objectSummary(raw), phase: String((raw.status as Raw | undefined)?.phase ?? "Active") };
}

/** A namespace on its way out: the cluster refuses new objects in it while it empties it. */
export function isTerminating(ns: Pick<NamespaceSummary, "phase" | "deletionTimestamp">): boolean {
  return ns.phase === "Terminating" || !!ns.deletionTimestamp;
}

/** The order of every list of namespaced objects: by namespace, then by name. */
export function byNamespaceAndName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

export function projectSummary(raw: Raw): ProjectSummary {
  const spec = (raw.spec ?? {}) as Raw;
  const status = (raw.status ?? {}) as Raw;
  const base = objectSummary(raw);
  return {
    ...base,
    displayName: String(spec.displayName ?? base.name),
    description: String(spec.description ?? ""),
    clusterName: String(spec.clusterName ?? ""),
    backingNamespace: String(status.backingNamespace ?? ""),
  };
}

export function serviceAccountSummary(raw: Raw): ServiceAccountSummary {
  const refs = (raw.imagePullSecrets ?? []) as Array<{ name?: string }>;
  return { ...objectSummary(raw), imagePullSecrets: refs.map((r) => r.name ?? "").filter(Boolean) };
}

export function rawObject(raw: Raw): RawObject {
  const copy = { ...raw, metadata: { ...meta(raw) } } as RawObject;
  const annotations = copy.metadata.annotations as Record<string, string> | undefined;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    copy.metadata.annotations = rest;
  }
  return copy;
}
