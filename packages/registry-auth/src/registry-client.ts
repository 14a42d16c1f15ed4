// Registry HTTP API V2 client: credential checks for the dashboard, manifest resolution for the
// embedded kubelet (with containerd's CRI error texts), and pushing a tiny image for the demo registry.

import type { PeerCertificate } from "node:tls";
import { parseAuthChallenges, preferredChallenge } from "./auth-challenge.ts";
import {
  Deadline,
  fetchPeerCertificate,
  formatSeconds,
  subjectAltNames,
  TransportFailure,
  type HttpResponse,
} from "./http-transport.ts";
import { parseImageReference, type ImageReference } from "./image-reference.ts";
import { InvalidRegistryAddressError, registryApiHostPort } from "./registry-host.ts";
import {
  hostName,
  registryEndpoint,
  RegistryAuthError,
  RegistrySession,
  TokenTransportFailure,
  type RegistryCredential,
} from "./registry-session.ts";
import { buildImageIndex, buildTinyImage, MEDIA_TYPES, sha256Digest, type Blob, type TinyImage } from "./tiny-image.ts";

export type { RegistryCredential } from "./registry-session.ts";

/** containerd's Accept list for resolving a reference (core/remotes/docker/resolver.go). */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.dockerManifest,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.ociIndex,
  "*/*",
].join(", ");

const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
const DEFAULT_PULL_TIMEOUT_MS = 30_000;

type CaOption = string | readonly string[];

// ---------------------------------------------------------------------------------------------
// Credential check (dashboard)

export type CredentialCheckKind =
  | "accepted"
  | "anonymous"
  | "unauthorized"
  | "not-registry"
  | "tls"
  | "unreachable"
  | "timeout"
  | "error";

export interface CheckCredentialsOptions {
  /** A registry address as stored in a pull secret: `quay.io`, `https://index.docker.io/v1/`, `127.0.0.1:5000`. */
  address: string;
  username?: string;
  password?: string;
  /** Extra CA certificates (PEM) to trust for this registry. */
  ca?: CaOption;
  timeoutMs?: number;
}

export interface CheckCredentialsResult {
  ok: boolean;
  kind: CredentialCheckKind;
  /** What the registry answered, in plain words; never contains the password. */
  message: string;
  /** The last HTTP status the registry (or its token server) answered. */
  status?: number;
}

/**
 * Asks the registry whether it accepts the credentials: `GET /v2/` anonymously; a Basic challenge is
 * answered with Basic auth on `/v2/`, a Bearer challenge by asking the token realm with Basic auth.
 */
export async function checkCredentials(options: CheckCredentialsOptions): Promise<CheckCredentialsResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  let hostPort: string;
  try {
    hostPort = registryApiHostPort(options.address);
  } catch (error) {
    if (error instanceof InvalidRegistryAddressError) return { ok: false, kind: "error", message: error.message };
    throw error;
  }
  const username = options.username ?? "";
  const password = options.password ?? "";
  const deadline = new Deadline(timeoutMs);
  const session = new RegistrySession({
    endpoint: registryEndpoint(hostPort, options.ca),
    credential: username !== "" ? { username, password } : undefined,
    ca: options.ca,
    deadline,
  });
  const result = await runCheck(session, hostPort, username !== "").catch((error: unknown) =>
    describeFailure(error, hostPort, session, deadline, timeoutMs),
  );
  return { ...result, message: redact(result.message, password) };
}

async function runCheck(
  session: RegistrySession,
  hostPort: string,
  hasCredentials: boolean,
): Promise<CheckCredentialsResult> {
  let response = await session.raw("GET", "/v2/");
  if (session.currentScheme === "http" && isHttpsOnlyAnswer(response)) {
    // A loopback registry is tried over HTTP first, like containerd; this one wants HTTPS.
    session.useScheme("https");
    response = await session.raw("GET", "/v2/");
  }
  const status = response.status;
  if (status === 200) {
    if (!looksLikeRegistry(response)) {
      return { ok: false, kind: "not-registry", status, message: `${hostPort} is not a container registry: GET /v2/ answered ${response.statusLine} without the Registry API header` };
    }
    return hasCredentials
      ? { ok: true, kind: "anonymous", status, message: `${hostPort} accepts anonymous requests, so it did not check the username or password` }
      : { ok: true, kind: "anonymous", status, message: `${hostPort} accepts anonymous requests` };
  }
  if (status === 404) {
    return { ok: false, kind: "not-registry", status, message: `${hostPort} is not a container registry: GET /v2/ answered ${response.statusLine}` };
  }
  if (status !== 401) {
    return { ok: false, kind: "error", status, message: `${hostPort} answered GET /v2/ with ${describeResponse(response)}` };
  }
  const challenge = preferredChallenge(parseAuthChallenges(response.headerValues("www-authenticate")));
  if (!challenge) {
    return { ok: false, kind: "error", status, message: `${hostPort} answered 401 without saying how to authenticate (no Basic or Bearer challenge)` };
  }
  if (challenge.scheme === "basic") {
    if (!hasCredentials) {
      return { ok: false, kind: "unauthorized", status, message: `${hostPort} requires a username and password (${describeResponse(response)})` };
    }
    let authorization: string;
    try {
      authorization = await session.authorize(challenge);
    } catch (error) {
      if (error instanceof RegistryAuthError && error.invalidAuthorization) {
        return { ok: false, kind: "unauthorized", status, message: `${hostPort} requires a username and password (${describeResponse(response)})` };
      }
      throw error;
    }
    const authed = await session.raw("GET", "/v2/", { Authorization: authorization });
    return interpretAuthenticated(authed, hostPort, "The registry rejected the username or password");
  }

  // Bearer: the token realm judges the credentials.
  let token: string;
  try {
    token = await session.fetchToken(challenge);
  } catch (error) {
    if (error instanceof RegistryAuthError && error.tokenResponse) {
      const tokenResponse = error.tokenResponse;
      const realmHost = new URL(tokenResponse.url).host;
      if (tokenResponse.status === 401 || tokenResponse.status === 403) {
        return {
          ok: false,
          kind: "unauthorized",
          status: tokenResponse.status,
          message: hasCredentials
            ? `The registry rejected the username or password (its token server ${realmHost} answered ${describeResponse(tokenResponse)})`
            : `${hostPort} requires a username and password (its token server ${realmHost} answered ${describeResponse(tokenResponse)})`,
        };
      }
      return { ok: false, kind: "error", status: tokenResponse.status, message: `The token server ${realmHost} of ${hostPort} answered ${describeResponse(tokenResponse)}` };
    }
    throw error;
  }
  const authed = await session.raw("GET", "/v2/", { Authorization: `Bearer ${token}` });
  if (!hasCredentials && authed.status === 200) {
    return { ok: true, kind: "anonymous", status: 200, message: `${hostPort} gives anonymous access tokens; no username or password was checked` };
  }
  return interpretAuthenticated(authed, hostPort, "The registry did not accept the token issued for these credentials");
}

function interpretAuthenticated(response: HttpResponse, hostPort: string, rejection: string): CheckCredentialsResult {
  const status = response.status;
  if (status === 200) return { ok: true, kind: "accepted", status, message: `Credentials accepted by ${hostPort}` };
  if (status === 401 || status === 403) {
    return { ok: false, kind: "unauthorized", status, message: `${rejection} (${describeResponse(response)})` };
  }
  return { ok: false, kind: "error", status, message: `${hostPort} answered GET /v2/ with ${describeResponse(response)}` };
}

function isHttpsOnlyAnswer(response: HttpResponse): boolean {
  return response.status === 400 && /HTTP request to an HTTPS server/i.test(response.body.toString("utf8"));
}

function looksLikeRegistry(response: HttpResponse): boolean {
  if (response.headers["docker-distribution-api-version"] !== undefined) return true;
  const type = String(response.headers["content-type"] ?? "");
  return type.includes("json");
}

/** `401 UNAUTHORIZED: authentication required` from a Registry API error body, else the status line. */
export function describeResponse(response: HttpResponse): string {
  const text = response.body.toString("utf8");
  try {
    const body = JSON.parse(text) as { errors?: Array<{ code?: unknown; message?: unknown }>; details?: unknown; error?: unknown };
    const first = body.errors?.[0];
    if (first && typeof first.code === "string") {
      return `${response.status} ${first.code}${typeof first.message === "string" && first.message ? `: ${first.message}` : ""}`;
    }
    const detail = typeof body.details === "string" ? body.details : typeof body.error === "string" ? body.error : undefined;
    if (detail) return `${response.statusLine}: ${detail}`;
  } catch {
    // not JSON
  }
  return response.statusLine;
}

async function describeFailure(
  error: unknown,
  hostPort: string,
  session: RegistrySession,
  deadline: Deadline,
  timeoutMs: number,
): Promise<CheckCredentialsResult> {
  let failure: TransportFailure;
  let target = hostPort;
  let port = defaultPort(hostPort, session.currentScheme);
  if (error instanceof TokenTransportFailure) {
    failure = error.failure;
    const realm = new URL(error.realmUrl);
    target = realm.host;
    port = Number(realm.port || (realm.protocol === "https:" ? 443 : 80));
  } else if (error instanceof TransportFailure) {
    failure = error;
  } else if (error instanceof RegistryAuthError) {
    return { ok: false, kind: "error", message: `${hostPort}: ${error.message}` };
  } else {
    return { ok: false, kind: "error", message: `Checking ${hostPort} failed: ${(error as Error).message}` };
  }
  switch (failure.kind) {
    case "unreachable":
      return { ok: false, kind: "unreachable", message: `Could not reach ${target}: ${failure.nodeMessage}` };
    case "timeout":
      return { ok: false, kind: "timeout", message: `${target} did not answer within ${formatSeconds(timeoutMs)}` };
    case "plain-http":
      return { ok: false, kind: "tls", message: `TLS error: ${target} does not speak HTTPS (it answered in plain HTTP)` };
    case "tls":
      return { ok: false, kind: "tls", message: await describeTlsFailure(failure, hostName(target), port, deadline) };
    default:
      return { ok: false, kind: "error", message: `Request to ${target} failed: ${failure.nodeMessage}` };
  }
}

async function describeTlsFailure(failure: TransportFailure, host: string, port: number, deadline: Deadline): Promise<string> {
  const bareHost = host.replace(/^\[|\]$/g, "");
  const cert = failure.certificate ?? (await fetchPeerCertificate(bareHost, port, Math.min(2000, deadline.remaining() || 1000)));
  const code = failure.code ?? "";
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    const names = subjectAltNames(cert);
    const valid = [...names.ips.map((ip) => `IP ${ip}`), ...names.dns];
    const validFor = valid.length > 0 ? valid.join(", ") : `only the legacy common name ${subjectText(cert?.subject) ?? "(none)"}`;
    return `TLS error: certificate presented by ${bareHost} is for ${validFor}, not ${bareHost}`;
  }
  if (code === "CERT_HAS_EXPIRED") {
    return `TLS error: certificate for ${bareHost} has expired${cert?.valid_to ? ` (valid until ${cert.valid_to})` : ""}`;
  }
  if (code === "CERT_NOT_YET_VALID") {
    return `TLS error: certificate for ${bareHost} is not valid yet${cert?.valid_from ? ` (valid from ${cert.valid_from})` : ""}`;
  }
  if (failure.goMessage.includes("unknown authority")) {
    const subject = subjectText(cert?.subject);
    const issuer = subjectText(cert?.issuer);
    const details = subject ? (issuer && issuer !== subject ? `; subject ${subject}, issuer ${issuer}` : `; subject ${subject}`) : "";
    return `TLS error: certificate for ${bareHost} is not trusted (${failure.nodeMessage}${details})`;
  }
  return `TLS error with ${bareHost}: ${failure.nodeMessage}`;
}

function subjectText(name: PeerCertificate["subject"] | undefined): string | undefined {
  if (!name) return undefined;
  const parts = Object.entries(name).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : String(value)}`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

function defaultPort(hostPort: string, scheme: "http" | "https"): number {
  const port = /:(\d+)$/.exec(hostPort)?.[1];
  return port ? Number(port) : scheme === "https" ? 443 : 80;
}

// Registry error bodies are echoed into messages; make sure a password never is.
function redact(message: string, password: string): string {
  return password.length >= 4 ? message.split(password).join("***") : message;
}

// ---------------------------------------------------------------------------------------------
// Manifest resolution (kubelet)

export interface PullManifestOptions {
  image: string;
  /** Credentials in the order kubelet tries them (see DockerKeyring.lookup); none means anonymous. */
  credentials?: readonly RegistryCredential[];
  ca?: CaOption;
  timeoutMs?: number;
  /** The platform picked from an image index; linux/amd64 by default. */
  platform?: { os: string; architecture: string };
}

export type PullFailureReason = "not-found" | "unauthorized" | "unreachable" | "tls" | "timeout" | "invalid-image" | "error";

export interface PullAttempt {
  /** Index into `credentials`, or null for the anonymous attempt. */
  credentialIndex: number | null;
  ok: boolean;
  message?: string;
  reason?: PullFailureReason;
}

export type PullManifestResult =
  | {
      ok: true;
      image: ImageReference;
      /** Digest of what the tag points at (manifest or index): the repo digest. */
      digest: string;
      mediaType: string;
      /** Config and layer sizes of the manifest for this platform, in bytes. */
      size: number;
      /** The image config digest (containerd's image ID). */
      configDigest?: string;
      credentialIndex: number | null;
      attempts: PullAttempt[];
    }
  | {
      ok: false;
      /** containerd's CRI error, aggregated over the credentials tried like kubelet does. */
      message: string;
      reason: PullFailureReason;
      attempts: PullAttempt[];
    };

interface ResolvedManifest {
  digest: string;
  mediaType: string;
  size: number;
  configDigest?: string;
}

class PullFailure extends Error {
  constructor(
    message: string,
    readonly reason: PullFailureReason,
  ) {
    super(message);
  }
}

/**
 * Resolves an image the way containerd's CRI plugin starts a pull: HEAD the manifest with containerd's
 * Accept list, answering challenges with each credential in turn until one works (anonymous when there
 * are none), then reads the manifest (the linux/amd64 one of an index) to size the image.
 */
export async function pullManifest(options: PullManifestOptions): Promise<PullManifestResult> {
  let ref: ImageReference;
  try {
    ref = parseImageReference(options.image);
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, message, reason: "invalid-image", attempts: [{ credentialIndex: null, ok: false, message, reason: "invalid-image" }] };
  }
  const deadline = new Deadline(options.timeoutMs ?? DEFAULT_PULL_TIMEOUT_MS);
  const candidates: Array<[number | null, RegistryCredential | undefined]> =
    options.credentials && options.credentials.length > 0
      ? options.credentials.map((cred, i) => [i, { username: cred.username, password: cred.password }])
      : [[null, undefined]];
  const attempts: PullAttempt[] = [];
  const failures: PullFailure[] = [];
  for (const [credentialIndex, credential] of candidates) {
    try {
      const resolved = await resolveImage(ref, credential, options, deadline);
      attempts.push({ credentialIndex, ok: true });
      return { ok: true, image: ref, ...resolved, credentialIndex, attempts };
    } catch (error) {
      const failure = error instanceof PullFailure ? error : new PullFailure(criError(ref, (error as Error).message), "error");
      failures.push(failure);
      attempts.push({ credentialIndex, ok: false, message: failure.message, reason: failure.reason });
    }
  }
  return { ok: false, message: aggregateMessages(failures.map((f) => f.message)), reason: (failures[0] as PullFailure).reason, attempts };
}

async function resolveImage(
  ref: ImageReference,
  credential: RegistryCredential | undefined,
  options: PullManifestOptions,
  deadline: Deadline,
): Promise<ResolvedManifest> {
  const session = new RegistrySession({
    endpoint: registryEndpoint(registryApiHostPort(ref.domain), options.ca),
    credential,
    scopes: [`repository:${ref.path}:pull`],
    ca: options.ca,
    deadline,
  });
  const manifestPath = `/v2/${ref.path}/manifests/${ref.manifestReference}`;
  const accept = { Accept: MANIFEST_ACCEPT };
  const resolveError = (inner: string): string => criError(ref, `failed to resolve reference ${JSON.stringify(ref.dockerRef)}: ${inner}`);

  let response: HttpResponse;
  let method = "HEAD";
  try {
    response = await session.send(method, manifestPath, accept);
    if (response.status === 405) {
      // registries without HEAD on manifests (resolver.go retryRequest)
      method = "GET";
      response = await session.send(method, manifestPath, accept);
    }
  } catch (error) {
    throw requestFailure(error, method, session.url(manifestPath), resolveError);
  }
  if (response.status === 404) throw new PullFailure(resolveError(`${ref.dockerRef}: not found`), "not-found");
  if (response.status > 299) {
    const reason: PullFailureReason = response.status === 401 || response.status === 403 ? "unauthorized" : "error";
    throw new PullFailure(resolveError(unexpectedStatus(response)), reason);
  }

  let digest = ref.digest ?? headerString(response, "docker-content-digest");
  let mediaType = mediaTypeOf(response);
  let manifestBody: Buffer | undefined = method === "GET" ? response.body : undefined;
  if (!digest || (method === "HEAD" && response.headers["content-length"] === undefined)) {
    const fetched = await getManifest(session, manifestPath, ref);
    manifestBody = fetched.body;
    mediaType = mediaTypeOf(fetched);
    digest = digest ?? sha256Digest(fetched.body);
  }
  if (!manifestBody) manifestBody = (await getManifest(session, `/v2/${ref.path}/manifests/${digest}`, ref)).body;

  const platform = options.platform ?? { os: "linux", architecture: "amd64" };
  let manifest = parseManifest(manifestBody, ref);
  if (Array.isArray(manifest.manifests)) {
    const entry = manifest.manifests.find((m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture);
    if (!entry?.digest) throw new PullFailure(criError(ref, "no match for platform in manifest: not found"), "not-found");
    manifest = parseManifest((await getManifest(session, `/v2/${ref.path}/manifests/${entry.digest}`, ref)).body, ref);
  }
  const layers = Array.isArray(manifest.layers) ? manifest.layers : [];
  const size = (manifest.config?.size ?? 0) + layers.reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  return { digest, mediaType, size, ...(manifest.config?.digest ? { configDigest: manifest.config.digest } : {}) };
}

interface ManifestDocument {
  manifests?: Array<{ digest?: string; platform?: { os?: string; architecture?: string } }>;
  config?: { digest?: string; size?: number };
  layers?: Array<{ size?: number }>;
}

function parseManifest(body: Buffer, ref: ImageReference): ManifestDocument {
  try {
    return JSON.parse(body.toString("utf8")) as ManifestDocument;
  } catch (error) {
    throw new PullFailure(criError(ref, `failed to decode manifest: ${(error as Error).message}`), "error");
  }
}

async function getManifest(session: RegistrySession, path: string, ref: ImageReference): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await session.send("GET", path, { Accept: MANIFEST_ACCEPT });
  } catch (error) {
    throw requestFailure(error, "GET", session.url(path), (inner) => criError(ref, inner));
  }
  if (response.status === 404) {
    throw new PullFailure(criError(ref, `content at ${session.url(path)} not found: not found`), "not-found");
  }
  if (response.status > 299) throw new PullFailure(criError(ref, unexpectedStatus(response)), "error");
  return response;
}

function requestFailure(error: unknown, method: string, url: string, wrap: (inner: string) => string): PullFailure {
  if (error instanceof TransportFailure) {
    return new PullFailure(wrap(`failed to do request: ${goUrlErrorOp(method)} ${JSON.stringify(url)}: ${error.goMessage}`), transportReason(error));
  }
  if (error instanceof TokenTransportFailure) {
    return new PullFailure(
      wrap(`failed to authorize: ${error.step}: Get ${JSON.stringify(error.realmUrl)}: ${error.failure.goMessage}`),
      transportReason(error.failure),
    );
  }
  if (error instanceof RegistryAuthError) {
    const inner = error.invalidAuthorization
      ? `pull access denied, repository does not exist or may require authorization: ${error.message}`
      : error.message;
    return new PullFailure(wrap(inner), "unauthorized");
  }
  return new PullFailure(wrap((error as Error).message), "error");
}

function transportReason(failure: TransportFailure): PullFailureReason {
  if (failure.kind === "plain-http") return "tls";
  return failure.kind;
}

/** CRI's wrapping (containerd internal/cri/server/images/image_pull.go). */
function criError(ref: ImageReference, inner: string): string {
  return `failed to pull and unpack image ${JSON.stringify(ref.dockerRef)}: ${inner}`;
}

// core/remotes/errors ErrUnexpectedStatus
function unexpectedStatus(response: HttpResponse): string {
  return `unexpected status from ${response.method} request to ${response.url}: ${response.statusLine}`;
}

// net/http urlErrorOp: "HEAD" → "Head"
function goUrlErrorOp(method: string): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}

function headerString(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function mediaTypeOf(response: HttpResponse): string {
  return (headerString(response, "content-type") ?? "").split(";")[0]?.trim() ?? "";
}

/** apimachinery utilerrors.NewAggregate(...).Error(): one message as is, several deduplicated in brackets. */
export function aggregateMessages(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return "";
  if (messages.length === 1 || unique.length === 1) return unique[0] as string;
  return `[${unique.join(", ")}]`;
}

// ---------------------------------------------------------------------------------------------
// Push (demo registry, tests)

export interface PushImageOptions {
  /** Registry address, e.g. `127.0.0.1:5000`. */
  registry: string;
  /** Repository path, e.g. `demo/hello`. */
  repository: string;
  tag: string;
  credential?: RegistryCredential;
  ca?: CaOption;
  timeoutMs?: number;
  /** The image to push; a new tiny image by default. */
  image?: TinyImage;
  /** Manifest format of the default tiny image. */
  format?: "docker" | "oci";
  /** Tag an OCI index (linux/amd64 → the manifest) instead of the manifest itself. */
  asIndex?: boolean;
}

export interface PushImageResult {
  /** Digest of what the tag points at. */
  digest: string;
  mediaType: string;
  image: TinyImage;
  /** The tagged index, when `asIndex`. */
  index?: Blob;
}

export class RegistryPushError extends Error {
  override readonly name = "RegistryPushError";
}

/** Pushes an image with the Registry API: blobs (POST upload → PUT with digest), then the manifest. */
export async function pushImage(options: PushImageOptions): Promise<PushImageResult> {
  const image = options.image ?? buildTinyImage({ format: options.format ?? "docker" });
  const session = new RegistrySession({
    endpoint: registryEndpoint(registryApiHostPort(options.registry), options.ca),
    credential: options.credential,
    scopes: [`repository:${options.repository}:pull,push`],
    ca: options.ca,
    deadline: new Deadline(options.timeoutMs ?? DEFAULT_PULL_TIMEOUT_MS),
  });
  const repo = options.repository;
  const call = async (method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<HttpResponse> => {
    try {
      return await session.send(method, path, headers, body);
    } catch (error) {
      const message = error instanceof TransportFailure ? error.nodeMessage : (error as Error).message;
      throw new RegistryPushError(`${method} ${session.url(path)} failed: ${message}`);
    }
  };
  const expect = (response: HttpResponse, statuses: number[]): void => {
    if (!statuses.includes(response.status)) {
      throw new RegistryPushError(`${response.method} ${response.url} answered ${describeResponse(response)}`);
    }
  };

  for (const blob of [image.layer, image.config]) {
    const existing = await call("HEAD", `/v2/${repo}/blobs/${blob.digest}`, {});
    if (existing.status === 200) continue;
    const started = await call("POST", `/v2/${repo}/blobs/uploads/`, { "Content-Type": "application/octet-stream" }, Buffer.alloc(0));
    expect(started, [202]);
    const location = headerString(started, "location");
    if (!location) throw new RegistryPushError(`POST ${started.url} answered 202 without a Location header`);
    const uploadUrl = `${location}${location.includes("?") ? "&" : "?"}digest=${encodeURIComponent(blob.digest)}`;
    const finished = await call("PUT", uploadUrl, { "Content-Type": "application/octet-stream" }, blob.content);
    expect(finished, [201]);
  }

  const putManifest = async (blob: Blob, reference: string): Promise<HttpResponse> => {
    const response = await call("PUT", `/v2/${repo}/manifests/${reference}`, { "Content-Type": blob.mediaType }, blob.content);
    expect(response, [201]);
    return response;
  };
  if (options.asIndex) {
    await putManifest(image.manifest, image.manifest.digest);
    const index = buildImageIndex([{ manifest: image.manifest, os: "linux", architecture: "amd64" }]);
    const response = await putManifest(index, options.tag);
    return { digest: headerString(response, "docker-content-digest") ?? index.digest, mediaType: index.mediaType, image, index };
  }
  const response = await putManifest(image.manifest, options.tag);
  return { digest: headerString(response, "docker-content-digest") ?? image.manifest.digest, mediaType: image.manifest.mediaType, image };
}
