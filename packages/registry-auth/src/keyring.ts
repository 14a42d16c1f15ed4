// kubelet's choice of pull credentials for an image: kubernetes pkg/credentialprovider/keyring.go
// (BasicDockerKeyring Add/Lookup, URLsMatch, isDefaultRegistryMatch) and
// pkg/credentialprovider/secrets/secrets.go (MakeDockerKeyring).

import { parseDockerCfg, parseDockerConfigJson, type DockerConfigEntry } from "./docker-config.ts";
import { goFilepathMatch } from "./go-filepath-match.ts";
import { parseGoUrl, splitGoHostPort } from "./go-url.ts";
import { parseImageReference } from "./image-reference.ts";

export const SECRET_TYPE_DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
export const SECRET_TYPE_DOCKERCFG = "kubernetes.io/dockercfg";
export const DOCKER_CONFIG_JSON_KEY = ".dockerconfigjson";
export const DOCKERCFG_KEY = ".dockercfg";

const DEFAULT_REGISTRY_KEY = "index.docker.io";

/** Where a credential came from, so that the dashboard can say why it was picked. */
export interface CredentialSource {
  secretName?: string;
  namespace?: string;
  secretType?: string;
}

export interface Credential {
  username: string;
  password: string;
  email?: string;
  /** The entry's server as written in the secret, e.g. `https://index.docker.io/v1/`. */
  server: string;
  /** The keyring key it was filed under after kubelet's normalisation, e.g. `index.docker.io`. */
  key: string;
  /** `key` when the image matched the key itself; `default-registry` when it was Docker Hub's fallback. */
  matchedBy: "key" | "default-registry";
  source?: CredentialSource;
}

interface StoredCredential {
  username: string;
  password: string;
  email?: string;
  server: string;
  source?: CredentialSource;
}

/** Entries whose server kubelet cannot parse are ignored (it only logs them). */
export interface IgnoredEntry {
  server: string;
  error: string;
  source?: CredentialSource;
}

export class DockerKeyring {
  private readonly credsByKey = new Map<string, StoredCredential[]>();
  /** The keys in kubelet's order; sorted on the first read after an add brought a new key, so that building stays linear. */
  private sortedKeys: string[] | undefined = [];
  readonly ignored: IgnoredEntry[] = [];

  /** Files entries under their normalised keys (BasicDockerKeyring.Add). */
  add(entries: readonly DockerConfigEntry[], source?: CredentialSource): void {
    for (const entry of entries) {
      const key = keyringKey(entry.server);
      if (typeof key !== "string") {
        this.ignored.push({ server: entry.server, error: key.error, ...(source ? { source } : {}) });
        continue;
      }
      const stored: StoredCredential = {
        username: entry.username,
        password: entry.password,
        server: entry.server,
        ...(entry.email ? { email: entry.email } : {}),
        ...(source ? { source } : {}),
      };
      const list = this.credsByKey.get(key);
      if (list) list.push(stored);
      else {
        this.credsByKey.set(key, [stored]);
        this.sortedKeys = undefined;
      }
    }
  }

  /** The keys in the order kubelet tries them. */
  keys(): string[] {
    return [...this.index()];
  }

  // kubelet re-sorts on every Add; sorting once before a read gives the same order.
  private index(): string[] {
    this.sortedKeys ??= reverseByteOrder([...this.credsByKey.keys()]);
    return this.sortedKeys;
  }

  /**
   * The credentials kubelet would try, in order, for an image (`nginx`, `quay.io/a/b:1`) or a
   * normalised repository name (`docker.io/library/nginx`). An empty list means an anonymous pull.
   */
  lookup(image: string): Credential[] {
    const repoToPull = repositoryToPull(image);
    const found: Credential[] = [];
    for (const key of this.index()) {
      if (!urlsMatchStr(key, repoToPull)) continue;
      for (const cred of this.credsByKey.get(key) ?? []) found.push(toCredential(cred, key, "key"));
    }
    if (found.length > 0) return found;
    if (isDefaultRegistryMatch(repoToPull)) {
      const hub = this.credsByKey.get(DEFAULT_REGISTRY_KEY) ?? [];
      return hub.map((cred) => toCredential(cred, DEFAULT_REGISTRY_KEY, "default-registry"));
    }
    return [];
  }
}

export interface PullSecret {
  name: string;
  namespace?: string;
  type: string;
  /** Secret data, base64 encoded as in the API. */
  data?: Record<string, string>;
}

/**
 * MakeDockerKeyring: the docker-config secrets in pod order, others ignored. A document kubelet cannot
 * decode throws `DockerConfigParseError` (kubelet aborts the pull with that error).
 */
export function makeKeyringFromSecrets(secrets: readonly PullSecret[]): DockerKeyring {
  const keyring = new DockerKeyring();
  for (const secret of secrets) {
    const source: CredentialSource = {
      secretName: secret.name,
      secretType: secret.type,
      ...(secret.namespace !== undefined ? { namespace: secret.namespace } : {}),
    };
    if (secret.type === SECRET_TYPE_DOCKER_CONFIG_JSON) {
      const text = decodedData(secret, DOCKER_CONFIG_JSON_KEY);
      if (text !== undefined) keyring.add(parseDockerConfigJson(text), source);
    } else if (secret.type === SECRET_TYPE_DOCKERCFG) {
      const text = decodedData(secret, DOCKERCFG_KEY);
      if (text !== undefined) keyring.add(parseDockerCfg(text), source);
    }
  }
  return keyring;
}

function decodedData(secret: PullSecret, key: string): string | undefined {
  const encoded = secret.data?.[key];
  if (encoded === undefined || encoded.length === 0) return undefined;
  const text = Buffer.from(encoded, "base64").toString("utf8");
  return text.length > 0 ? text : undefined;
}

/**
 * The key kubelet files an entry under: `https://` is assumed when no scheme is given, a path starting
 * with `/v1/` or `/v2/` loses that prefix (`https://index.docker.io/v1/` → `index.docker.io`), and a
 * remaining path other than `/` is kept (`quay.io/org`). Returns the Go URL error for an unusable server.
 */
export function keyringKey(server: string): string | { error: string } {
  const value = server.startsWith("https://") || server.startsWith("http://") ? server : `https://${server}`;
  const parsed = parseGoUrl(value);
  if ("error" in parsed) return { error: `parse "${value}": ${parsed.error}` };
  let path = parsed.path;
  if (path.startsWith("/v2/") || path.startsWith("/v1/")) path = path.slice(3);
  return path.length > 0 && path !== "/" ? parsed.host + path : parsed.host;
}

/**
 * kubelet's URLsMatchStr: same port, same number of host labels each matching the key's label as a
 * Go filepath.Match glob (case-sensitive), and the key's path a plain string prefix of the image's.
 */
export function urlsMatchStr(glob: string, target: string): boolean {
  const globUrl = parseGoUrl(`https://${glob}`);
  const targetUrl = parseGoUrl(`https://${target}`);
  if ("error" in globUrl || "error" in targetUrl) return false;
  const [globLabels, globPort] = splitUrlHost(globUrl.host);
  const [targetLabels, targetPort] = splitUrlHost(targetUrl.host);
  if (globPort !== targetPort) return false;
  if (globLabels.length !== targetLabels.length) return false;
  if (!targetUrl.path.startsWith(globUrl.path)) return false;
  try {
    return globLabels.every((label, i) => goFilepathMatch(label, targetLabels[i] as string));
  } catch {
    return false; // a malformed glob never matches
  }
}

function splitUrlHost(host: string): [string[], string] {
  const split = splitGoHostPort(host);
  const name = split ? split.host : host;
  return [name.split("."), split ? split.port : ""];
}

// keyring.go isDefaultRegistryMatch
function isDefaultRegistryMatch(image: string): boolean {
  const slash = image.indexOf("/");
  const first = slash === -1 ? image : image.slice(0, slash);
  if (first.length === 0) return false;
  if (slash === -1) return true;
  if (first === "docker.io" || first === "index.docker.io") return true;
  return !/[.:]/.test(first);
}

// kuberuntime_image.go PullImage: repoToPull is the normalised name without tag or digest.
function repositoryToPull(image: string): string {
  try {
    return parseImageReference(image).normalizedName;
  } catch {
    return image;
  }
}

function toCredential(cred: StoredCredential, key: string, matchedBy: Credential["matchedBy"]): Credential {
  return {
    username: cred.username,
    password: cred.password,
    server: cred.server,
    key,
    matchedBy,
    ...(cred.email ? { email: cred.email } : {}),
    ...(cred.source ? { source: cred.source } : {}),
  };
}

/**
 * Go's sort.Strings compares UTF-8 bytes; reverse order puts more specific paths first: quay.io/coreos
 * before quay.io. Each key is encoded once, not once per comparison.
 */
function reverseByteOrder(keys: string[]): string[] {
  return keys
    .map((key) => ({ key, bytes: Buffer.from(key, "utf8") }))
    .sort((a, b) => Buffer.compare(b.bytes, a.bytes))
    .map(({ key }) => key);
}
