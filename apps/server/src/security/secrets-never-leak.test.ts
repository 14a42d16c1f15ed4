import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushImage } from "@paddock/registry-auth";
import { startDockerRegistry, type DockerRegistryFixture } from "@paddock/registry-auth/testing";
import { makeCertificate } from "../testing/certificates.ts";
import { until } from "../testing/eventually.ts";
import { ApiClient, startTestServer, TEST_ADMIN_PASSWORD, type ApiResponse, type TestServer } from "../testing/test-server.ts";
import { findSecrets, type Secret, type Surface } from "./secret-search.ts";

// Issue 6, "Done when" 3 (the API's part): after a full session of work, no response body or
// header, no log line, no Kubernetes Event and nothing the live stream sent holds a stored
// password, a session cookie's signature or an API token.

const secretValue = (what: string) => `${what}-${randomBytes(12).toString("hex")}`;

/** Every password and secret value this session types in; none may ever come back. */
const P = {
  alice: secretValue("alice-pw"), // the real registry's user
  aliceWrong: secretValue("alice-wrong-pw"), // a wrong password for her: tested, and stored in a registry kubelet then fails with
  quay: secretValue("quay-pw"),
  quayEdited: secretValue("quay-edited-pw"),
  inUrl: secretValue("url-pw"), // typed into an address, as https://user:password@host
  secretData: secretValue("secret-data"),
  carol: secretValue("carol-pw"),
  carolChanged: secretValue("carol-changed-pw"),
  carolReset: secretValue("carol-reset-pw"),
  loginWrong: secretValue("wrong-login-pw"),
};

/** A client that keeps every response it got: status, every header, the body as text. */
class RecordingClient extends ApiClient {
  constructor(
    baseUrl: string,
    private readonly into: Surface[],
    private readonly who: string,
  ) {
    super(baseUrl);
  }

  override async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await super.request<T>(method, path, body, headers);
    record(this.into, `${this.who} ${method} ${path} ${response.status}`, response.headers, response.body);
    return response;
  }
}

function record(into: Surface[], name: string, headers: Headers, body: unknown): void {
  const setCookies = headers.getSetCookie();
  const others = [...headers].filter(([key]) => key !== "set-cookie");
  into.push({ name: `response ${name}`, text: `${JSON.stringify(others)}\n${typeof body === "string" ? body : JSON.stringify(body)}` });
  if (setCookies.length > 0) into.push({ name: `Set-Cookie of ${name}`, text: setCookies.join("\n") });
}

/** The signature part of a session cookie (`paddock_session=<payload>.<signature>`), from a Set-Cookie header. */
function cookieSignature(response: ApiResponse): string {
  const value = /paddock_session=([^;]*)/.exec(response.headers.getSetCookie().join("\n"))?.[1] ?? "";
  const signature = value.split(".")[1];
  if (!signature) throw new Error(`no session cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  return signature;
}

const surfaces: Surface[] = [];
const logLines: string[] = [];
const secrets: Secret[] = [];
const cookieSignatures: string[] = [];
const tokens: string[] = [];
let t: TestServer;
let registry: DockerRegistryFixture;
let admin: RecordingClient;
let liveText = "";
let stopLive: () => void = () => {};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads the JSON it got as the shape it asserts
async function expectStatus(response: Promise<ApiResponse<any>>, status: number): Promise<ApiResponse<any>> {
  const answer = await response;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer;
}

/** Reads /api/live (server-sent events) in the background for the whole session. */
function listenLive(cookie: string): void {
  const abort = new AbortController();
  stopLive = () => abort.abort();
  void (async () => {
    const response = await fetch(`${t.server.url}/api/live`, { headers: { Cookie: cookie }, signal: abort.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      liveText += decoder.decode(value, { stream: true });
    }
  })().catch(() => {});
}

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  });
  [t, registry] = await Promise.all([startTestServer({ logger: pino({ level: "trace" }, logStream) }), startDockerRegistry({ users: { alice: P.alice } })]);
  // two images: the node keeps what it pulled, and would not ask the registry again for the same one
  for (const repository of ["demo/hello", "demo/denied"]) await pushImage({ registry: registry.host, repository, tag: "1.0", credential: { username: "alice", password: P.alice } });
  admin = new RecordingClient(t.server.url, surfaces, "admin");
}, 60_000);

afterAll(async () => {
  stopLive();
  await Promise.all([t?.stop(), registry?.stop()]);
});

describe("a full session of API work", () => {
  const C = "/api/clusters/local";
  let base = "";
  let deniedBase = "";
  let image = "";

  it("logs in (and fails to, once), and listens to the live stream", async () => {
    await expectStatus(admin.request("POST", "/api/auth/login", { username: "admin", password: P.loginWrong }), 401);
    const login = await expectStatus(admin.request("POST", "/api/auth/login", { username: "admin", password: TEST_ADMIN_PASSWORD }), 200);
    cookieSignatures.push(cookieSignature(login));
    listenLive(`paddock_session=${/paddock_session=([^;]*)/.exec(login.headers.getSetCookie()[0]!)![1]}`);
  });

  it("makes a project with namespaces", async () => {
    const project = await expectStatus(admin.post(`${C}/projects`, { displayName: "Leak Check", description: "where every password is typed once" }), 201);
    base = `${C}/projects/${project.body.id}`;
    // lc-denied is in a project of its own: the project registry of "Leak Check" (with alice's right password) is copied into every namespace of it
    const denied = await expectStatus(admin.post(`${C}/projects`, { displayName: "Leak Denied" }), 201);
    deniedBase = `${C}/projects/${denied.body.id}`;
    const homes: Array<[string, string]> = [
      ["lc-apps", project.body.id],
      ["lc-tools", project.body.id],
      ["lc-denied", denied.body.id],
    ];
    for (const [name, projectId] of homes) await expectStatus(admin.post(`${C}/namespaces`, { name, projectId }), 201);
    const caches = t.server.context.clusters.get("local").caches;
    await until(() => homes.every(([ns, projectId]) => caches.namespaces.get("", ns)?.labels["field.cattle.io/projectId"] === projectId));
    image = `${registry.host}/demo/hello:1.0`;
  });

  it("creates registries in both scopes with known passwords, edits one and clones one", async () => {
    await expectStatus(
      admin.post(`${base}/registries`, {
        name: "team-registry",
        description: "project-wide",
        scope: { type: "project" },
        registries: [
          { address: "quay.io", username: "quay-bot", password: P.quay },
          { address: registry.host, username: "alice", password: P.alice },
        ],
      }),
      201,
    );
    await expectStatus(
      admin.post(`${base}/registries`, { name: "alice-registry", scope: { type: "namespace", namespace: "lc-apps" }, registries: [{ address: registry.host, username: "alice", password: P.alice }] }),
      201,
    );
    // a password typed into the address: refused or cleaned up, and never said back
    const inUrl = await admin.post(`${base}/registries`, {
      name: "url-registry",
      scope: { type: "namespace", namespace: "lc-tools" },
      registries: [{ address: `https://quay-bot:${P.inUrl}@quay.io/`, username: "quay-bot", password: P.inUrl }],
    });
    expect([201, 409, 422]).toContain(inUrl.status);
    // kubelet will be refused by the registry with this one
    await expectStatus(
      admin.post(`${deniedBase}/registries`, { name: "wrong-registry", scope: { type: "namespace", namespace: "lc-denied" }, registries: [{ address: registry.host, username: "alice", password: P.aliceWrong }] }),
      201,
    );

    const stored = await expectStatus(admin.get(`${base}/registries/project/team-registry`), 200);
    await expectStatus(
      admin.put(`${base}/registries/project/team-registry`, {
        description: "edited",
        registries: [
          { address: "quay.io", username: "quay-bot", password: P.quayEdited },
          { address: registry.host, username: "alice", password: "" }, // empty: keep the stored password
        ],
        resourceVersion: stored.body.resourceVersion,
      }),
      200,
    );
    // a stale edit is refused (its message must not carry the password either)
    await expectStatus(
      admin.put(`${base}/registries/project/team-registry`, { registries: [{ address: "quay.io", username: "quay-bot", password: P.quayEdited }], resourceVersion: stored.body.resourceVersion }),
      409,
    );
    await expectStatus(
      admin.post(`${base}/registries`, {
        name: "alice-registry-copy",
        scope: { type: "namespace", namespace: "lc-tools" },
        registries: [{ address: registry.host, username: "alice" }],
        cloneFrom: { type: "namespace", namespace: "lc-apps", name: "alice-registry" },
      }),
      201,
    );
  });

  it("tests credentials: typed, wrong, in the address, and stored ones in both scopes", async () => {
    expect((await expectStatus(admin.post("/api/registry-test", { address: registry.host, username: "alice", password: P.alice }), 200)).body).toMatchObject({ ok: true });
    expect((await expectStatus(admin.post("/api/registry-test", { address: registry.host, username: "alice", password: P.aliceWrong }), 200)).body).toMatchObject({ ok: false });
    const inUrl = await admin.post("/api/registry-test", { address: `http://alice:${P.inUrl}@${registry.host}/`, username: "alice", password: P.aliceWrong });
    expect(inUrl.status).toBeLessThan(500);
    expect((await expectStatus(admin.post(`${base}/registries/namespaces/lc-apps/alice-registry/test`, {}), 200)).body).toMatchObject({ ok: true });
    expect((await expectStatus(admin.post(`${base}/registries/namespaces/lc-tools/alice-registry-copy/test`, {}), 200)).body).toMatchObject({ ok: true });
    expect((await expectStatus(admin.post(`${base}/registries/project/team-registry/test`, { address: registry.host }), 200)).body).toMatchObject({ ok: true });
    expect((await expectStatus(admin.post(`${deniedBase}/registries/namespaces/lc-denied/wrong-registry/test`, {}), 200)).body).toMatchObject({ ok: false });
  });

  it("deploys a workload that pulls with a stored password, and one the registry refuses", async () => {
    await expectStatus(admin.post(`${base}/workloads`, { name: "hello", namespace: "lc-apps", replicas: 1, containers: [{ name: "hello", image }] }), 201);
    await expectStatus(admin.post(`${deniedBase}/workloads`, { name: "denied", namespace: "lc-denied", replicas: 1, containers: [{ name: "hello", image: `${registry.host}/demo/denied:1.0` }] }), 201);
    await until(
      async () => (await admin.get(`${base}/workloads/lc-apps/hello`)).body.pods as Array<{ status: string }>,
      (pods) => pods.length === 1 && pods[0]!.status === "Running",
      { timeoutMs: 15_000 },
    );
    await until(
      async () => ((await admin.get(`${deniedBase}/workloads/lc-denied/denied/events`)).body.items as Array<{ reason: string }>).map((e) => e.reason),
      (reasons) => reasons.includes("Failed"),
      { timeoutMs: 15_000 },
    );
    await expectStatus(admin.post(`${base}/workloads/lc-apps/hello/scale`, { replicas: 2 }), 200);
    await expectStatus(admin.post(`${base}/workloads/lc-apps/hello/redeploy`), 200);
  });

  it("creates a secret, a certificate and a ConfigMap", async () => {
    await expectStatus(admin.post(`${base}/secrets`, { name: "db", namespace: "lc-apps", description: "database", data: { password: P.secretData } }), 201);
    const pair = makeCertificate("leak-check.example");
    secrets.push({ what: "the certificate's private key", value: pair.privateKey.split("\n")[1]! });
    await expectStatus(admin.post(`${base}/certificates`, { name: "tls", namespace: "lc-apps", ...pair }), 201);
    await expectStatus(admin.post(`${base}/configmaps`, { name: "settings", namespace: "lc-apps", data: { mode: "production" } }), 201);
  });

  it("manages a user: created, made a member, logs in, changes the password, has it reset", async () => {
    await expectStatus(admin.post("/api/users", { username: "carol", password: P.carol }), 201);
    await expectStatus(admin.post(`${base}/members`, { username: "carol", role: "member" }), 201);
    const carol = new RecordingClient(t.server.url, surfaces, "carol");
    cookieSignatures.push(cookieSignature(await expectStatus(carol.request("POST", "/api/auth/login", { username: "carol", password: P.carol }), 200)));
    await expectStatus(carol.get(`${base}/registries`), 200);
    await expectStatus(carol.put("/api/auth/password", { currentPassword: P.loginWrong, newPassword: P.carolChanged }), 422);
    const changed = await expectStatus(carol.put("/api/auth/password", { currentPassword: P.carol, newPassword: P.carolChanged }), 204);
    cookieSignatures.push(cookieSignature(changed));
    await expectStatus(admin.put("/api/users/carol", { password: P.carolReset }), 200);
    await expectStatus(carol.get(`${base}/registries`), 401);
    cookieSignatures.push(cookieSignature(await expectStatus(carol.request("POST", "/api/auth/login", { username: "carol", password: P.carolReset }), 200)));
    await expectStatus(carol.request("POST", "/api/auth/logout"), 204);
  });

  it("creates an API token, works with it, revokes it", async () => {
    const created = await expectStatus(admin.post("/api/tokens", { name: "ci", expiresInDays: 7 }), 201);
    const token = String(created.body.token);
    tokens.push(token);
    const bearer = (method: string, path: string, body?: unknown) =>
      admin.request(method, path, body, { Authorization: `Bearer ${token}`, Cookie: "", Origin: "" });
    await expectStatus(bearer("GET", `${base}/registries`), 200);
    await expectStatus(bearer("POST", `${base}/configmaps`, { name: "from-ci", namespace: "lc-tools", data: { built: "yes" } }), 201);
    await expectStatus(admin.delete(`/api/tokens/${created.body.id}`), 204);
    await expectStatus(bearer("GET", `${base}/registries`), 401);
  });

  it("reads everything back", async () => {
    const reads = [
      "/api/auth/me",
      "/api/clusters",
      `${C}/projects`,
      `${C}/namespaces`,
      `${base}/registries`,
      `${base}/registries/project/team-registry`,
      `${base}/registries/namespaces/lc-apps/alice-registry`,
      `${base}/registries/namespaces/lc-tools/alice-registry-copy`,
      `${deniedBase}/registries/namespaces/lc-denied/wrong-registry`,
      `${base}/name-availability?name=alice-registry&scope=namespace&namespace=lc-apps`,
      `${base}/secrets`,
      `${base}/certificates`,
      `${base}/configmaps`,
      `${base}/workloads`,
      `${base}/workloads/lc-apps/hello`,
      `${base}/workloads/lc-apps/hello/events`,
      `${deniedBase}/workloads/lc-denied/denied/events`,
      `${deniedBase}/events`,
      `${deniedBase}/audit`,
      `${base}/pods`,
      `${base}/events`,
      `${base}/members`,
      `${base}/audit`,
      "/api/users",
      "/api/tokens",
      "/api/openapi.json",
    ];
    for (const path of reads) await expectStatus(admin.get(path), 200);
    await expectStatus(admin.post(`${base}/pull-secret-preview`, { namespace: "lc-apps", images: [image] }), 200);
    const audit = (await admin.get(`${base}/audit`)).body.items as unknown[];
    expect(audit.length).toBeGreaterThan(5);
  });
});

describe("no password, session signature or token anywhere", () => {
  let found: string[] = [];

  beforeAll(async () => {
    stopLive();
    const events = await t.kubectl(["get", "events", "--all-namespaces", "-o", "json"]);
    expect(events.code).toBe(0);
    const eventItems = (JSON.parse(events.stdout) as { items: Array<{ metadata: { namespace: string; name: string } }> }).items;
    const all: Surface[] = [
      ...surfaces,
      ...logLines.map((text, i) => ({ name: `log line ${i + 1}`, text })),
      ...eventItems.map((event) => ({ name: `event ${event.metadata.namespace}/${event.metadata.name}`, text: JSON.stringify(event) })),
      { name: "the live stream", text: liveText },
      { name: "the BFF's Secret cache", text: JSON.stringify(t.server.context.clusters.get("local").caches.secrets.items()) },
    ];
    secrets.push(
      ...[P.alice, P.aliceWrong].map((value) => ({ what: "alice's registry password", value, username: "alice" })),
      ...[P.quay, P.quayEdited].map((value) => ({ what: "the quay.io password", value, username: "quay-bot" })),
      { what: "a password typed into an address", value: P.inUrl, username: "alice" },
      { what: "a secret's value", value: P.secretData },
      { what: "the admin's password", value: TEST_ADMIN_PASSWORD },
      { what: "a wrong login password", value: P.loginWrong },
      ...[P.carol, P.carolChanged, P.carolReset].map((value) => ({ what: "carol's password", value })),
      ...cookieSignatures.map((value) => ({ what: "a session cookie's signature", value, allowedIn: (surface: string) => surface.startsWith("Set-Cookie of ") })),
      ...tokens.map((value) => ({ what: "an API token", value, allowedIn: (surface: string) => surface.startsWith("response admin POST /api/tokens 201") })),
    );
    found = findSecrets(all, secrets);
    expect(eventItems.length).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(10);
  });

  it("searched what the session produced", () => {
    expect(cookieSignatures.length).toBe(4);
    expect(tokens).toHaveLength(1);
    expect(surfaces.length).toBeGreaterThan(60);
    expect(liveText).toContain("event: change");
  });

  it("found none", () => {
    expect(found).toEqual([]);
  });

  it("would have found them: the search sees alice's password inside a stored registry Secret", async () => {
    const stored = await t.kubectl(["get", "secret", "alice-registry", "-n", "lc-apps", "-o", "json"]);
    expect(findSecrets([{ name: "the stored Secret", text: stored.stdout }], [{ what: "alice's registry password", value: P.alice, username: "alice" }])).toEqual([
      expect.stringMatching(/^alice's registry password \(encoded\) in the stored Secret/),
    ]);
  });
});
