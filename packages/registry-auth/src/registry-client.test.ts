import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials, MANIFEST_ACCEPT, pullManifest, pushImage, type PullManifestResult } from "./registry-client.ts";
import { missingRegistryTools, startDockerRegistry, type DockerRegistryFixture } from "./testing/docker-registry.ts";
import { buildTinyImage, MEDIA_TYPES } from "./tiny-image.ts";

const missingTools = missingRegistryTools();
if (missingTools.length > 0) {
  throw new Error(`these tests need ${missingTools.join(", ")}: install them (apt-get install docker-registry apache2-utils openssl), as .ci/run does`);
}

const alice = { username: "alice", password: "wonderland" };
const wrongPassword = { username: "alice", password: "s3cret-but-wrong" };

function expectFailure(result: PullManifestResult): Extract<PullManifestResult, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

/** A TCP port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(server: net.Server): Promise<{ port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) (server as http.Server).closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("against docker-registry over plain HTTP with htpasswd", () => {
  let registry: DockerRegistryFixture;
  let host: string;
  const image = buildTinyImage();
  const ociImage = buildTinyImage({ format: "oci", files: { "oci.txt": "OCI\n" } });
  let pushedDigest: string;
  let indexDigest: string;

  beforeAll(async () => {
    registry = await startDockerRegistry({ users: { alice: alice.password, bob: "builder" } });
    host = registry.host;
    pushedDigest = (await pushImage({ registry: host, repository: "demo/hello", tag: "1.0", credential: alice, image })).digest;
    indexDigest = (await pushImage({ registry: host, repository: "demo/hello", tag: "multi", credential: alice, image: ociImage, asIndex: true })).digest;
  });
  afterAll(async () => {
    await registry?.stop();
  });

  describe("checkCredentials", () => {
    it("accepts the right password", async () => {
      expect(await checkCredentials({ address: host, ...alice })).toEqual({
        ok: true,
        kind: "accepted",
        status: 200,
        message: `Credentials accepted by ${host}`,
      });
    });

    it("takes an address pasted with scheme and slash", async () => {
      expect(await checkCredentials({ address: `http://${host}/`, username: "bob", password: "builder" })).toMatchObject({ ok: true, kind: "accepted" });
    });

    it("reports a wrong password without repeating it", async () => {
      const result = await checkCredentials({ address: host, ...wrongPassword });
      expect(result).toEqual({
        ok: false,
        kind: "unauthorized",
        status: 401,
        message: "The registry rejected the username or password (401 UNAUTHORIZED: authentication required)",
      });
      expect(result.message).not.toContain(wrongPassword.password);
    });

    it("reports an unknown user the same way", async () => {
      expect(await checkCredentials({ address: host, username: "mallory", password: "x" })).toMatchObject({ ok: false, kind: "unauthorized", status: 401 });
    });

    it("says when credentials are required", async () => {
      expect(await checkCredentials({ address: host })).toEqual({
        ok: false,
        kind: "unauthorized",
        status: 401,
        message: `${host} requires a username and password (401 UNAUTHORIZED: authentication required)`,
      });
    });

    it("picks up users added while running", async () => {
      await registry.addUser("carol", "c4rol-pass");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await checkCredentials({ address: host, username: "carol", password: "c4rol-pass" })).toMatchObject({ ok: true, kind: "accepted" });
    });

    it("reports a closed port as unreachable", async () => {
      const port = await closedPort();
      expect(await checkCredentials({ address: `127.0.0.1:${port}`, ...alice })).toEqual({
        ok: false,
        kind: "unreachable",
        message: `Could not reach 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
      });
    });
  });

  describe("pullManifest", () => {
    it("resolves a pushed schema 2 image and sizes it", async () => {
      const result = await pullManifest({ image: `${host}/demo/hello:1.0`, credentials: [alice] });
      expect(result).toMatchObject({
        ok: true,
        digest: image.manifest.digest,
        mediaType: MEDIA_TYPES.dockerManifest,
        size: image.config.size + image.layer.size,
        configDigest: image.config.digest,
        credentialIndex: 0,
      });
      expect(pushedDigest).toBe(image.manifest.digest);
    });

    it("picks linux/amd64 from an OCI index", async () => {
      const result = await pullManifest({ image: `${host}/demo/hello:multi`, credentials: [alice] });
      expect(result).toMatchObject({
        ok: true,
        digest: indexDigest,
        mediaType: MEDIA_TYPES.ociIndex,
        size: ociImage.config.size + ociImage.layer.size,
        configDigest: ociImage.config.digest,
      });
    });

    it("says when the index has no manifest for the platform", async () => {
      const result = expectFailure(await pullManifest({ image: `${host}/demo/hello:multi`, credentials: [alice], platform: { os: "linux", architecture: "arm64" } }));
      expect(result.message).toBe(`failed to pull and unpack image "${host}/demo/hello:multi": no match for platform in manifest: not found`);
    });

    it("resolves by digest", async () => {
      const result = await pullManifest({ image: `${host}/demo/hello@${image.manifest.digest}`, credentials: [alice] });
      expect(result).toMatchObject({ ok: true, digest: image.manifest.digest });
    });

    it("tries the credentials in order until one works", async () => {
      const result = await pullManifest({ image: `${host}/demo/hello:1.0`, credentials: [wrongPassword, alice] });
      expect(result).toMatchObject({ ok: true, credentialIndex: 1 });
      expect(result.ok && result.attempts).toEqual([
        {
          credentialIndex: 0,
          ok: false,
          reason: "unauthorized",
          message: `failed to pull and unpack image "${host}/demo/hello:1.0": failed to resolve reference "${host}/demo/hello:1.0": unexpected status from HEAD request to http://${host}/v2/demo/hello/manifests/1.0: 401 Unauthorized`,
        },
        { credentialIndex: 1, ok: true },
      ]);
    });

    it("fails with containerd's 401 text for a wrong password", async () => {
      const result = expectFailure(await pullManifest({ image: `${host}/demo/hello:1.0`, credentials: [wrongPassword] }));
      expect(result.message).toBe(
        `failed to pull and unpack image "${host}/demo/hello:1.0": failed to resolve reference "${host}/demo/hello:1.0": unexpected status from HEAD request to http://${host}/v2/demo/hello/manifests/1.0: 401 Unauthorized`,
      );
      expect(result.reason).toBe("unauthorized");
      expect(result.message).not.toContain(wrongPassword.password);
    });

    it("aggregates different failures like kubelet, and identical ones once", async () => {
      const different = expectFailure(
        await pullManifest({ image: `${host}/demo/hello:1.0`, credentials: [wrongPassword, { username: "alice", password: "" }] }),
      );
      const prefix = `failed to pull and unpack image "${host}/demo/hello:1.0": failed to resolve reference "${host}/demo/hello:1.0"`;
      expect(different.message).toBe(
        `[${prefix}: unexpected status from HEAD request to http://${host}/v2/demo/hello/manifests/1.0: 401 Unauthorized, ` +
          `${prefix}: pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials]`,
      );
      const same = expectFailure(await pullManifest({ image: `${host}/demo/hello:1.0`, credentials: [wrongPassword, { username: "bob", password: "nope" }] }));
      expect(same.message).toBe(`${prefix}: unexpected status from HEAD request to http://${host}/v2/demo/hello/manifests/1.0: 401 Unauthorized`);
      expect(same.attempts).toHaveLength(2);
    });

    it("pulls anonymously without credentials", async () => {
      const result = expectFailure(await pullManifest({ image: `${host}/demo/hello:1.0` }));
      expect(result.message).toBe(
        `failed to pull and unpack image "${host}/demo/hello:1.0": failed to resolve reference "${host}/demo/hello:1.0": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`,
      );
      expect(result.attempts).toEqual([{ credentialIndex: null, ok: false, reason: "unauthorized", message: result.message }]);
    });

    it("reports a missing tag as not found", async () => {
      const result = expectFailure(await pullManifest({ image: `${host}/demo/hello:nope`, credentials: [alice] }));
      expect(result.message).toBe(`failed to pull and unpack image "${host}/demo/hello:nope": failed to resolve reference "${host}/demo/hello:nope": ${host}/demo/hello:nope: not found`);
      expect(result.reason).toBe("not-found");
    });

    it("reports a missing repository as not found, with the default tag", async () => {
      const result = expectFailure(await pullManifest({ image: `${host}/demo/missing`, credentials: [alice] }));
      expect(result.message).toBe(`failed to pull and unpack image "${host}/demo/missing:latest": failed to resolve reference "${host}/demo/missing:latest": ${host}/demo/missing:latest: not found`);
    });

    it("reports a closed port like Go's dialer", async () => {
      const port = await closedPort();
      const result = expectFailure(await pullManifest({ image: `127.0.0.1:${port}/demo/hello:1.0`, credentials: [alice] }));
      expect(result.message).toBe(
        `failed to pull and unpack image "127.0.0.1:${port}/demo/hello:1.0": failed to resolve reference "127.0.0.1:${port}/demo/hello:1.0": failed to do request: Head "http://127.0.0.1:${port}/v2/demo/hello/manifests/1.0": dial tcp 127.0.0.1:${port}: connect: connection refused`,
      );
      expect(result.reason).toBe("unreachable");
    });

    it("reports an invalid image name", async () => {
      expect(await pullManifest({ image: "Demo/Hello" })).toMatchObject({
        ok: false,
        reason: "invalid-image",
        message: 'Failed to apply default image tag "Demo/Hello": couldn\'t parse image name "Demo/Hello": invalid reference format: repository name (Hello) must be lowercase',
      });
    });

    it("falls back from HTTPS to HTTP on loopback when a CA is given, like containerd", async () => {
      const ca = (await makeSelfSignedCert()).cert;
      expect(await pullManifest({ image: `${host}/demo/hello:1.0`, credentials: [alice], ca })).toMatchObject({ ok: true, digest: image.manifest.digest });
    });
  });
});

describe("against docker-registry over HTTPS with a self-signed certificate", () => {
  let registry: DockerRegistryFixture;
  let host: string;
  let ca: string;

  beforeAll(async () => {
    registry = await startDockerRegistry({ users: { alice: alice.password }, tls: true });
    host = registry.host;
    ca = registry.caCert as string;
    await pushImage({ registry: host, repository: "secure/app", tag: "v1", credential: alice, ca });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it("reports an untrusted certificate", async () => {
    expect(await checkCredentials({ address: host, ...alice })).toEqual({
      ok: false,
      kind: "tls",
      message: "TLS error: certificate for 127.0.0.1 is not trusted (self-signed certificate; subject CN=Paddock test registry)",
    });
  });

  it("accepts the credentials when given the CA", async () => {
    expect(await checkCredentials({ address: host, ...alice, ca })).toEqual({ ok: true, kind: "accepted", status: 200, message: `Credentials accepted by ${host}` });
    expect(await checkCredentials({ address: `https://localhost:${registry.port}`, ...alice, ca })).toMatchObject({ ok: true, kind: "accepted" });
  });

  it("still rejects a wrong password over TLS", async () => {
    expect(await checkCredentials({ address: host, ...wrongPassword, ca })).toMatchObject({ ok: false, kind: "unauthorized", status: 401 });
  });

  it("pulls with the CA", async () => {
    expect(await pullManifest({ image: `${host}/secure/app:v1`, credentials: [alice], ca })).toMatchObject({ ok: true, mediaType: MEDIA_TYPES.dockerManifest });
  });

  it("gets Go's answer to plain HTTP without a CA (loopback defaults to HTTP)", async () => {
    const result = expectFailure(await pullManifest({ image: `${host}/secure/app:v1`, credentials: [alice] }));
    expect(result.message).toBe(
      `failed to pull and unpack image "${host}/secure/app:v1": failed to resolve reference "${host}/secure/app:v1": unexpected status from HEAD request to http://${host}/v2/secure/app/manifests/v1: 400 Bad Request`,
    );
  });

  it("reports an unknown authority like Go's TLS stack", async () => {
    const otherCa = (await makeSelfSignedCert()).cert;
    const result = expectFailure(await pullManifest({ image: `${host}/secure/app:v1`, credentials: [alice], ca: otherCa }));
    expect(result.message).toBe(
      `failed to pull and unpack image "${host}/secure/app:v1": failed to resolve reference "${host}/secure/app:v1": failed to do request: Head "https://${host}/v2/secure/app/manifests/v1": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    );
    expect(result.reason).toBe("tls");
  });
});

describe("against servers that are not registries", () => {
  it("times out on a server that never answers", async () => {
    const sockets: net.Socket[] = [];
    const silent = await listen(net.createServer((socket) => sockets.push(socket)));
    try {
      expect(await checkCredentials({ address: `127.0.0.1:${silent.port}`, ...alice, timeoutMs: 300 })).toEqual({
        ok: false,
        kind: "timeout",
        message: `127.0.0.1:${silent.port} did not answer within 0.3s`,
      });
      const result = expectFailure(await pullManifest({ image: `127.0.0.1:${silent.port}/a/b:1`, timeoutMs: 300 }));
      expect(result.message).toBe(
        `failed to pull and unpack image "127.0.0.1:${silent.port}/a/b:1": failed to resolve reference "127.0.0.1:${silent.port}/a/b:1": failed to do request: Head "http://127.0.0.1:${silent.port}/v2/a/b/manifests/1": context deadline exceeded`,
      );
      expect(result.reason).toBe("timeout");
    } finally {
      for (const socket of sockets) socket.destroy();
      await silent.close();
    }
  });

  it.each([
    [404, "text/plain", "404 page not found", "not-registry", "is not a container registry: GET /v2/ answered 404 Not Found"],
    [200, "text/html", "<html></html>", "not-registry", "is not a container registry: GET /v2/ answered 200 OK without the Registry API header"],
    [503, "application/json", '{"errors":[{"code":"UNAVAILABLE","message":"maintenance"}]}', "error", "answered GET /v2/ with 503 UNAVAILABLE: maintenance"],
  ])("classifies a %d answer", async (status, type, body, kind, message) => {
    const server = await listen(http.createServer((_req, res) => res.writeHead(status, { "Content-Type": type }).end(body)));
    try {
      expect(await checkCredentials({ address: `127.0.0.1:${server.port}`, ...alice })).toEqual({
        ok: false,
        kind,
        status,
        message: `127.0.0.1:${server.port} ${message}`,
      });
    } finally {
      await server.close();
    }
  });

  it("names the host a certificate was made for", async () => {
    const { cert, key } = await makeSelfSignedCert("DNS:registry.example.test");
    const server = await listen(https.createServer({ cert, key }, (_req, res) => res.writeHead(200).end("{}")));
    try {
      const check = await checkCredentials({ address: `https://127.0.0.1:${server.port}`, ...alice, ca: cert });
      expect(check).toEqual({ ok: false, kind: "tls", message: "TLS error: certificate presented by 127.0.0.1 is for registry.example.test, not 127.0.0.1" });
      const pull = expectFailure(await pullManifest({ image: `127.0.0.1:${server.port}/a/b:1`, ca: cert }));
      expect(pull.message).toBe(
        `failed to pull and unpack image "127.0.0.1:${server.port}/a/b:1": failed to resolve reference "127.0.0.1:${server.port}/a/b:1": failed to do request: Head "https://127.0.0.1:${server.port}/v2/a/b/manifests/1": tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs`,
      );
    } finally {
      await server.close();
    }
  });

  it("reports an unknown host", async () => {
    const result = await checkCredentials({ address: "registry.invalid", ...alice });
    expect(result).toMatchObject({ ok: false, kind: "unreachable" });
    // ENOTFOUND with a resolver, EAI_AGAIN on a machine without one
    expect(result.message).toMatch(/^Could not reach registry\.invalid: getaddrinfo (ENOTFOUND|EAI_AGAIN) registry\.invalid$/);
  });
});

describe("the Bearer token flow (a fake registry with its own token realm)", () => {
  const tokenRequests: string[] = [];
  const manifest = buildTinyImage().manifest;
  let fake: { port: number; close: () => Promise<void> };
  let quoted = true;

  beforeAll(async () => {
    fake = await listen(
      http.createServer((req, res) => {
        const url = new URL(req.url ?? "/", "http://fake");
        const realm = `http://127.0.0.1:${fake.port}/token`;
        const challenge = (scope?: string, error?: string): string =>
          quoted
            ? `Bearer realm="${realm}",service="fake-registry"${scope ? `,scope="${scope}"` : ""}${error ? `,error="${error}"` : ""}`
            : `Bearer realm=${realm},service=fake-registry${scope ? `,scope=${scope}` : ""}${error ? `,error=${error}` : ""}`;
        if (url.pathname === "/token") {
          tokenRequests.push(req.url ?? "");
          const auth = req.headers.authorization;
          if (auth === undefined) return res.writeHead(200, { "Content-Type": "application/json" }).end('{"token":"anonymous"}');
          if (auth !== `Basic ${Buffer.from("alice:wonderland").toString("base64")}`) {
            return res.writeHead(401, { "Content-Type": "application/json" }).end('{"details":"incorrect username or password"}');
          }
          return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ access_token: `alice ${url.searchParams.getAll("scope").join(" ")}` }));
        }
        const token = req.headers.authorization?.replace(/^Bearer /, "");
        if (url.pathname === "/v2/") {
          if (!token) return res.writeHead(401, { "WWW-Authenticate": challenge() }).end();
          return res.writeHead(200, { "Docker-Distribution-Api-Version": "registry/2.0", "Content-Type": "application/json" }).end("{}");
        }
        const scope = "repository:demo/hello:pull";
        if (!token) return res.writeHead(401, { "WWW-Authenticate": challenge(scope) }).end();
        if (!token.includes(scope)) return res.writeHead(401, { "WWW-Authenticate": challenge(scope, "insufficient_scope") }).end();
        if (req.headers.accept !== MANIFEST_ACCEPT) return res.writeHead(404).end();
        res.writeHead(200, { "Content-Type": manifest.mediaType, "Docker-Content-Digest": manifest.digest, "Content-Length": manifest.size });
        res.end(req.method === "HEAD" ? undefined : manifest.content);
      }),
    );
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("checks credentials at the token realm", async () => {
    const address = `127.0.0.1:${fake.port}`;
    expect(await checkCredentials({ address, ...alice })).toEqual({ ok: true, kind: "accepted", status: 200, message: `Credentials accepted by ${address}` });
    expect(await checkCredentials({ address, ...wrongPassword })).toEqual({
      ok: false,
      kind: "unauthorized",
      status: 401,
      message: `The registry rejected the username or password (its token server ${address} answered 401 Unauthorized: incorrect username or password)`,
    });
    expect(await checkCredentials({ address })).toEqual({
      ok: true,
      kind: "anonymous",
      status: 200,
      message: `${address} gives anonymous access tokens; no username or password was checked`,
    });
  });

  it.each([true, false])("pulls with a token scoped to the repository (quoted challenge: %s)", async (quotedChallenge) => {
    quoted = quotedChallenge;
    tokenRequests.length = 0;
    const result = await pullManifest({ image: `127.0.0.1:${fake.port}/demo/hello:1.0`, credentials: [alice] });
    quoted = true;
    expect(result).toMatchObject({ ok: true, digest: manifest.digest, mediaType: manifest.mediaType });
    expect(tokenRequests[0]).toBe("/token?scope=repository%3Ademo%2Fhello%3Apull&service=fake-registry");
  });

  it("reports a rejected password with containerd's token error", async () => {
    const result = expectFailure(await pullManifest({ image: `127.0.0.1:${fake.port}/demo/hello:1.0`, credentials: [wrongPassword] }));
    expect(result.message).toBe(
      `failed to pull and unpack image "127.0.0.1:${fake.port}/demo/hello:1.0": failed to resolve reference "127.0.0.1:${fake.port}/demo/hello:1.0": failed to authorize: failed to fetch oauth token: unexpected status from GET request to http://127.0.0.1:${fake.port}/token?scope=repository%3Ademo%2Fhello%3Apull&service=fake-registry: 401 Unauthorized`,
    );
    expect(result.reason).toBe("unauthorized");
  });

  it("reports insufficient scope of an anonymous token as pull access denied", async () => {
    const result = expectFailure(await pullManifest({ image: `127.0.0.1:${fake.port}/demo/hello:1.0` }));
    expect(result.message).toBe(
      `failed to pull and unpack image "127.0.0.1:${fake.port}/demo/hello:1.0": failed to resolve reference "127.0.0.1:${fake.port}/demo/hello:1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    );
  });
});

async function makeSelfSignedCert(subjectAltName = "IP:127.0.0.1"): Promise<{ cert: string; key: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paddock-cert-"));
  try {
    await promisify(execFile)("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-days", "1",
      "-subj", "/CN=Another CA", "-addext", `subjectAltName=${subjectAltName}`,
    ]);
    return { cert: await readFile(path.join(dir, "cert.pem"), "utf8"), key: await readFile(path.join(dir, "key.pem"), "utf8") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
