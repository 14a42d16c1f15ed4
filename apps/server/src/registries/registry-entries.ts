import type { V1Secret } from "@kubernetes/client-node";
import type { RegistryEntryInput } from "@paddock/contracts";
import {
  DOCKER_CONFIG_JSON_KEY,
  DOCKERCFG_KEY,
  InvalidRegistryAddressError,
  normaliseRegistryAddress,
  parseDockerCfg,
  parseDockerConfigJson,
  type DockerConfigEntry,
} from "@paddock/registry-auth";
import type { FieldIssue } from "@paddock/contracts";
import { InvalidError } from "../errors.ts";

/** An entry of a create or edit request, its address cleaned up; `password` is "" when left empty. */
export interface RequestedEntry {
  address: string;
  username: string;
  password: string;
  /** where it was in the request, for error paths */
  index: number;
}

/**
 * Cleans up every address of a request (a pasted `https://` removed, Docker Hub's names mapped to
 * `https://index.docker.io/v1/`, …) and refuses addresses that are not valid or appear twice.
 * `notes` say, per address, what was changed.
 */
export function normaliseEntries(inputs: readonly RegistryEntryInput[]): { entries: RequestedEntry[]; notes: string[] } {
  const issues: FieldIssue[] = [];
  const notes: string[] = [];
  const entries: RequestedEntry[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const path = `body.registries.${index}.address`;
    let address: string;
    try {
      const normalised = normaliseRegistryAddress(input.address);
      address = normalised.address;
      if (normalised.note) notes.push(`${input.address}: ${normalised.note}`);
    } catch (error) {
      if (!(error instanceof InvalidRegistryAddressError)) throw error;
      issues.push({ path, message: `${error.message}.`.replace(/\.\.$/, ".") });
      return;
    }
    const first = seen.get(address);
    if (first !== undefined) {
      issues.push({ path, message: `The address ${address} is already in entry ${first + 1}: a registry secret holds one entry per address.` });
      return;
    }
    seen.set(address, index);
    entries.push({ address, username: input.username, password: input.password ?? "", index });
  });
  if (issues.length > 0) {
    throw new InvalidError(`Check the registry addresses: ${issues.map((i) => i.message).join(" ")}`, issues);
  }
  return { entries, notes };
}

/** The entries stored in a registry Secret, passwords included (server side only); [] when unreadable. */
export function storedEntries(secret: Pick<V1Secret, "type" | "data">): DockerConfigEntry[] {
  const data = secret.data ?? {};
  try {
    if (secret.type === "kubernetes.io/dockercfg") return parseDockerCfg(decode(data[DOCKERCFG_KEY]));
    return parseDockerConfigJson(decode(data[DOCKER_CONFIG_JSON_KEY]));
  } catch {
    return [];
  }
}

function decode(base64: string | undefined): string {
  return Buffer.from(base64 ?? "", "base64").toString("utf8");
}

/** Two addresses name the same registry entry when they clean up to the same address. */
export function sameAddress(stored: string, requested: string): boolean {
  return stored === requested || cleanedUp(stored) === cleanedUp(requested);
}

function cleanedUp(address: string): string {
  try {
    return normaliseRegistryAddress(address).address;
  } catch {
    return address;
  }
}

export type PasswordSource = "create" | "edit" | "clone";

/**
 * The entries to write. A password left empty is taken, on the server, from the stored entry for
 * the same address (an edit keeps its passwords; a clone copies its source's); an address with no
 * stored password needs one.
 */
export function completeEntries(requested: readonly RequestedEntry[], stored: readonly DockerConfigEntry[], source: PasswordSource): DockerConfigEntry[] {
  const missing: RequestedEntry[] = [];
  const complete = requested.map((entry): DockerConfigEntry => {
    const previous = stored.find((s) => sameAddress(s.server, entry.address));
    const email = previous?.email ? { email: previous.email } : {};
    if (entry.password !== "") return { server: entry.address, username: entry.username, password: entry.password, ...email };
    if (source !== "create" && previous && previous.password !== "") {
      return { server: entry.address, username: entry.username, password: previous.password, ...email };
    }
    missing.push(entry);
    return { server: entry.address, username: entry.username, password: "" };
  });
  if (missing.length > 0) {
    const addresses = missing.map((m) => m.address);
    throw new InvalidError(
      missingPasswordMessage(addresses, source),
      missing.map((m) => ({ path: `body.registries.${m.index}.password`, message: `Enter the password for ${m.address}.` })),
    );
  }
  return complete;
}

function missingPasswordMessage(addresses: string[], source: PasswordSource): string {
  const list = addresses.join(", ");
  const plural = addresses.length > 1;
  switch (source) {
    case "create":
      return `Enter the password for ${list}.`;
    case "edit":
      return `Enter the password for ${list}: ${plural ? "these addresses are" : "this address is"} new to the registry, so there is no stored password to keep.`;
    case "clone":
      return `Enter the password for ${list}: the registry you clone has no password for ${plural ? "these addresses" : "this address"}.`;
  }
}
