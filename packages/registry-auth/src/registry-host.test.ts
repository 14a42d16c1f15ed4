import { describe, expect, it } from "vitest";
import { DockerKeyring } from "./keyring.ts";
import {
  InvalidRegistryAddressError,
  isLoopbackHost,
  normaliseRegistryAddress,
  registryApiBase,
  registryApiHostPort,
  WELL_KNOWN_REGISTRIES,
} from "./registry-host.ts";

describe("normaliseRegistryAddress", () => {
  it.each([
    // input, address, note
    ["quay.io", "quay.io", undefined],
    ["ghcr.io", "ghcr.io", undefined],
    ["127.0.0.1:5000", "127.0.0.1:5000", undefined],
    ["localhost:5000", "localhost:5000", undefined],
    ["registry.example.com/team", "registry.example.com/team", undefined],
    ["*.example.com", "*.example.com", undefined],
    ["registry-[0-9].example.com", "registry-[0-9].example.com", undefined],
    ["*.example.com:5000", "*.example.com:5000", undefined],
    ["[::1]:5000", "[::1]:5000", undefined],
    ["https://quay.io", "quay.io", 'Removed "https://".'],
    ["https://quay.io/", "quay.io", 'Removed "https://", removed the trailing "/".'],
    ["http://127.0.0.1:5000/", "127.0.0.1:5000", 'Removed "http://", removed the trailing "/".'],
    ["quay.io/", "quay.io", 'Removed the trailing "/".'],
    ["  quay.io ", "quay.io", "Removed surrounding spaces."],
    ["HTTPS://Quay.IO/Org", undefined, undefined],
    ["https://registry.gitlab.com/v2/", "registry.gitlab.com", 'Removed "https://", removed the trailing "/", removed the API path "/v2".'],
    ["quay.io/v2/org", "quay.io/org", 'Removed the API path "/v2".'],
    ["Quay.io", "quay.io", "Lower-cased the host name (kubelet compares host names case-sensitively and image names use lower case)."],
    // Docker Hub's names all become kubectl's default server
    ["https://index.docker.io/v1/", "https://index.docker.io/v1/", undefined],
    ["index.docker.io", "https://index.docker.io/v1/", "Docker Hub credentials are stored under https://index.docker.io/v1/, as kubectl does."],
    ["docker.io", "https://index.docker.io/v1/", "Docker Hub credentials are stored under https://index.docker.io/v1/, as kubectl does."],
    ["https://registry-1.docker.io/v2/", "https://index.docker.io/v1/", "Docker Hub credentials are stored under https://index.docker.io/v1/, as kubectl does."],
    ["index.docker.io/v1/", "https://index.docker.io/v1/", "Docker Hub credentials are stored under https://index.docker.io/v1/, as kubectl does."],
  ])("%s", (input, address, note) => {
    if (address === undefined) {
      // a path with capitals is not a repository path
      expect(() => normaliseRegistryAddress(input)).toThrow(InvalidRegistryAddressError);
      return;
    }
    const result = normaliseRegistryAddress(input);
    expect(result.address).toBe(address);
    expect(result.note).toBe(note);
  });

  it.each([
    ["", "Enter a registry address, for example quay.io"],
    ["   ", "Enter a registry address, for example quay.io"],
    ["docker://quay.io", '"docker://" is not a registry address prefix: enter the host name only, for example quay.io'],
    ["quay io", "A registry address cannot contain spaces"],
    ["registry-?.example.com", '"?" cannot be used: kubelet reads it as the start of a URL query, so the address would never match an image'],
    ["user@quay.io", "Put the user name in the Username field, not in the address"],
    ["quay.io:http", '"http" is not a port number (1 to 65535)'],
    ["quay.io:70000", '"70000" is not a port number (1 to 65535)'],
    ["quay..io", '"quay..io" has an empty label between dots'],
    ["quay_io.com", '"quay_io" is not a valid host name part: use letters, digits, "-", and the wildcards "*" or "[a-z]"'],
    ["r[^0-9].example.com", '"r[^0-9]" is not a valid host name part: use letters, digits, "-", and the wildcards "*" or "[a-z]"'],
    ["[a-c].example.com", '"[a-c].example.com" cannot start with "[": kubelet reads that as an IPv6 address in brackets'],
    ["r[0-9].example.com:5000", 'A "[...]" wildcard cannot be combined with a port: kubelet would never match it'],
    ["quay.io/Org", '"Org" is not a valid repository path part: use lower-case letters, digits and ".", "_", "-" between them'],
    ["quay.io/a//b", '"" is not a valid repository path part: use lower-case letters, digits and ".", "_", "-" between them'],
  ])("rejects %j", (input, message) => {
    expect(() => normaliseRegistryAddress(input)).toThrow(new InvalidRegistryAddressError(message));
  });

  it("gives addresses kubelet files under the same key and matches", () => {
    for (const [input, image] of [
      ["https://quay.io/", "quay.io/org/app"],
      ["HTTP://127.0.0.1:5000/", "127.0.0.1:5000/demo/hello:1.0"],
      ["docker.io", "nginx"],
      ["https://registry.gitlab.com/v2/", "registry.gitlab.com/group/project"],
    ] as const) {
      const keyring = new DockerKeyring();
      keyring.add([{ server: normaliseRegistryAddress(input).address, username: "u", password: "p" }]);
      expect(keyring.lookup(image)).toHaveLength(1);
    }
  });
});

describe("WELL_KNOWN_REGISTRIES", () => {
  it("lists the usual public registries with addresses that need no normalising", () => {
    expect(WELL_KNOWN_REGISTRIES.map((r) => [r.label, r.address])).toEqual([
      ["DockerHub", "https://index.docker.io/v1/"],
      ["Quay.io", "quay.io"],
      ["GitHub Container Registry", "ghcr.io"],
      ["GitLab Container Registry", "registry.gitlab.com"],
    ]);
    for (const registry of WELL_KNOWN_REGISTRIES) {
      expect(normaliseRegistryAddress(registry.address)).toEqual({ address: registry.address });
    }
  });
});

describe("registryApiBase", () => {
  it.each([
    ["quay.io", "https://quay.io"],
    ["https://quay.io/", "https://quay.io"],
    ["quay.io/org", "https://quay.io"],
    ["registry.example.com:8443", "https://registry.example.com:8443"],
    ["https://index.docker.io/v1/", "https://registry-1.docker.io"],
    ["docker.io", "https://registry-1.docker.io"],
    ["127.0.0.1:5000", "http://127.0.0.1:5000"],
    ["127.1.2.3:5000", "http://127.1.2.3:5000"],
    ["localhost:5000", "http://localhost:5000"],
    ["LOCALHOST", "http://LOCALHOST"],
    ["[::1]:5000", "http://[::1]:5000"],
    ["128.0.0.1:5000", "https://128.0.0.1:5000"],
    ["[::2]:5000", "https://[::2]:5000"],
  ])("%s -> %s", (address, base) => {
    expect(registryApiBase(address)).toBe(base);
  });

  it("refuses wildcard addresses", () => {
    expect(() => registryApiHostPort("*.example.com")).toThrow('"*.example.com" is a wildcard address: it cannot be contacted');
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["localhost", true],
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["::1", true],
    ["[::1]", true],
    ["0:0:0:0:0:0:0:1", true],
    ["10.0.0.1", false],
    ["example.com", false],
    ["localhost.example.com", false],
  ])("%s -> %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
