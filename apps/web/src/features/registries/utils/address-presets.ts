import { WELL_KNOWN_ADDRESSES } from "@paddock/contracts";

/** The Address radios of Rancher's Add Registry form. */
export const ADDRESS_PRESETS = ["DockerHub", "Quay.io", "Artifactory", "GitHub", "Custom"] as const;
export type AddressPreset = (typeof ADDRESS_PRESETS)[number];

/** Presets that need a host typed in. */
export function needsHost(preset: AddressPreset): boolean {
  return preset === "Artifactory" || preset === "Custom";
}

export function hostLabel(preset: AddressPreset): string {
  return preset === "Artifactory" ? "Artifactory Domain Name" : "Registry Domain Name";
}

/** The address stored for a preset (the host typed in for Artifactory and Custom). */
export function presetAddress(preset: AddressPreset, host: string): string {
  switch (preset) {
    case "DockerHub":
      return WELL_KNOWN_ADDRESSES.DockerHub;
    case "Quay.io":
      return WELL_KNOWN_ADDRESSES["Quay.io"];
    case "GitHub":
      return WELL_KNOWN_ADDRESSES.GitHub;
    default:
      return host.trim();
  }
}

// Docker Hub answers to several names; kubectl stores it under https://index.docker.io/v1/.
const DOCKER_HUB_NAMES = new Set(["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io", "https://index.docker.io/v1"]);

/** The radio and host that show a stored address. */
export function presetOf(address: string): { preset: AddressPreset; host: string } {
  const bare = address.trim();
  if (DOCKER_HUB_NAMES.has(bare.toLowerCase())) return { preset: "DockerHub", host: "" };
  const host = stripProtocol(bare).host;
  if (host === "quay.io") return { preset: "Quay.io", host: "" };
  if (host === "ghcr.io") return { preset: "GitHub", host: "" };
  if (/(^|\.)jfrog\.io(:|\/|$)|artifactory/i.test(host)) return { preset: "Artifactory", host };
  return { preset: "Custom", host };
}

/** A pasted `https://` (or `http://`) taken off the host, with a note saying so. */
export function stripProtocol(value: string): { host: string; note?: string } {
  const match = /^\s*(https?:\/\/)/i.exec(value);
  if (!match) return { host: value };
  const host = value.slice(match[0].length).replace(/\/+$/, "");
  return { host, note: `Removed "${match[1]!.toLowerCase()}": enter just the host name or IP address (with an optional port).` };
}

/** The host part of an address, as it appears in an image reference. */
export function imageHost(address: string): string | undefined {
  if (DOCKER_HUB_NAMES.has(address.trim().toLowerCase())) return undefined;
  return stripProtocol(address.trim()).host.replace(/\/.*$/, "");
}
