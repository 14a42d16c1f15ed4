import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Router } from "express";
import { startTestServer, ApiClient, type TestServer } from "../testing/test-server.ts";
import { features } from "../features.ts";
import { authRoutes, meRoute } from "../auth/routes.ts";
import type { SessionSigner } from "../auth/session.ts";
import type { UserStore } from "../auth/user-store.ts";
import { apiRoutes } from "./api-routes.ts";
import { buildOpenApiDocument, openApiPath } from "./openapi-document.ts";

interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>;
  requestBody?: { required: boolean; content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
  security?: unknown[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

let t: TestServer;
let doc: Document;
beforeAll(async () => {
  t = await startTestServer();
  const response = await new ApiClient(t.server.url).get<Document>("/api/openapi.json");
  expect(response.status).toBe(200);
  doc = response.body;
});
afterAll(async () => {
  await t?.stop();
});

/** The routes of issue 4's route list, spelled out. */
const ISSUE_ROUTES = [
  "POST /auth/login",
  "POST /auth/logout",
  "GET /auth/me",
  "GET /clusters",
  "GET /clusters/:cluster/projects",
  "POST /clusters/:cluster/projects",
  "PUT /clusters/:cluster/projects/:project",
  "DELETE /clusters/:cluster/projects/:project",
  "GET /clusters/:cluster/namespaces",
  "POST /clusters/:cluster/namespaces",
  "PUT /clusters/:cluster/namespaces/:namespace",
  "GET /clusters/:cluster/projects/:project/registries",
  "POST /clusters/:cluster/projects/:project/registries",
  "GET /clusters/:cluster/projects/:project/registries/project/:name",
  "PUT /clusters/:cluster/projects/:project/registries/project/:name",
  "DELETE /clusters/:cluster/projects/:project/registries/project/:name",
  "GET /clusters/:cluster/projects/:project/registries/namespaces/:namespace/:name",
  "PUT /clusters/:cluster/projects/:project/registries/namespaces/:namespace/:name",
  "DELETE /clusters/:cluster/projects/:project/registries/namespaces/:namespace/:name",
  "GET /clusters/:cluster/projects/:project/name-availability",
  "POST /registry-test",
  "POST /clusters/:cluster/projects/:project/registries/project/:name/test",
  "POST /clusters/:cluster/projects/:project/registries/namespaces/:namespace/:name/test",
  ...["secrets", "certificates", "configmaps"].flatMap((kind) => [
    `GET /clusters/:cluster/projects/:project/${kind}`,
    `POST /clusters/:cluster/projects/:project/${kind}`,
    `DELETE /clusters/:cluster/projects/:project/${kind}/:namespace/:name`,
  ]),
  "GET /clusters/:cluster/projects/:project/workloads",
  "POST /clusters/:cluster/projects/:project/workloads",
  "GET /clusters/:cluster/projects/:project/workloads/:namespace/:name",
  "PUT /clusters/:cluster/projects/:project/workloads/:namespace/:name",
  "DELETE /clusters/:cluster/projects/:project/workloads/:namespace/:name",
  "POST /clusters/:cluster/projects/:project/workloads/:namespace/:name/redeploy",
  "POST /clusters/:cluster/projects/:project/pull-secret-preview",
  "GET /clusters/:cluster/projects/:project/events",
];

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** "METHOD path" of every route a router serves. */
function servedRoutes(router: Router): string[] {
  const out: string[] = [];
  for (const layer of (router as unknown as { stack: Layer[] }).stack) {
    if (layer.route) for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return out;
}

function operation(route: string): Operation | undefined {
  const [method, path] = route.split(" ") as [string, string];
  return doc.paths[openApiPath(path)]?.[method.toLowerCase()];
}

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document, served without a session", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/openapi.json"]!.get!.security).toEqual([]);
  });

  it("describes every route of issue 4", () => {
    expect(ISSUE_ROUTES.filter((route) => !operation(route))).toEqual([]);
  });

  it("describes every route that the server serves", () => {
    const ctx = t.server.context;
    const routers = [
      authRoutes({} as UserStore, {} as SessionSigner, { secureCookies: false }),
      meRoute(),
      ...features.flatMap((f) => [f.routes?.(ctx), f.publicRoutes?.(ctx)]).filter((r): r is Router => r !== undefined),
    ];
    const served = routers.flatMap(servedRoutes);
    const described = apiRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(served.filter((r) => !described.includes(r)), "served but missing from openapi/api-routes.ts").toEqual([]);
    expect(described.filter((r) => !served.includes(r)), "in openapi/api-routes.ts but not served").toEqual([]);
  });

  it("gives each route its parameters, body, answer and refusals", () => {
    const create = operation("POST /clusters/:cluster/projects")!;
    expect(create.operationId).toBe("createProject");
    expect(create.parameters).toEqual([
      { name: "cluster", in: "path", required: true, description: "The cluster id (the embedded cluster is `local`).", schema: { $ref: "#/components/schemas/ClusterId" } },
    ]);
    expect(create.requestBody).toEqual({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ProjectCreate" } } } });
    expect(create.responses["201"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Project" });
    expect(Object.keys(create.responses).sort()).toEqual(["201", "401", "403", "404", "409", "422", "500", "503"]);
    expect(create.responses["409"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/ErrorBody" });

    expect(doc.components.schemas.ProjectCreate).toEqual({
      type: "object",
      properties: {
        displayName: { type: "string", minLength: 1, maxLength: 63 },
        description: { type: "string", maxLength: 1000 },
      },
      required: ["displayName"],
      additionalProperties: false,
    });

    const list = operation("GET /clusters/:cluster/namespaces")!;
    expect(list.responses["200"]!.content!["application/json"]!.schema).toEqual({
      type: "object",
      properties: { items: { type: "array", items: { $ref: "#/components/schemas/Namespace" } } },
      required: ["items"],
    });
    expect(list.requestBody).toBeUndefined();

    const availability = operation("GET /clusters/:cluster/projects/:project/name-availability")!;
    expect(availability.parameters!.filter((p) => p.in === "query").map((p) => [p.name, p.required])).toEqual([
      ["name", true],
      ["scope", true],
      ["namespace", false],
    ]);

    const login = operation("POST /auth/login")!;
    expect(login.security).toEqual([]);
    expect(Object.keys(login.responses).sort()).toEqual(["200", "401", "403", "422", "429", "500"]);
  });

  it("describes the error body once, and every $ref resolves", () => {
    expect(doc.components.schemas.ErrorBody).toMatchObject({
      type: "object",
      properties: { error: { type: "object", required: ["code", "message"] } },
    });
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(100);
    expect([...new Set(refs)].filter((ref) => !doc.components.schemas[ref.replace("#/components/schemas/", "")])).toEqual([]);
  });

  it("is built from the table alone, and refuses a table that reuses an operationId", () => {
    expect(buildOpenApiDocument(apiRoutes)).toEqual(doc);
    expect(() => buildOpenApiDocument([...apiRoutes, apiRoutes[0]!])).toThrow('operationId "login" is used twice in the route table');
  });
});
