// `.dockerconfigjson` / `.dockercfg` documents: written byte for byte as kubectl writes them
// (kubectl pkg/cmd/create/create_secret_docker.go, Go's json.Marshal), read as kubelet reads them
// (kubernetes pkg/credentialprovider/config.go, DockerConfigEntry.UnmarshalJSON).

import { goBase64Decode } from "./go-base64.ts";
import { goJsonKind, goJsonSyntaxError } from "./go-json.ts";

/** kubectl's default `--docker-server`. */
export const DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

export interface DockerConfigEntry {
  /** The key of the entry: a registry address as written (`quay.io`, `https://index.docker.io/v1/`). */
  server: string;
  username: string;
  password: string;
  email?: string;
}

/** The document is not what kubelet can decode; `message` is the error kubelet would report. */
export class DockerConfigParseError extends Error {
  override readonly name: string = "DockerConfigParseError";
}

/** An entry's `auth` field is not base64(username:password). */
export class DockerConfigAuthFieldError extends DockerConfigParseError {
  override readonly name = "DockerConfigAuthFieldError";
  readonly server: string;

  constructor(server: string, message: string) {
    super(message);
    this.server = server;
  }
}

/** `base64(username:password)`, the `auth` field. */
export function encodeAuthField(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, "utf8").toString("base64");
}

const AUTH_FORMAT_ERROR = "unable to parse auth field, must be formatted as base64(username:password)";

/** Decodes an `auth` field like kubelet's decodeDockerConfigFieldAuth; throws `Error` with its message. */
export function decodeAuthField(field: string): { username: string; password: string } {
  // Padded values are decoded with StdEncoding, unpadded ones with RawStdEncoding.
  const decoded = goBase64Decode(field, field.trim().endsWith("="));
  if ("error" in decoded) throw new Error(decoded.error);
  const text = decoded.bytes.toString("utf8");
  const colon = text.indexOf(":");
  if (colon === -1) throw new Error(AUTH_FORMAT_ERROR);
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * The `.dockerconfigjson` kubectl writes: `{"auths":{"<server>":{"username":…,"password":…,"email":…,"auth":…}}}`,
 * servers sorted (Go marshals map keys in order), empty fields omitted (`omitempty`).
 */
export function buildDockerConfigJson(entries: readonly DockerConfigEntry[]): string {
  return `{"auths":${marshalEntries(entries)}}`;
}

/** The legacy `.dockercfg` document: the same entries without the `auths` wrapper. */
export function buildDockerCfg(entries: readonly DockerConfigEntry[]): string {
  return marshalEntries(entries);
}

/** Reads a `.dockerconfigjson` document as kubelet does (`auth` overrides username/password). */
export function parseDockerConfigJson(text: string): DockerConfigEntry[] {
  const document = parseJson(text);
  if (document === null) return [];
  if (goJsonKind(document) !== "object") {
    throw new DockerConfigParseError(typeError(goJsonKind(document), "Go value of type credentialprovider.DockerConfigJSON"));
  }
  const auths = fieldIgnoringCase(document as Record<string, unknown>, "auths");
  if (auths === undefined || auths === null) return [];
  if (goJsonKind(auths) !== "object") {
    throw new DockerConfigParseError(
      typeError(goJsonKind(auths), "Go struct field DockerConfigJSON.auths of type credentialprovider.DockerConfig"),
    );
  }
  return decodeEntries(auths as Record<string, unknown>);
}

/** Reads a legacy `.dockercfg` document (`{"<server>":{…}}`). */
export function parseDockerCfg(text: string): DockerConfigEntry[] {
  const document = parseJson(text);
  if (document === null) return [];
  if (goJsonKind(document) !== "object") {
    throw new DockerConfigParseError(typeError(goJsonKind(document), "Go value of type credentialprovider.DockerConfig"));
  }
  return decodeEntries(document as Record<string, unknown>);
}

function parseJson(text: string): unknown {
  const syntaxError = goJsonSyntaxError(text);
  if (syntaxError !== null) throw new DockerConfigParseError(syntaxError);
  return JSON.parse(text) as unknown;
}

function typeError(kind: string, target: string): string {
  return `json: cannot unmarshal ${kind} into ${target}`;
}

// Go's decoder matches struct field names exactly first, then case-insensitively.
function fieldIgnoringCase(object: Record<string, unknown>, field: string): unknown {
  if (Object.hasOwn(object, field)) return object[field];
  let found: unknown;
  for (const [key, value] of Object.entries(object)) {
    if (key.toLowerCase() === field) found = value;
  }
  return found;
}

function decodeEntries(map: Record<string, unknown>): DockerConfigEntry[] {
  const entries: DockerConfigEntry[] = [];
  for (const [server, raw] of Object.entries(map)) {
    entries.push(decodeEntry(server, raw));
  }
  return entries;
}

const ENTRY_TYPE = "dockerConfigEntryWithAuth";

function decodeEntry(server: string, raw: unknown): DockerConfigEntry {
  if (raw === null) return { server, username: "", password: "" };
  if (goJsonKind(raw) !== "object") {
    throw new DockerConfigParseError(typeError(goJsonKind(raw), `Go value of type credentialprovider.${ENTRY_TYPE}`));
  }
  const object = raw as Record<string, unknown>;
  const stringField = (field: string): string => {
    const value = fieldIgnoringCase(object, field);
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") {
      throw new DockerConfigParseError(
        typeError(goJsonKind(value), `Go struct field ${ENTRY_TYPE}.${field} of type string`),
      );
    }
    return value;
  };
  let username = stringField("username");
  let password = stringField("password");
  const email = stringField("email");
  const auth = stringField("auth");
  if (auth.length > 0) {
    try {
      ({ username, password } = decodeAuthField(auth));
    } catch (error) {
      throw new DockerConfigAuthFieldError(server, (error as Error).message);
    }
  }
  return { server, username, password, ...(email ? { email } : {}) };
}

function marshalEntries(entries: readonly DockerConfigEntry[]): string {
  const byServer = new Map<string, DockerConfigEntry>();
  for (const entry of entries) byServer.set(entry.server, entry);
  const servers = [...byServer.keys()].sort(compareGoStrings);
  const members = servers.map((server) => {
    const entry = byServer.get(server) as DockerConfigEntry;
    const fields: string[] = [];
    if (entry.username) fields.push(`"username":${goJsonString(entry.username)}`);
    if (entry.password) fields.push(`"password":${goJsonString(entry.password)}`);
    if (entry.email) fields.push(`"email":${goJsonString(entry.email)}`);
    fields.push(`"auth":${goJsonString(encodeAuthField(entry.username, entry.password))}`);
    return `${goJsonString(server)}:{${fields.join(",")}}`;
  });
  return `{${members.join(",")}}`;
}

// Go sorts map keys by their UTF-8 bytes.
function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

// encoding/json encode.go appendString with HTML escaping on (json.Marshal's default).
function goJsonString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
    }
    if (code < 0x20 || ch === "<" || ch === ">" || ch === "&" || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += "\\ufffd"; // a lone surrogate is invalid UTF-8 to Go
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}
