import { describe, expect, it } from "vitest";
import { buildDockerCfg, buildDockerConfigJson, DockerConfigParseError, type DockerConfigEntry } from "./docker-config.ts";
import { DockerKeyring, keyringKey, makeKeyringFromSecrets, urlsMatchStr, type PullSecret } from "./keyring.ts";

/** A secret per inner list, each entry `server → username`; the username names the credential. */
type SecretSpec = Array<Array<[server: string, username: string]>>;

function keyringOf(spec: SecretSpec): DockerKeyring {
  const keyring = new DockerKeyring();
  spec.forEach((entries, i) => {
    keyring.add(
      entries.map(([server, username]) => ({ server, username, password: `pw-${username}` })),
      { secretName: `secret${i + 1}` },
    );
  });
  return keyring;
}

function used(spec: SecretSpec, image: string): string[] {
  return keyringOf(spec).lookup(image).map((cred) => cred.username);
}

describe("DockerKeyring.lookup: the vectors of the facts file (§5.1)", () => {
  it.each<[string, SecretSpec, string, string[]]>([
    ["host key", [[["quay.io", "q"]]], "quay.io/example/private", ["q"]],
    ["scheme removed", [[["https://quay.io", "q"]]], "quay.io/example/private", ["q"]],
    ["more specific path first", [[["quay.io/example", "ns"], ["quay.io", "host"]]], "quay.io/example/private", ["ns", "host"]],
    ["path is a plain string prefix", [[["quay.io/exam", "prefix"]]], "quay.io/example/private", ["prefix"]],
    ["host glob", [[["*.example.com", "glob"]]], "registry.example.com/app", ["glob"]],
    ["glob needs a label", [[["*.example.com", "glob"]]], "example.com/app", []],
    ["glob matches one label only", [[["*.example.com", "glob"]]], "a.b.example.com/app", []],
    ["port", [[["registry:5000", "port"]]], "registry:5000/app", ["port"]],
    ["Docker Hub default-registry fallback", [[["https://index.docker.io/v1/", "hub"]]], "docker.io/library/nginx", ["hub"]],
    ["docker.io direct match", [[["docker.io", "hub2"]]], "docker.io/library/nginx", ["hub2"]],
    ["same key in two secrets, pod order", [[["quay.io", "first"]], [["quay.io", "second"]]], "quay.io/a/b", ["first", "second"]],
    ["loopback with port", [[["127.0.0.1:5443", "local"]]], "127.0.0.1:5443/private/app", ["local"]],
    ["case-sensitive host", [[["Quay.io", "q"]]], "quay.io/a/b", []],
  ])("%s", (_name, spec, image, expected) => {
    expect(used(spec, image)).toEqual(expected);
  });
});

describe("DockerKeyring.lookup: more of kubelet's rules", () => {
  it.each<[string, SecretSpec, string, string[]]>([
    // image names are normalised first (repoToPull)
    ["familiar image name", [[["docker.io", "hub"]]], "nginx", ["hub"]],
    ["tagged image", [[["quay.io", "q"]]], "quay.io/a/b:1.0", ["q"]],
    ["digest image", [[["quay.io", "q"]]], `quay.io/a/b@sha256:${"0".repeat(64)}`, ["q"]],
    // Docker Hub's many names
    ["index.docker.io without /v1/", [[["index.docker.io", "hub"]]], "nginx", ["hub"]],
    ["index.docker.io /v2/", [[["https://index.docker.io/v2/", "hub"]]], "user/app", ["hub"]],
    ["index.docker.io/v1 without the last slash keeps its path", [[["index.docker.io/v1", "hub"]]], "nginx", []],
    ["registry-1.docker.io never matches", [[["registry-1.docker.io", "hub"]]], "nginx", []],
    ["direct match wins over the fallback", [[["https://index.docker.io/v1/", "hub"], ["docker.io", "direct"]]], "nginx", ["direct"]],
    ["fallback only for Docker Hub images", [[["https://index.docker.io/v1/", "hub"]]], "quay.io/a/b", []],
    ["fallback for index.docker.io images", [[["https://index.docker.io/v1/", "hub"]]], "index.docker.io/user/app", ["hub"]],
    ["fallback also for localhost/ images (no dot, no port)", [[["https://index.docker.io/v1/", "hub"]]], "localhost/x", ["hub"]],
    ["docker.io namespace key", [[["docker.io/library", "lib"]]], "nginx", ["lib"]],
    ["docker.io namespace key misses other namespaces", [[["docker.io/library", "lib"]]], "user/app", []],
    // globs: Go filepath.Match per label
    ["glob keeps the case of the image host", [[["*.example.com", "glob"]]], "Registry.example.com/app", ["glob"]],
    ["character class", [[["registry-[0-9].example.com", "class"]]], "registry-7.example.com/app", ["class"]],
    ["character class miss", [[["registry-[0-9].example.com", "class"]]], "registry-x.example.com/app", []],
    ["negated class: Go's URL parser refuses ^ in a host", [[["registry-[^0-9].example.com", "neg"]]], "registry-x.example.com/app", []],
    ["a leading class is read as an IPv6 literal", [[["[a-c].example.com", "v6"]]], "b.example.com/app", []],
    ["prefix glob", [[["reg*.example.com", "g"]]], "registry.example.com/app", ["g"]],
    ["glob in every label", [[["*.*.io", "g"]]], "a.quay.io/app", ["g"]],
    ["malformed class never matches", [[["registry-[.example.com", "bad"]]], "registry-[.example.com/app", []],
    ["? cuts the key like a URL query", [[["registry-?.example.com", "q"]]], "registry-1.example.com/app", []],
    // ports
    ["glob with port", [[["*.example.com:5000", "g"]]], "a.example.com:5000/app", ["g"]],
    ["port required when the key has one", [[["*.example.com:5000", "g"]]], "a.example.com/app", []],
    ["no port in key, port in image", [[["registry.example.com", "r"]]], "registry.example.com:5000/app", []],
    ["wildcard host with port", [[["*:5000", "any"]]], "localhost:5000/x", ["any"]],
    ["class with port is lost by SplitHostPort", [[["registry-[0-9].example.com:5000", "class"]]], "registry-1.example.com:5000/app", []],
    ["IPv6 loopback", [[["[::1]:5000", "v6"]]], "[::1]:5000/app", ["v6"]],
    ["http scheme removed", [[["http://127.0.0.1:5000", "local"]]], "127.0.0.1:5000/demo/hello:1.0", ["local"]],
    // paths
    ["path prefix across repository names", [[["quay.io/example", "ns"]]], "quay.io/example2/x", ["ns"]],
    ["trailing slash in path", [[["quay.io/example/", "ns"]]], "quay.io/example/private", ["ns"]],
    ["trailing slash needs a deeper image", [[["quay.io/example/", "ns"]]], "quay.io/example", []],
    ["/v2/ prefix dropped from a path", [[["https://quay.io/v2/org", "org"]]], "quay.io/org/app", ["org"]],
    ["other paths miss", [[["quay.io/other", "o"]]], "quay.io/example/private", []],
    ["user info ignored", [[["user@quay.io", "q"]]], "quay.io/a/b", ["q"]],
    // ordering
    [
      "keys in reverse lexical order, then secret order",
      [[["quay.io", "a"]], [["quay.io/org", "b"]], [["https://quay.io", "c"]]],
      "quay.io/org/x",
      ["b", "a", "c"],
    ],
    ["two servers with one key in one secret", [[["quay.io", "x"], ["https://quay.io/", "y"]]], "quay.io/a", ["x", "y"]],
  ])("%s", (_name, spec, image, expected) => {
    expect(used(spec, image)).toEqual(expected);
  });

  it("says where each credential came from", () => {
    const keyring = keyringOf([[["https://index.docker.io/v1/", "hub"]], [["quay.io", "q"]]]);
    expect(keyring.lookup("nginx")).toEqual([
      {
        username: "hub",
        password: "pw-hub",
        server: "https://index.docker.io/v1/",
        key: "index.docker.io",
        matchedBy: "default-registry",
        source: { secretName: "secret1" },
      },
    ]);
    expect(keyring.lookup("quay.io/a/b")).toEqual([
      { username: "q", password: "pw-q", server: "quay.io", key: "quay.io", matchedBy: "key", source: { secretName: "secret2" } },
    ]);
  });

  it("lists keys in kubelet's order and the entries it ignores", () => {
    const keyring = keyringOf([[["quay.io", "a"], ["quay.io/org", "b"], ["https://index.docker.io/v1/", "c"], ["[bad", "d"]]]);
    expect(keyring.keys()).toEqual(["quay.io/org", "quay.io", "index.docker.io"]);
    expect(keyring.ignored).toEqual([{ server: "[bad", error: `parse "https://[bad": missing ']' in host`, source: { secretName: "secret1" } }]);
  });
});

describe("DockerKeyring: adds after a lookup", () => {
  it("orders keys added after a lookup as if they had all been added first", () => {
    const keyring = new DockerKeyring();
    keyring.add([{ server: "quay.io", username: "host", password: "1" }]);
    expect(keyring.lookup("quay.io/org/app").map((c) => c.username)).toEqual(["host"]);
    keyring.add([{ server: "quay.io/org", username: "org", password: "2" }]);
    keyring.add([{ server: "https://quay.io", username: "host2", password: "3" }]);
    expect(keyring.lookup("quay.io/org/app").map((c) => c.username)).toEqual(["org", "host", "host2"]);
    expect(keyring.keys()).toEqual(["quay.io/org", "quay.io"]);
  });

  it("sorts keys by their UTF-8 bytes, as Go does, not by UTF-16 code units", () => {
    // U+FF5E is one UTF-16 unit above the surrogates of U+1F600 but below its UTF-8 lead byte (0xEF < 0xF0).
    const keyring = new DockerKeyring();
    keyring.add([
      { server: "quay.io/\u{1F600}", username: "emoji", password: "1" },
      { server: "quay.io/\uFF5E", username: "tilde", password: "2" },
    ]);
    expect(keyring.keys()).toEqual(["quay.io/\u{1F600}", "quay.io/\uFF5E"]);
  });

  it("returns a copy of its keys", () => {
    const keyring = keyringOf([[["quay.io", "a"]]]);
    keyring.keys().push("intruder.example.com");
    expect(keyring.keys()).toEqual(["quay.io"]);
  });
});

describe("keyringKey", () => {
  it.each([
    ["quay.io", "quay.io"],
    ["https://quay.io", "quay.io"],
    ["https://quay.io/", "quay.io"],
    ["https://index.docker.io/v1/", "index.docker.io"],
    ["index.docker.io/v2/", "index.docker.io"],
    ["quay.io/v2/org/", "quay.io/org/"],
    ["quay.io/org", "quay.io/org"],
    ["127.0.0.1:5000", "127.0.0.1:5000"],
    ["*.example.com", "*.example.com"],
    ["registry-?.example.com", "registry-"],
    ["Quay.IO", "Quay.IO"],
  ])("%s -> %s", (server, key) => {
    expect(keyringKey(server)).toBe(key);
  });

  it.each([
    ["[bad", `parse "https://[bad": missing ']' in host`],
    ["quay.io:port", `parse "https://quay.io:port": invalid port ":port" after host`],
    ["bad host", `parse "https://bad host": invalid character " " in host name`],
  ])("%s is ignored by kubelet", (server, error) => {
    expect(keyringKey(server)).toEqual({ error });
  });
});

describe("urlsMatchStr", () => {
  it.each([
    ["*.docker.io", "blah.docker.io", true],
    ["*.docker.io", "not.right.io", false],
    ["gcr.io", "gcr.io/etcd-development/etcd", true],
    ["r[a-c].io", "rb.io/x", true],
    ["[a-c].io", "b.io/x", false],
    ["\\*.io", "*.io/x", false],
  ])("%s ~ %s = %s", (glob, target, expected) => {
    expect(urlsMatchStr(glob, target)).toBe(expected);
  });
});

function secret(name: string, type: string, data: Record<string, string>): PullSecret {
  return { name, namespace: "default", type, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")])) };
}

describe("makeKeyringFromSecrets: kubelet's MakeDockerKeyring", () => {
  const quay: DockerConfigEntry[] = [{ server: "quay.io", username: "q", password: "p" }];

  it("reads dockerconfigjson and legacy dockercfg secrets in pod order", () => {
    const keyring = makeKeyringFromSecrets([
      secret("legacy", "kubernetes.io/dockercfg", { ".dockercfg": buildDockerCfg([{ server: "quay.io", username: "old", password: "1" }]) }),
      secret("modern", "kubernetes.io/dockerconfigjson", { ".dockerconfigjson": buildDockerConfigJson(quay) }),
    ]);
    expect(keyring.lookup("quay.io/a/b").map((c) => [c.username, c.source?.secretName])).toEqual([
      ["old", "legacy"],
      ["q", "modern"],
    ]);
    expect(keyring.lookup("quay.io/a/b")[0]?.source).toEqual({ secretName: "legacy", namespace: "default", secretType: "kubernetes.io/dockercfg" });
  });

  it("uses auth-only entries", () => {
    const keyring = makeKeyringFromSecrets([
      secret("a", "kubernetes.io/dockerconfigjson", { ".dockerconfigjson": '{"auths":{"quay.io":{"auth":"dTpw"}}}' }),
    ]);
    expect(keyring.lookup("quay.io/x/y")).toMatchObject([{ username: "u", password: "p" }]);
  });

  it("ignores other types, other keys and empty data", () => {
    const keyring = makeKeyringFromSecrets([
      secret("opaque", "Opaque", { ".dockerconfigjson": buildDockerConfigJson(quay) }),
      secret("wrong-key", "kubernetes.io/dockerconfigjson", { ".dockercfg": buildDockerCfg(quay) }),
      secret("empty", "kubernetes.io/dockerconfigjson", { ".dockerconfigjson": "" }),
      { name: "no-data", type: "kubernetes.io/dockercfg" },
    ]);
    expect(keyring.lookup("quay.io/a/b")).toEqual([]);
  });

  it("fails like kubelet on a document it cannot decode", () => {
    expect(() =>
      makeKeyringFromSecrets([secret("broken", "kubernetes.io/dockerconfigjson", { ".dockerconfigjson": '{"auths":' })]),
    ).toThrow(new DockerConfigParseError("unexpected end of JSON input"));
  });
});
