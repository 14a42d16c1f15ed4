// Registry addresses as the dashboard takes them from users: cleaned up so that kubelet matches
// them (see keyring.ts), and turned into the base URL of the Registry API.

import { BlockList, isIPv4, isIPv6 } from "node:net";
import { DOCKER_HUB_SERVER } from "./docker-config.ts";
import { keyringKey } from "./keyring.ts";

export interface WellKnownRegistry {
  id: "dockerhub" | "quay" | "github" | "gitlab";
  label: string;
  address: string;
}

export const WELL_KNOWN_REGISTRIES: readonly WellKnownRegistry[] = [
  { id: "dockerhub", label: "DockerHub", address: DOCKER_HUB_SERVER },
  { id: "quay", label: "Quay.io", address: "quay.io" },
  { id: "github", label: "GitHub Container Registry", address: "ghcr.io" },
  { id: "gitlab", label: "GitLab Container Registry", address: "registry.gitlab.com" },
];

/** Host names that all mean Docker Hub; its credentials belong under `https://index.docker.io/v1/`. */
const DOCKER_HUB_HOSTS = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com"]);

export class InvalidRegistryAddressError extends Error {
  override readonly name = "InvalidRegistryAddressError";
}

export interface NormalisedRegistryAddress {
  /** The address to store as the `.dockerconfigjson` key. */
  address: string;
  /** What was changed and why, in plain words; absent when the input was kept as typed. */
  note?: string;
}

/**
 * Cleans a registry address typed or pasted by a user: strips `https://`/`http://` and trailing `/`,
 * an API path `/v1` or `/v2`, lower-cases the host, maps Docker Hub's names to kubectl's
 * `https://index.docker.io/v1/`, and checks `host[:port][/path]` (host labels may be globs: `*`, `[a-z]`).
 * Throws `InvalidRegistryAddressError` with the reason.
 */
export function normaliseRegistryAddress(input: string): NormalisedRegistryAddress {
  const changes: string[] = [];
  let rest = input.trim();
  if (rest.length === 0) throw new InvalidRegistryAddressError("Enter a registry address, for example quay.io");
  if (rest !== input) changes.push("removed surrounding spaces");

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (scheme) {
    const name = (scheme[1] as string).toLowerCase();
    if (name !== "https" && name !== "http") {
      throw new InvalidRegistryAddressError(`"${scheme[0]}" is not a registry address prefix: enter the host name only, for example quay.io`);
    }
    rest = rest.slice(scheme[0].length);
    changes.push(`removed "${scheme[0]}"`);
  }
  if (/\/+$/.test(rest)) {
    rest = rest.replace(/\/+$/, "");
    changes.push('removed the trailing "/"');
  }
  if (/\s/.test(rest)) throw new InvalidRegistryAddressError("A registry address cannot contain spaces");
  if (rest.includes("?")) {
    throw new InvalidRegistryAddressError('"?" cannot be used: kubelet reads it as the start of a URL query, so the address would never match an image');
  }
  if (rest.includes("#")) throw new InvalidRegistryAddressError('"#" cannot be used in a registry address');
  if (rest.includes("@")) {
    throw new InvalidRegistryAddressError("Put the user name in the Username field, not in the address");
  }

  const slash = rest.indexOf("/");
  let host = slash === -1 ? rest : rest.slice(0, slash);
  let path = slash === -1 ? "" : rest.slice(slash);
  const apiPath = /^\/v[12](?=\/|$)/.exec(path);
  if (apiPath) {
    path = path.slice(apiPath[0].length);
    changes.push(`removed the API path "${apiPath[0]}"`);
  }
  if (host !== host.toLowerCase()) {
    host = host.toLowerCase();
    changes.push("lower-cased the host name (kubelet compares host names case-sensitively and image names use lower case)");
  }

  const { name: hostName, port } = splitPort(host);
  if (DOCKER_HUB_HOSTS.has(hostName) && port === undefined && path === "") {
    const dockerHubNote = "Docker Hub credentials are stored under https://index.docker.io/v1/, as kubectl does";
    if (input === DOCKER_HUB_SERVER) return { address: DOCKER_HUB_SERVER };
    return { address: DOCKER_HUB_SERVER, note: `${dockerHubNote}.` };
  }
  validateHost(hostName, port);
  validatePath(path);
  const address = host + path;
  if (typeof keyringKey(address) !== "string") {
    throw new InvalidRegistryAddressError(`"${address}" is not an address kubelet can read`);
  }
  if (changes.length === 0) return { address };
  return { address, note: `${capitalise(changes.join(", "))}.` };
}

function splitPort(host: string): { name: string; port: string | undefined } {
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (close === -1) throw new InvalidRegistryAddressError(`"${host}" is missing the closing "]" of an IPv6 address`);
    const after = host.slice(close + 1);
    if (after === "") return { name: host, port: undefined };
    if (!after.startsWith(":")) {
      throw new InvalidRegistryAddressError(`"${host}" cannot start with "[": kubelet reads that as an IPv6 address in brackets`);
    }
    return { name: host.slice(0, close + 1), port: after.slice(1) };
  }
  const colon = host.indexOf(":");
  if (colon === -1) return { name: host, port: undefined };
  return { name: host.slice(0, colon), port: host.slice(colon + 1) };
}

// Go's URL parser refuses "^" and "\\" in a host, so negated classes and escapes cannot be used.
const HOST_LABEL = /^(?:[a-z0-9-]|\*|\[[a-z0-9-]+\])+$/;

function validateHost(name: string, port: string | undefined): void {
  if (name.length === 0) throw new InvalidRegistryAddressError("The address has no host name");
  if (port !== undefined) {
    if (!/^[0-9]+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      throw new InvalidRegistryAddressError(`"${port}" is not a port number (1 to 65535)`);
    }
  }
  if (name.startsWith("[")) {
    if (!name.endsWith("]") || !isIPv6(name.slice(1, -1))) {
      throw new InvalidRegistryAddressError(`"${name}" cannot start with "[": kubelet reads that as an IPv6 address in brackets`);
    }
    return;
  }
  for (const label of name.split(".")) {
    if (label.length === 0) throw new InvalidRegistryAddressError(`"${name}" has an empty label between dots`);
    if (!HOST_LABEL.test(label)) {
      throw new InvalidRegistryAddressError(
        `"${label}" is not a valid host name part: use letters, digits, "-", and the wildcards "*" or "[a-z]"`,
      );
    }
  }
  if (name.includes("[") && port !== undefined) {
    // kubelet splits host and port with net.SplitHostPort, which refuses "[" in a host name: the port is
    // then lost and such an address never matches (pkg/credentialprovider/keyring.go splitURL).
    throw new InvalidRegistryAddressError('A "[...]" wildcard cannot be combined with a port: kubelet would never match it');
  }
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;

function validatePath(path: string): void {
  if (path === "") return;
  for (const component of path.slice(1).split("/")) {
    if (!PATH_COMPONENT.test(component)) {
      throw new InvalidRegistryAddressError(
        `"${component}" is not a valid repository path part: use lower-case letters, digits and ".", "_", "-" between them`,
      );
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const loopbackAddresses = new BlockList();
loopbackAddresses.addSubnet("127.0.0.0", 8, "ipv4");
loopbackAddresses.addAddress("::1", "ipv6");

/** `localhost`, 127.0.0.0/8 and ::1: registries Docker and containerd talk to over plain HTTP by default. */
export function isLoopbackHost(host: string): boolean {
  const name = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (name.toLowerCase() === "localhost") return true;
  if (isIPv4(name)) return loopbackAddresses.check(name, "ipv4");
  if (isIPv6(name)) return loopbackAddresses.check(name, "ipv6");
  return false;
}

/** The `host[:port]` serving an address's Registry API (Docker Hub's is `registry-1.docker.io`). */
export function registryApiHostPort(address: string): string {
  const rest = address.trim().replace(/^https?:\/\//i, "");
  const hostPort = rest.split("/")[0] ?? "";
  if (hostPort.length === 0) throw new InvalidRegistryAddressError("The address has no host name");
  if (/[*?[\]]/.test(hostPort.replace(/^\[[0-9a-fA-F:.]+\]/, ""))) {
    throw new InvalidRegistryAddressError(`"${hostPort}" is a wildcard address: it cannot be contacted`);
  }
  const { name, port } = splitPort(hostPort.toLowerCase());
  if (DOCKER_HUB_HOSTS.has(name) && port === undefined) return "registry-1.docker.io";
  return hostPort;
}

/**
 * The base URL of an address's Registry API: `https://host[:port]`, or `http://` for loopback hosts,
 * which Docker and containerd treat as plain-HTTP registries by default.
 */
export function registryApiBase(address: string): string {
  const hostPort = registryApiHostPort(address);
  const { name } = splitPort(hostPort);
  return `${isLoopbackHost(name) ? "http" : "https"}://${hostPort}`;
}
