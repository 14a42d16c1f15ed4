// Image references parsed the way kubelet does: `reference.ParseNormalizedNamed` of
// github.com/distribution/reference (normalize.go, reference.go, regexp.go), called from
// kubernetes pkg/util/parsers/parsers.go.

import { goQuote } from "./go-quote.ts";

export const DOCKER_HUB_DOMAIN = "docker.io";
const LEGACY_DOCKER_HUB_DOMAIN = "index.docker.io";
const OFFICIAL_REPO_PREFIX = "library/";
export const DEFAULT_TAG = "latest";
const REPOSITORY_NAME_MAX_LENGTH = 255;
// Longer input is never a usable reference; the cap keeps the backtracking regexps below cheap.
const MAX_INPUT_LENGTH = 4096;

const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const optionalPort = "(?::[0-9]+)?";
const tagPattern = "[\\w][\\w.-]{0,127}";
const digestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
const ipv6Address = "\\[(?:[a-fA-F0-9:]+)\\]";
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const domainAndPort = `(?:${domainName}|${ipv6Address})${optionalPort}`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;
const anchoredDigestRegexp = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]+$/;

// The digest algorithms kubelet registers (crypto/sha256 and crypto/sha512), with their hex length.
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ImageReference {
  /** The string as written in the pod spec. */
  original: string;
  /** Registry domain, possibly with a port: `docker.io`, `quay.io`, `127.0.0.1:5000`, `localhost`. */
  domain: string;
  /** Repository path inside the registry: `library/nginx`, `demo/hello`. */
  path: string;
  tag?: string;
  digest?: string;
  /** `domain/path`, what kubelet matches pull secrets against (`repoToPull`). */
  normalizedName: string;
  /** The short form Docker shows: `nginx`, `user/app`, `quay.io/a/b`. */
  familiarName: string;
  /**
   * The reference containerd resolves and quotes in its errors (`reference.ParseDockerRef`):
   * tag `latest` when neither tag nor digest is given; the digest alone when both are.
   */
  dockerRef: string;
  /** What the registry's `/v2/<path>/manifests/<ref>` endpoint is asked for: the digest, else the tag. */
  manifestReference: string;
}

/** Thrown for a reference kubelet rejects with the waiting reason `InvalidImageName`. */
export class InvalidImageReferenceError extends Error {
  override readonly name = "InvalidImageReferenceError";
  /** The waiting reason kubelet records for the container. */
  readonly reason = "InvalidImageName";
  readonly image: string;
  /** The distribution/reference error alone, e.g. `invalid reference format`. */
  readonly parseError: string;

  constructor(image: string, parseError: string) {
    // kubelet pkg/kubelet/images/image_manager.go (EnsureImageExists) wraps
    // pkg/util/parsers/parsers.go (ParseImageName) around the distribution/reference error.
    super(`Failed to apply default image tag ${goQuote(image)}: couldn't parse image name ${goQuote(image)}: ${parseError}`);
    this.image = image;
    this.parseError = parseError;
  }
}

/** Parses and normalises an image reference; throws `InvalidImageReferenceError`. */
export function parseImageReference(image: string): ImageReference {
  const parsed = parseNormalizedNamed(image);
  if (typeof parsed === "string") throw new InvalidImageReferenceError(image, parsed);
  return parsed;
}

/** `parseImageReference` without throwing: the distribution/reference error text, or null when valid. */
export function imageReferenceError(image: string): string | null {
  const parsed = parseNormalizedNamed(image);
  return typeof parsed === "string" ? parsed : null;
}

/**
 * kubelet's `applyDefaultImageTag`: appends `:latest` when the image has neither tag nor digest,
 * keeping the familiar form (`nginx` → `nginx:latest`). Throws `InvalidImageReferenceError`.
 */
export function applyDefaultImageTag(image: string): string {
  const ref = parseImageReference(image);
  if (ref.tag === undefined && ref.digest === undefined) return `${image}:${DEFAULT_TAG}`;
  return image;
}

/** The host that serves a domain's Registry API (`docker.io` is served by `registry-1.docker.io`). */
export function registryApiHost(domain: string): string {
  return domain === DOCKER_HUB_DOMAIN ? "registry-1.docker.io" : domain;
}

function parseNormalizedNamed(input: string): ImageReference | string {
  if (input.length > MAX_INPUT_LENGTH) return "invalid reference format";
  if (anchoredIdentifierRegexp.test(input)) {
    return `invalid repository name (${input}), cannot specify 64-byte hexadecimal strings`;
  }
  const [domain, remainder] = splitDockerDomain(input);
  const tagSeparator = remainder.indexOf(":");
  const remote = tagSeparator > -1 ? remainder.slice(0, tagSeparator) : remainder;
  if (remote.toLowerCase() !== remote) {
    return `invalid reference format: repository name (${remote}) must be lowercase`;
  }
  return parseReference(`${domain}/${remainder}`, input);
}

// normalize.go splitDockerDomain
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf("/");
  if (slash === -1) return [DOCKER_HUB_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === "localhost") {
    [domain, remote] = [maybeDomain, maybeRemote];
  } else if (maybeDomain === LEGACY_DOCKER_HUB_DOMAIN) {
    [domain, remote] = [DOCKER_HUB_DOMAIN, maybeRemote];
  } else if (/[.:]/.test(maybeDomain)) {
    [domain, remote] = [maybeDomain, maybeRemote];
  } else if (maybeDomain.toLowerCase() !== maybeDomain) {
    // Uppercase namespaces are not allowed, so an uppercase first element is taken as a domain.
    [domain, remote] = [maybeDomain, maybeRemote];
  } else {
    [domain, remote] = [DOCKER_HUB_DOMAIN, name];
  }
  if (domain === DOCKER_HUB_DOMAIN && !remote.includes("/")) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

// reference.go Parse
function parseReference(s: string, original: string): ImageReference | string {
  const matches = referenceRegexp.exec(s);
  if (!matches) {
    const lower = s.toLowerCase();
    if (lower !== s && referenceRegexp.test(lower)) return "repository name must be lowercase";
    return "invalid reference format";
  }
  const name = matches[1] ?? "";
  const nameMatch = anchoredNameRegexp.exec(name);
  const domain = nameMatch?.[1] ?? "";
  const path = nameMatch ? (nameMatch[2] ?? "") : name;
  if (path.length > REPOSITORY_NAME_MAX_LENGTH) {
    return `repository name must not be more than ${REPOSITORY_NAME_MAX_LENGTH} characters`;
  }
  const tag = matches[2] || undefined;
  const digest = matches[3] || undefined;
  if (digest !== undefined) {
    const digestError = validateDigest(digest);
    if (digestError) return digestError;
  }
  const normalizedName = `${domain}/${path}`;
  return {
    original,
    domain,
    path,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
    normalizedName,
    familiarName: familiarName(domain, path),
    dockerRef: digest !== undefined ? `${normalizedName}@${digest}` : `${normalizedName}:${tag ?? DEFAULT_TAG}`,
    manifestReference: digest ?? tag ?? DEFAULT_TAG,
  };
}

// github.com/opencontainers/go-digest Digest.Validate
function validateDigest(digest: string): string | null {
  const colon = digest.indexOf(":");
  if (colon <= 0 || colon + 1 === digest.length) return "invalid checksum digest format";
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const hexLength = DIGEST_HEX_LENGTH[algorithm];
  if (hexLength === undefined) {
    return anchoredDigestRegexp.test(digest) ? "unsupported digest algorithm" : "invalid checksum digest format";
  }
  if (encoded.length !== hexLength) return "invalid checksum digest length";
  if (!/^[a-f0-9]+$/.test(encoded)) return "invalid checksum digest format";
  return null;
}

// normalize.go familiarizeName
function familiarName(domain: string, path: string): string {
  if (domain !== DOCKER_HUB_DOMAIN) return `${domain}/${path}`;
  if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes("/")) return rest;
  }
  return path;
}
