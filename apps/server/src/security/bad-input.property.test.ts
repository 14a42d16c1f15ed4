import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Router } from "express";
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  apiTokenCreateSchema,
  bulkDeleteSchema,
  certificateCreateSchema,
  configMapCreateSchema,
  credentialTestSchema,
  deployCreateSchema,
  deployUpdateSchema,
  ERROR_STATUS,
  loginSchema,
  memberSetSchema,
  namespaceCreateSchema,
  namespaceMoveSchema,
  passwordChangeSchema,
  projectCreateSchema,
  projectUpdateSchema,
  pullSecretPreviewRequestSchema,
  registryCreateSchema,
  registryUpdateSchema,
  scaleSchema,
  secretCreateSchema,
  storedCredentialTestSchema,
  userCreateSchema,
  userUpdateSchema,
  type BulkDeleteResult,
  type ErrorCode,
} from "@paddock/contracts";
import { authRoutes, meRoute } from "../auth/routes.ts";
import type { SessionSigner } from "../auth/session.ts";
import type { UserStore } from "../auth/user-store.ts";
import { features } from "../features.ts";
import { makeCertificate } from "../testing/certificates.ts";
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../testing/test-server.ts";
import { bodyBytes, bodyPlans, clone, queryString, segment, type BodyPlan, type Segment } from "./bad-inputs.ts";
import { settledSnapshot, snapshotDifferences, takeSnapshot, type ClusterSnapshot } from "./cluster-snapshot.ts";
import { RawClient, type RawResponse } from "./raw-http.ts";

// Issue 6, "Done when" 2: thousands of generated bad bodies, queries, paths and headers sent to
// every write route. Each answer is a 4xx `{"error":{"code","message"}}` saying what is wrong, never
// a 5xx; the server stays healthy; and the cluster holds exactly what it held before.
//
// A failure prints fast-check's seed and path; `FC_SEED=<seed> npx vitest run <this file>` replays
// the whole run (each route uses seed + its index). More: FC_RUNS_SCALE=4 FC_TIME_BUDGET_MS=120000
// (a longer hunt). A failure's message holds the statuses sent per route.

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
/** Runs per route (scaled by FC_RUNS_SCALE); the routes share a time budget, so that a busy machine sends fewer. */
const RUNS = Math.max(1, Math.round(150 * Number(process.env.FC_RUNS_SCALE ?? 1)));
const TIME_BUDGET_MS = Number(process.env.FC_TIME_BUDGET_MS ?? 25_000);
const TWIN_NAMESPACE = "bi-other";

let t: TestServer;
let client: RawClient;
let adminCookie: string;
let before: ClusterSnapshot;
const serverLog: string[] = [];
const sent = { total: 0, byStatus: new Map<number, number>(), byRoute: new Map<string, number>() };
/** Every change the BFF's caches saw while a route was being fuzzed: `route: ADDED Secret ns/name`. */
const changesSeen: string[] = [];
let fuzzing: string | undefined;

/** What the fixtures are called, filled in by beforeAll. */
const f = {
  project: "",
  backingNamespace: "",
  defaultProject: "",
  systemProject: "",
  tokenId: "",
  certificate: "",
  privateKey: "",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures read the JSON they got as the shape they expect
async function created(response: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const answer = await response;
  if (answer.status !== 201) throw new Error(`fixture ${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function eventually<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 10_000): Promise<T> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > giveUp) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * One project ("Bad Input") with namespace bi-apps holding one of everything; twins of those
 * objects (same names) in bi-other, outside every project, made with kubectl; a second user who
 * is a member, and an API token. Requests aim at these, at missing ones, and at garbage.
 */
async function createFixtures(): Promise<void> {
  const { api } = t;
  const C = "/api/clusters/local";
  const project = await created(api.post(`${C}/projects`, { displayName: "Bad Input" }), "project");
  f.project = project.id;
  f.backingNamespace = project.backingNamespace;
  const P = `${C}/projects/${f.project}`;
  await created(api.post(`${C}/namespaces`, { name: "bi-apps", projectId: f.project }), "namespace bi-apps");
  await created(api.post(`${C}/namespaces`, { name: TWIN_NAMESPACE }), "namespace bi-other");
  const caches = t.server.context.clusters.get("local").caches;
  await eventually(() => caches.namespaces.get("", "bi-apps") && caches.namespaces.get("", TWIN_NAMESPACE), "the namespaces in the cache");
  const projects = (await api.get(`${C}/projects`)).body.items as Array<{ id: string; displayName: string }>;
  f.defaultProject = projects.find((p) => p.displayName === "Default")!.id;
  f.systemProject = projects.find((p) => p.displayName === "System")!.id;

  const entry = { address: "127.0.0.1:9", username: "bi-user", password: "bi-registry-password-1" };
  ({ certificate: f.certificate, privateKey: f.privateKey } = makeCertificate("bad-input.example"));
  await Promise.all([
    created(api.post(`${P}/registries`, { name: "bi-proj-reg", scope: { type: "project" }, registries: [entry] }), "project registry"),
    created(api.post(`${P}/registries`, { name: "bi-ns-reg", scope: { type: "namespace", namespace: "bi-apps" }, registries: [entry] }), "namespaced registry"),
    created(api.post(`${P}/secrets`, { name: "bi-secret", namespace: "bi-apps", data: { key: "value" } }), "secret"),
    created(api.post(`${P}/configmaps`, { name: "bi-config", namespace: "bi-apps", data: { key: "value" } }), "ConfigMap"),
    created(api.post(`${P}/certificates`, { name: "bi-cert", namespace: "bi-apps", certificate: f.certificate, privateKey: f.privateKey }), "certificate"),
    created(api.post(`${P}/workloads`, { name: "bi-web", namespace: "bi-apps", replicas: 0, containers: [{ name: "web", image: "127.0.0.1:9/none:1" }] }), "workload"),
    created(api.post("/api/users", { username: "bi-user", password: "bi-user-password-1" }), "user"),
  ]);
  await created(api.post(`${P}/members`, { username: "bi-user", role: "member" }), "member");
  f.tokenId = (await created(api.post("/api/tokens", { name: "bi-token" }), "token")).id;

  const twins = [
    ["create", "secret", "docker-registry", "bi-ns-reg", "--docker-server=127.0.0.1:9", "--docker-username=u", "--docker-password=twin-password-1"],
    ["create", "secret", "generic", "bi-secret", "--from-literal=key=value"],
    ["create", "secret", "tls", "bi-cert"],
    ["create", "configmap", "bi-config", "--from-literal=key=value"],
    ["create", "deployment", "bi-web", "--image=127.0.0.1:9/none:1", "--replicas=0"],
  ];
  const dir = mkdtempSync(join(tmpdir(), "paddock-twin-"));
  try {
    const certFile = join(dir, "c.pem");
    const keyFile = join(dir, "k.pem");
    execFileSync("sh", ["-c", 'printf "%s" "$1" > "$2"; printf "%s" "$3" > "$4"', "sh", f.certificate, certFile, f.privateKey, keyFile]);
    for (const args of twins) {
      const full = args[2] === "tls" ? [...args, `--cert=${certFile}`, `--key=${keyFile}`] : args;
      const result = await t.kubectl([...full, "-n", TWIN_NAMESPACE]);
      if (result.code !== 0) throw new Error(`kubectl ${full.join(" ")}: ${result.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The write routes

interface ParamValues {
  /** values that name what exists here: a request with only these is a right one */
  existing: string[];
  /** values that exist, but elsewhere (another project, outside every project): wrong here */
  wrongHere?: string[];
  /** values that are well-formed but name nothing */
  missing: string[];
}

interface WriteRoute {
  method: "POST" | "PUT" | "DELETE";
  /** the Express path under /api */
  path: string;
  /** the body's schema; undefined: the route reads no body */
  schema?: z.ZodType;
  bodyOptional?: boolean;
  /** a right body, for mutations to start from */
  template?: () => unknown;
  params?: () => Record<string, ParamValues>;
  /** every body is wrong here (wrong credentials), so well-formed ones are sent too */
  anyBodyIsWrong?: boolean;
  /** logout: ends the caller's sessions, so it gets no admin cookie; 204 is a right answer */
  logout?: boolean;
  /** login: each request from another loopback address, so the per-address limit does not hide the parser */
  login?: boolean;
  /**
   * Values that pass the schema but are wrong at a place of the right body (a namespace outside
   * the project, a name already taken, a stale resourceVersion): the route must refuse them too.
   */
  wrong?: () => Array<[path: Array<string | number>, values: string[]]>;
  /** an answer other than a 4xx that still refuses the request (the per-item answer of a bulk delete) */
  rightAnswer?: (response: RawResponse) => boolean;
}

const cluster = (): ParamValues => ({ existing: ["local"], missing: ["zz-missing-cluster", "LOCAL", "local-", "local.x"] });
const project = (foreign = true): ParamValues => ({
  existing: [f.project],
  ...(foreign ? { wrongHere: [f.defaultProject, f.systemProject] } : {}),
  missing: ["p-zzzzz", "p-00000"],
});
const namespace = (): ParamValues => ({ existing: ["bi-apps"], wrongHere: [TWIN_NAMESPACE, "default", "kube-system", "paddock-system", f.backingNamespace], missing: ["zz-missing-ns"] });
const named = (name: string): ParamValues => ({ existing: [name], missing: ["zz-missing", "a.b"] });
const inProject = () => ({ cluster: cluster(), project: project() });
const object = (name: string) => () => ({ ...inProject(), namespace: namespace(), name: named(name) });

const entry = { address: "127.0.0.1:9", username: "u", password: "p" };
/** namespaces no project holds (a body naming one is wrong whichever project the path names) */
const foreignNamespaces = () => [TWIN_NAMESPACE, "paddock-system", "local", f.backingNamespace, "zz-missing-ns"];
/** names taken in bi-apps: registries, secrets, certificates and ConfigMaps share names in a namespace (rule 1) */
const takenNames = ["bi-ns-reg", "bi-secret", "bi-cert", "bi-config"];
const BAD_IMAGES = ["Quay.io/Team/App:1", "nginx:", "nginx@sha256:abc", "a b", "-nginx", "nginx::1"];
const container = { name: "web", image: "nginx:1.27", ports: [{ containerPort: 80, protocol: "TCP", name: "http" }], env: [{ name: "A", value: "b" }], command: ["/web"] };
const P = "/clusters/:cluster/projects/:project";

const ROUTES: WriteRoute[] = [
  { method: "POST", path: "/auth/login", schema: loginSchema, template: () => ({ username: "admin", password: "not-the-password" }), anyBodyIsWrong: true, login: true },
  { method: "POST", path: "/auth/logout", logout: true },
  { method: "PUT", path: "/auth/password", schema: passwordChangeSchema, template: () => ({ currentPassword: "not-the-password", newPassword: "a-new-password-2" }), anyBodyIsWrong: true },

  { method: "POST", path: "/clusters/:cluster/projects", schema: projectCreateSchema, template: () => ({ displayName: "bi-new", description: "d" }), params: () => ({ cluster: cluster() }) },
  { method: "PUT", path: P, schema: projectUpdateSchema, template: () => ({ displayName: "Bad Input", description: "d" }), params: () => ({ cluster: cluster(), project: project(false) }) },
  { method: "DELETE", path: P, params: () => ({ cluster: cluster(), project: project(false) }) },
  {
    method: "POST",
    path: "/clusters/:cluster/namespaces",
    schema: namespaceCreateSchema,
    template: () => ({ name: "bi-new-ns", projectId: f.project }),
    params: () => ({ cluster: cluster() }),
    wrong: () => [
      [["name"], ["bi-apps", TWIN_NAMESPACE, "kube-system", "local", "paddock-system", f.backingNamespace]],
      [["projectId"], ["p-zzzzz"]],
    ],
  },
  {
    method: "PUT",
    path: "/clusters/:cluster/namespaces/:namespace",
    schema: namespaceMoveSchema,
    template: () => ({ projectId: f.project }),
    params: () => ({ cluster: cluster(), namespace: { existing: ["bi-apps"], wrongHere: ["local", "paddock-system", f.backingNamespace], missing: ["zz-missing-ns"] } }),
    wrong: () => [[["projectId"], ["p-zzzzz"]]],
  },

  {
    method: "POST",
    path: `${P}/registries`,
    schema: registryCreateSchema,
    template: () => ({
      name: "bi-new-reg",
      description: "d",
      scope: { type: "namespace", namespace: "bi-apps", createNamespace: false },
      registries: [entry],
      attachToDefaultServiceAccount: false,
      cloneFrom: { type: "project", name: "bi-proj-reg" },
    }),
    params: inProject,
    wrong: () => [
      [["name"], takenNames],
      [["scope", "namespace"], foreignNamespaces()],
      [["cloneFrom", "name"], ["zz-missing"]],
    ],
  },
  {
    method: "POST",
    path: `${P}/registries/bulk-delete`,
    schema: bulkDeleteSchema,
    template: () => ({ items: [{ type: "project", name: "bi-proj-reg" }, { type: "namespace", namespace: "bi-apps", name: "bi-ns-reg" }] }),
    params: inProject,
    // a bulk delete answers item by item: registries it cannot find are refused in the answer's lines
    rightAnswer: (response) => response.status === 200 && (JSON.parse(response.text) as BulkDeleteResult).items.every((item) => !item.deleted && item.error?.message),
  },
  ...(
    [
      [`${P}/registries/project/:name`, () => ({ ...inProject(), name: named("bi-proj-reg") })],
      [`${P}/registries/namespaces/:namespace/:name`, object("bi-ns-reg")],
    ] as const
  ).flatMap(([path, params]): WriteRoute[] => [
    {
      method: "PUT",
      path,
      schema: registryUpdateSchema,
      template: () => ({ description: "d", registries: [entry], attachToDefaultServiceAccount: false, resourceVersion: "1" }),
      params,
      wrong: () => [[["resourceVersion"], ["1", "999999999"]]],
    },
    { method: "DELETE", path, params },
    { method: "POST", path: `${path}/test`, schema: storedCredentialTestSchema, bodyOptional: true, template: () => ({ address: "127.0.0.1:9" }), params },
  ]),
  { method: "POST", path: "/registry-test", schema: credentialTestSchema, template: () => entry },

  ...(
    [
      ["secrets", secretCreateSchema, () => ({ name: "bi-new", namespace: "bi-apps", description: "d", data: { key: "value" } }), "bi-secret"],
      ["certificates", certificateCreateSchema, () => ({ name: "bi-new", namespace: "bi-apps", description: "d", certificate: f.certificate, privateKey: f.privateKey }), "bi-cert"],
      ["configmaps", configMapCreateSchema, () => ({ name: "bi-new", namespace: "bi-apps", description: "d", data: { key: "value" } }), "bi-config"],
    ] as const
  ).flatMap(([segment, schema, template, existing]): WriteRoute[] => [
    {
      method: "POST",
      path: `${P}/${segment}`,
      schema,
      template,
      params: inProject,
      wrong: () => [
        [["namespace"], foreignNamespaces()],
        [["name"], takenNames],
        ...(segment === "certificates" ? ([[["privateKey"], [makeCertificate("other.example").privateKey]], [["certificate"], ["not a PEM", f.privateKey]]] as Array<[string[], string[]]>) : []),
      ],
    },
    { method: "DELETE", path: `${P}/${segment}/:namespace/:name`, params: object(existing) },
  ]),

  {
    method: "POST",
    path: `${P}/workloads`,
    schema: deployCreateSchema,
    template: () => ({ name: "bi-new", namespace: "bi-apps", replicas: 1, containers: [container], imagePullSecrets: ["bi-ns-reg"] }),
    params: inProject,
    wrong: () => [
      [["namespace"], foreignNamespaces()],
      [["name"], ["bi-web"]],
      [["containers", 0, "image"], BAD_IMAGES],
    ],
  },
  {
    method: "PUT",
    path: `${P}/workloads/:namespace/:name`,
    schema: deployUpdateSchema,
    template: () => ({ replicas: 1, containers: [container], imagePullSecrets: ["bi-ns-reg"] }),
    params: object("bi-web"),
    wrong: () => [[["containers", 0, "image"], BAD_IMAGES]],
  },
  { method: "DELETE", path: `${P}/workloads/:namespace/:name`, params: object("bi-web") },
  { method: "POST", path: `${P}/workloads/:namespace/:name/redeploy`, params: object("bi-web") },
  { method: "POST", path: `${P}/workloads/:namespace/:name/scale`, schema: scaleSchema, template: () => ({ replicas: 1 }), params: object("bi-web") },
  { method: "POST", path: `${P}/pull-secret-preview`, schema: pullSecretPreviewRequestSchema, template: () => ({ namespace: "bi-apps", images: ["nginx:1.27"], imagePullSecrets: ["bi-ns-reg"] }), params: inProject },

  {
    method: "POST",
    path: "/users",
    schema: userCreateSchema,
    template: () => ({ username: "bi-new-user", password: "a-long-password-1", admin: false }),
    wrong: () => [[["username"], ["admin", "bi-user"]]],
  },
  { method: "PUT", path: "/users/:username", schema: userUpdateSchema, template: () => ({ password: "a-long-password-2", admin: false, disabled: false }), params: () => ({ username: named("bi-user") }) },
  { method: "DELETE", path: "/users/:username", params: () => ({ username: named("bi-user") }) },
  {
    method: "POST",
    path: `${P}/members`,
    schema: memberSetSchema,
    template: () => ({ username: "bi-user", role: "read-only" }),
    // an administrator may add anyone to any project: another project is no wrong place here
    params: () => ({ cluster: cluster(), project: project(false) }),
    wrong: () => [[["username"], ["zz-missing-user"]]],
  },
  { method: "DELETE", path: `${P}/members/:username`, params: () => ({ cluster: cluster(), project: project(false), username: named("bi-user") }) },
  { method: "POST", path: "/tokens", schema: apiTokenCreateSchema, template: () => ({ name: "bi-new-token", expiresInDays: 30 }) },
  { method: "DELETE", path: "/tokens/:id", params: () => ({ id: { existing: [f.tokenId], missing: ["zzzzzzzzzzzz", "a".repeat(64)] } }) },
];

// ---------------------------------------------------------------------------------------------
// Requests

type Credentials =
  | "admin"
  | "none"
  | "no-origin"
  | "foreign-origin"
  | "null-origin"
  | "origin-not-a-url"
  | "garbage-cookie"
  | "tampered-cookie"
  | "bearer-garbage"
  | "bearer-malformed"
  | "basic-auth";

const credentials: fc.Arbitrary<Credentials> = fc.oneof(
  { weight: 24, arbitrary: fc.constant("admin" as const) },
  { weight: 4, arbitrary: fc.constantFrom("none", "no-origin", "foreign-origin", "null-origin", "origin-not-a-url", "garbage-cookie", "tampered-cookie", "bearer-garbage", "bearer-malformed", "basic-auth") },
);

function tampered(cookie: string): string {
  const last = cookie.at(-1) === "A" ? "B" : "A";
  return cookie.slice(0, -1) + last;
}

function headersFor(who: Credentials, route: WriteRoute): Record<string, string> {
  const origin = { Origin: t.server.url };
  const cookie: Record<string, string> = route.logout || route.login ? {} : { Cookie: adminCookie };
  switch (who) {
    case "admin":
      return { ...origin, ...cookie };
    case "none":
      return origin;
    case "no-origin":
      return cookie;
    case "foreign-origin":
      return { ...cookie, Origin: "http://evil.example" };
    case "null-origin":
      return { ...cookie, Origin: "null" };
    case "origin-not-a-url":
      return { ...cookie, Origin: "::::" };
    case "garbage-cookie":
      return { ...origin, Cookie: "paddock_session=garbage.garbage; other=1" };
    case "tampered-cookie":
      return { ...origin, Cookie: tampered(adminCookie) };
    case "bearer-garbage":
      return { Authorization: "Bearer paddock_zzzzzzzzzzzz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
    case "bearer-malformed":
      return { Authorization: "Bearer a b c" };
    case "basic-auth":
      return { Authorization: `Basic ${Buffer.from(`admin:${"x".repeat(8)}`).toString("base64")}` };
  }
}

interface Plan {
  params: Record<string, Segment>;
  trailingSlash: boolean;
  query: string;
  body: (BodyPlan & { wrongAt?: string }) | undefined;
  who: Credentials;
}

/** The right body with one value that the schema accepts but the route must refuse. */
function wrongBodies(route: WriteRoute): fc.Arbitrary<BodyPlan & { wrongAt: string }> | undefined {
  const places = route.wrong?.() ?? [];
  if (places.length === 0) return undefined;
  return fc.constantFrom(...places.flatMap(([path, values]) => values.map((value) => [path, value] as const))).map(([path, value]) => {
    const json = clone(route.template!()) as Record<string | number, unknown>;
    let node = json;
    for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    node[path[path.length - 1]!] = value;
    return { json, contentType: "application/json", wrongAt: path.join(".") };
  });
}

function planArbitrary(route: WriteRoute): fc.Arbitrary<Plan> {
  const params = route.params?.() ?? {};
  const segments = Object.fromEntries(Object.entries(params).map(([name, v]) => [name, segment(v.existing, v.wrongHere ?? [], v.missing)]));
  const wrong = wrongBodies(route);
  return fc.record({
    params: fc.record(segments),
    trailingSlash: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    query: queryString,
    body: fc.option(wrong ? fc.oneof({ weight: 4, arbitrary: bodyPlans(route.template?.()) }, { weight: 1, arbitrary: wrong }) : bodyPlans(route.template?.()), { freq: 12, nil: undefined }),
    who: credentials,
  });
}

type Reading = { as: "parsed"; value: unknown } | { as: "absent" } | { as: "refused" } | { as: "unknown" };

/** What express.json (strict, 2 MB) makes of a body: parsed, absent (not JSON by type), refused, or hard to tell. */
function readingOf(plan: BodyPlan | undefined, body: string | Buffer | undefined): Reading {
  if (plan === undefined || body === undefined) return { as: "absent" };
  const type = plan.contentType?.toLowerCase().trim();
  if (type === undefined || ["text/plain", "application/x-www-form-urlencoded", "application/vnd.api+json"].includes(type) || type.startsWith("multipart/")) return { as: "absent" };
  if (type === "application/json; charset=latin1") return { as: "refused" };
  if (type !== "application/json" && type !== "application/json; charset=utf-8") return { as: "unknown" };
  if (plan.contentEncoding !== undefined) return { as: "refused" };
  if (Buffer.byteLength(body) > 2 * 1024 * 1024) return { as: "refused" };
  const text = (typeof body === "string" ? body : body.toString("utf8")).replace(/^\ufeff/, "");
  if (text.length === 0) return { as: "parsed", value: {} };
  // body-parser's strict mode: the first character after JSON whitespace opens an object or an array
  if (!/^[ \t\n\r]*[[{]/.test(text)) return { as: "refused" };
  try {
    return { as: "parsed", value: JSON.parse(text) };
  } catch {
    return { as: "refused" };
  }
}

/** Whether the body alone makes the request wrong, for sure. */
function bodyIsWrong(route: WriteRoute, reading: Reading): boolean {
  if (reading.as === "refused") return true;
  if (!route.schema || reading.as === "unknown") return false;
  if (reading.as === "absent") return !route.bodyOptional;
  return !route.schema.safeParse(reading.value).success;
}

function describeRequest(method: string, path: string, plan: Plan): string {
  const body = plan.body === undefined ? "no body" : JSON.stringify(plan.body).slice(0, 600);
  return `${method} ${path.slice(0, 300)} as ${plan.who} with ${body}`;
}

/** The answer to a wrong request: a 4xx with the error body, saying what is wrong in a few words. */
function expectRefusal(request: string, response: RawResponse): void {
  const context = `${request}\n→ ${response.status} ${response.text.slice(0, 500)}`;
  expect(response.status, context).toBeGreaterThanOrEqual(400);
  expect(response.status, context).toBeLessThan(500);
  expect(response.headers["content-type"], context).toMatch(/^application\/json/);
  const body = JSON.parse(response.text) as { error?: { code?: unknown; message?: unknown } };
  expect(Object.keys(body), context).toEqual(["error"]);
  const code = body.error?.code as ErrorCode;
  const message = body.error?.message;
  expect(Object.keys(ERROR_STATUS), context).toContain(code);
  // a request that could not be read at all (400, 413, 431) is refused as Invalid with the status HTTP has for it
  if (![400, 413, 431].includes(response.status) || code !== "Invalid") expect(ERROR_STATUS[code], context).toBe(response.status);
  expect(typeof message === "string" && message.trim().length > 0, context).toBe(true);
  // bounded whatever the input: a message never echoes a huge value back
  expect((message as string).length, `${context}\n(the message is too long to say what is wrong)`).toBeLessThanOrEqual(8192);
}

let loginAddress = 0;

async function send(route: WriteRoute, plan: Plan): Promise<void> {
  const path = `/api${route.path.replace(/:(\w+)/g, (_m, name: string) => plan.params[name]!.raw)}${plan.trailingSlash ? "/" : ""}${plan.query}`;
  const { body, headers: bodyHeaders } = plan.body ? bodyBytes(plan.body) : { body: undefined, headers: {} };
  const pathIsWrong = Object.values(plan.params).some((s) => s.bad);
  const reading = readingOf(plan.body, body);
  const wrong = route.anyBodyIsWrong || route.logout || pathIsWrong || plan.who !== "admin" || plan.body?.wrongAt !== undefined || bodyIsWrong(route, reading);
  fc.pre(wrong);
  const request = describeRequest(route.method, path, plan);
  const response = await client.send({
    method: route.method,
    path,
    headers: { ...headersFor(plan.who, route), ...bodyHeaders },
    ...(body !== undefined ? { body } : {}),
    ...(route.login ? { localAddress: `127.0.0.${2 + (loginAddress++ % 250)}` } : {}),
  });
  count(`${route.method} ${route.path}`, response.status);
  if (route.logout && response.status === 204) return;
  if (route.rightAnswer?.(response)) return;
  expectRefusal(request, response);
}

/** The assertion's message when it fails: to list every route that fails, not only the first. */
function problemsOf(check: () => void): string[] {
  try {
    check();
    return [];
  } catch (error) {
    return [(error as Error).message.split("\n").slice(0, 2).join(" ")];
  }
}

function count(route: string, status: number): void {
  sent.total++;
  sent.byStatus.set(status, (sent.byStatus.get(status) ?? 0) + 1);
  sent.byRoute.set(route, (sent.byRoute.get(route) ?? 0) + 1);
}

const budget = { startedAt: 0, properties: 0 };

/** The time a property may take: its share of what is left of the budget, and at least 1 s. */
function timeLimit(): number {
  budget.startedAt ||= Date.now();
  const left = TIME_BUDGET_MS - (Date.now() - budget.startedAt);
  const propertiesLeft = ROUTES.length + 1 - budget.properties++;
  return Math.max(1_000, Math.round(left / Math.max(1, propertiesLeft)));
}

async function checkProperty<Ts extends [unknown, ...unknown[]]>(name: string, index: number, property: fc.IAsyncPropertyWithHooks<Ts>): Promise<void> {
  const seed = SEED + index;
  fuzzing = name;
  try {
    await fc.assert(property, { seed, numRuns: RUNS, interruptAfterTimeLimit: timeLimit(), maxSkipsPerRun: 200 });
  } catch (error) {
    throw new Error(`${name}: reproduce with FC_SEED=${SEED} (this route's seed ${seed})\n${(error as Error).message}`, { cause: error });
  } finally {
    fuzzing = undefined;
  }
}

/** Notes each change of the BFF's caches (events aside) made while a route is fuzzed. */
function watchCaches(): void {
  const caches = t.server.context.clusters.get("local").caches;
  for (const [kind, cache] of Object.entries(caches)) {
    if (kind === "events") continue;
    (cache as { onChange(listener: (type: string, item: unknown) => void): unknown }).onChange((type, item) => {
      if (fuzzing === undefined) return;
      const o = item as { name?: string; namespace?: string; metadata?: { name?: string; namespace?: string } };
      changesSeen.push(`${fuzzing}: ${type} ${kind} ${o.namespace ?? o.metadata?.namespace ?? ""}/${o.name ?? o.metadata?.name ?? "?"}`);
    });
  }
}

// ---------------------------------------------------------------------------------------------

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

function servedWriteRoutes(): string[] {
  const ctx = t.server.context;
  const routers = [
    authRoutes({} as UserStore, {} as SessionSigner, { secureCookies: false }),
    meRoute(),
    ...features.flatMap((feature) => [feature.routes?.(ctx), feature.publicRoutes?.(ctx)]).filter((r): r is Router => r !== undefined),
  ];
  return routers.flatMap((router) =>
    (router as unknown as { stack: Layer[] }).stack.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).filter((m) => m !== "get" && m !== "head").map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : [],
    ),
  );
}

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      serverLog.push(chunk.toString("utf8"));
      done();
    },
  });
  t = await startTestServer({ logger: pino({ level: "warn" }, logStream) });
  client = new RawClient(t.server.url);
  const login = await client.send({ method: "POST", path: "/api/auth/login", headers: { Origin: t.server.url, "Content-Type": "application/json" }, body: JSON.stringify({ username: "admin", password: TEST_ADMIN_PASSWORD }) });
  adminCookie = String(login.headers["set-cookie"]).split(";")[0]!;
  await createFixtures();
  before = await settledSnapshot((args) => t.kubectl(args));
  watchCaches();
}, 60_000);

afterAll(async () => {
  client?.close();
  await t?.stop();
});

describe("every write route refuses bad input with a 4xx that says what is wrong", () => {
  it("covers every write route the server serves", () => {
    const covered = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(servedWriteRoutes().filter((route) => !covered.includes(route))).toEqual([]);
  });

  it("each refuses an array for a body, or a name that does not exist", async () => {
    const problems: string[] = [];
    for (const route of ROUTES.filter((r) => !r.logout)) {
      const names: Record<string, string> = { cluster: "local", project: f.project, namespace: "bi-apps", name: "zz-missing", username: "zz-missing-user", id: "zzzzzzzzzzzz" };
      const path = `/api${route.path.replace(/:(\w+)/g, (_m, name: string) => names[name]!)}`;
      const response = await client.send({
        method: route.method,
        path,
        headers: { Origin: t.server.url, ...(route.login ? {} : { Cookie: adminCookie }), "Content-Type": "application/json" },
        body: "[]",
      });
      count(`${route.method} ${route.path}`, response.status);
      problems.push(...problemsOf(() => expectRefusal(`${route.method} ${path} with []`, response)));
    }
    expect(problems).toEqual([]);
  });

  it("each refuses fields that no code can turn into a string ({\"toString\": …})", async () => {
    const problems: string[] = [];
    const unprintable = JSON.parse('{"toString": 1, "valueOf": [], "__proto__": {"admin": true}}') as unknown;
    for (const route of ROUTES.filter((r) => r.template && !r.logout)) {
      const body = Object.fromEntries(Object.keys(route.template!() as object).map((key) => [key, unprintable]));
      const path = `/api${route.path.replace(/:(\w+)/g, (_m, name: string) => ({ cluster: "local", project: f.project, namespace: "bi-apps" })[name] ?? "zz-missing")}`;
      const response = await client.send({
        method: route.method,
        path,
        headers: { Origin: t.server.url, ...(route.login ? {} : { Cookie: adminCookie }), "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      count(`${route.method} ${route.path}`, response.status);
      problems.push(...problemsOf(() => expectRefusal(`${route.method} ${path} with ${JSON.stringify(body).slice(0, 200)}`, response)));
    }
    expect(problems).toEqual([]);
  });

  ROUTES.forEach((route, index) => {
    it(`${route.method} ${route.path}`, async () => {
      await checkProperty(`${route.method} ${route.path}`, index, fc.asyncProperty(planArbitrary(route), (plan) => send(route, plan)));
    }, 60_000);
  });
});

describe("the routes that read a query refuse a bad one with a 4xx", () => {
  const QUERY_ROUTES = ["name-availability", "pods", "events"];
  const value = fc.oneof(
    fc.constantFrom("", "project", "namespace", "bi-apps", "a".repeat(64), "a".repeat(254), "a".repeat(1001), "%00", "%ZZ", "%ED%A0%80", "..%2F..", "%E2%80%AE", "A", "a.b"),
    fc.string({ unit: "grapheme", maxLength: 20 }).map((v) => encodeURIComponent(v)),
  );
  const key = fc.constantFrom("name", "scope", "namespace", "kind", "name[]", "name[a]", "__proto__", "constructor", "", "%ZZ", "a".repeat(300));
  const query = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

  it("GET …/name-availability, …/pods, …/events", async () => {
    const property = fc.asyncProperty(fc.constantFrom(...QUERY_ROUTES), query, async (route, q) => {
      const path = `/api/clusters/local/projects/${f.project}/${route}?${q}`;
      const response = await client.send({ method: "GET", path, headers: { Cookie: adminCookie } });
      count(`GET …/${route}`, response.status);
      // a right query is answered 200; every other one is refused as any bad input is
      if (response.status !== 200) expectRefusal(`GET ${path.slice(0, 300)}`, response);
    });
    await checkProperty("GET with a query", ROUTES.length, property);
  }, 60_000);
});

describe("requests Node's HTTP parser refuses before Express sees them", () => {
  // Node answers these itself (400 for a request line it cannot parse, 431 for more than 16 KB of
  // headers), then closes the connection; the server goes on serving.
  const cases: Array<[string, string, Record<string, string>]> = [
    ["a raw byte above 0x7f in the path", "/api/clusters/local/projects/\u00e9/secrets", {}],
    ["more than 16 KB of URL", `/api/users?x=${"y".repeat(20_000)}`, {}],
    ["more than 16 KB of headers", "/api/users", { "X-Padding": "z".repeat(20_000) }],
  ];
  for (const [what, path, headers] of cases) {
    it(`${what}: a 4xx, and the server stays up`, async () => {
      const response = await client.send({ method: "POST", path, headers: { Origin: t.server.url, Cookie: adminCookie, ...headers } });
      count("protocol", response.status);
      expect([400, 431, 414]).toContain(response.status);
      expect((await client.send({ method: "GET", path: "/healthz" })).status).toBe(200);
    });
    it(`${what}: the answer is the error body`, async () => {
      const response = await client.send({ method: "POST", path, headers: { Origin: t.server.url, Cookie: adminCookie, ...headers } });
      expectRefusal(`POST ${path.slice(0, 80)}`, response);
    });
  }
});

describe("after the run", () => {
  it("sent thousands of requests, and none was answered 5xx", () => {
    const statuses = Object.fromEntries([...sent.byStatus].sort(([a], [b]) => a - b));
    const summary = JSON.stringify({ total: sent.total, statuses, byRoute: Object.fromEntries(sent.byRoute) });
    expect(Object.keys(statuses).filter((s) => Number(s) >= 500), summary).toEqual([]);
    expect(sent.total, summary).toBeGreaterThanOrEqual(1000);
  });

  it("changed nothing the BFF's caches watch while the requests ran", () => {
    expect(changesSeen).toEqual([]);
  });

  it("logged no server error", () => {
    expect(serverLog.filter((line) => line.includes('"level":50')).map((line) => line.slice(0, 1500))).toEqual([]);
  });

  it("is healthy, and the admin's session still works", async () => {
    const health = await client.send({ method: "GET", path: "/healthz" });
    expect({ status: health.status, text: health.text }).toEqual({ status: 200, text: "ok" });
    const me = await client.send({ method: "GET", path: "/api/auth/me", headers: { Cookie: adminCookie } });
    expect(me.status).toBe(200);
  });

  it("left the cluster exactly as it was, object by object", async () => {
    const after = await takeSnapshot((args) => t.kubectl(args));
    expect(snapshotDifferences(before, after), `changes seen while fuzzing:\n${changesSeen.join("\n")}`).toEqual([]);
  });
});
