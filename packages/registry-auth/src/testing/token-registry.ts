// Test fixture: a real Distribution registry (Debian's `docker-registry`) with `auth: token`, and the
// token service it trusts, played by this process: it checks Basic credentials and issues RS256 JWTs
// (docs/spec/auth/jwt.md of distribution 2.8) signed by a key whose self-signed certificate is the
// registry's `rootcertbundle` and travels in the token's `x5c` header.

import { execFile } from "node:child_process";
import { createPrivateKey, randomBytes, sign, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startDockerRegistryProcess } from "../docker-registry-process.ts";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);

export const TOKEN_SERVICE = "paddock-test-registry";
const ISSUER = "paddock-test-token-issuer";

export interface TokenRegistry {
  /** `127.0.0.1:PORT` (plain HTTP, which kubelet uses for loopback registries). */
  host: string;
  /** `http://127.0.0.1:PORT/token`, the realm of the registry's Bearer challenge. */
  realm: string;
  /** The query strings of the token requests so far, with the user each came from (`-` for anonymous). */
  tokenRequests: string[];
  stop(): Promise<void>;
}

export async function startTokenRegistry(users: Record<string, string>): Promise<TokenRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "paddock-token-registry-"));
  const keyPath = path.join(dir, "token.key");
  const certPath = path.join(dir, "token.crt");
  await run("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", certPath,
    "-days", "2", "-subj", `/CN=${ISSUER}`,
  ]);
  const privateKey = createPrivateKey(await readFile(keyPath, "utf8"));
  const x5c = new X509Certificate(await readFile(certPath, "utf8")).raw.toString("base64");

  const tokenRequests: string[] = [];
  const tokenServer = http.createServer((req, res) => answerTokenRequest(req, res));
  await new Promise<void>((resolve) => tokenServer.listen(0, "127.0.0.1", resolve));
  const realm = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;

  function answerTokenRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", realm);
    if (url.pathname !== "/token") return void res.writeHead(404).end();
    const user = basicUser(req.headers.authorization);
    tokenRequests.push(`${user?.name ?? "-"} ${url.search}`);
    if (user && users[user.name] !== user.password) {
      res.writeHead(401, { "Content-Type": "application/json" }).end('{"details":"incorrect username or password"}\n');
      return;
    }
    // Anonymous callers get a token with no access, as Docker Hub's token service does for private repositories.
    const access = user ? url.searchParams.getAll("scope").flatMap(grant) : [];
    const now = Math.floor(Date.now() / 1000);
    const token = jwt(
      { alg: "RS256", typ: "JWT", x5c: [x5c] },
      { iss: ISSUER, sub: user?.name ?? "", aud: TOKEN_SERVICE, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString("hex"), access },
    );
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
  }

  function jwt(header: object, claims: object): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const signingInput = `${encode(header)}.${encode(claims)}`;
    return `${signingInput}.${sign("sha256", Buffer.from(signingInput), privateKey).toString("base64url")}`;
  }

  const closeTokenServer = async () => {
    await new Promise<void>((resolve) => tokenServer.close(() => resolve()));
    tokenServer.closeAllConnections();
    await rm(dir, { recursive: true, force: true });
  };
  let registry: Awaited<ReturnType<typeof startDockerRegistryProcess>>;
  try {
    registry = await startDockerRegistryProcess({
      dir,
      port: await freePort(),
      token: { realm, service: TOKEN_SERVICE, issuer: ISSUER, rootCertBundle: certPath },
    });
  } catch (error) {
    await closeTokenServer();
    throw error;
  }
  return {
    host: registry.host,
    realm,
    tokenRequests,
    async stop() {
      await registry.stop();
      await closeTokenServer();
    },
  };
}

/** `repository:private/app:pull,push` → the access entry granting those actions. */
function grant(scope: string): Array<{ type: string; name: string; actions: string[] }> {
  const [type, name, actions] = scope.split(":");
  if (type !== "repository" || !name || !actions) return [];
  return [{ type, name, actions: actions.split(",") }];
}

function basicUser(header: string | undefined): { name: string; password: string } | undefined {
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? undefined : { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
