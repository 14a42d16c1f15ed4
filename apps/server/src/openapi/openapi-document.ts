import { z } from "zod";
import * as contracts from "@paddock/contracts";
import { ERROR_STATUS, type ErrorCode } from "@paddock/contracts";
import type { ApiRoute } from "./api-routes.ts";

type JsonSchema = Record<string, unknown>;
type Io = "input" | "output";

const REF = (name: string) => `#/components/schemas/${name}`;

/** The schema of each path parameter, by its name in the Express path. */
const PATH_PARAMETERS: Record<string, { schema: z.ZodType; description: string }> = {
  cluster: { schema: contracts.clusterIdSchema, description: "The cluster id (the embedded cluster is `local`)." },
  project: { schema: contracts.projectIdSchema, description: "The project id: its metadata.name, e.g. `p-ab12c`." },
  namespace: { schema: contracts.namespaceNameSchema, description: "A namespace." },
  name: { schema: contracts.resourceNameSchema, description: "The name of the Secret, ConfigMap or Deployment." },
  username: { schema: contracts.usernameSchema, description: "A Paddock username." },
  id: { schema: z.string().regex(/^[a-z0-9]{12}$/), description: "An API token's id (12 lowercase letters and digits)." },
};

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  Invalid: "The request is not valid: `details.issues` says what and where.",
  NameInUse: "The name is taken in its scope: `details.conflicts` names each object that holds it.",
  Conflict: "The change conflicts with the state of the cluster; the message says what to do.",
  NotFound: "No such cluster, project or object (or the cluster has no Project CRD: apply deploy/crds.yaml).",
  Unauthenticated: "No valid session: log in.",
  Forbidden: "Refused: the user's role does not allow it (the message says which role they have), a write from another origin, or the cluster refused Paddock.",
  TooManyRequests: "Too many attempts: retry after the Retry-After header's seconds.",
  ClusterUnavailable: "The cluster cannot be reached; the message gives the reason.",
  Internal: "An unexpected failure.",
};

/** Every zod schema that packages/contracts exports, named after its export (`projectCreateSchema` → `ProjectCreate`). */
function contractSchemas(): Map<z.ZodType, string> {
  const named = new Map<z.ZodType, string>();
  for (const [key, value] of Object.entries(contracts)) {
    if (!key.endsWith("Schema") || !(value instanceof z.ZodType) || named.has(value)) continue;
    const base = key.slice(0, -"Schema".length);
    named.set(value, base.charAt(0).toUpperCase() + base.slice(1));
  }
  return named;
}

/** `:cluster` → `{cluster}`, under /api. */
export function openApiPath(expressPath: string): string {
  return `/api${expressPath.replace(/:([A-Za-z_]\w*)/g, "{$1}")}`;
}

function pathParameterNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!);
}

/** The refusals a route can answer: those of every route of its kind, and its own. */
export function errorCodesOf(route: ApiRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors ?? []);
  if (!route.public) codes.add("Unauthenticated");
  const params = pathParameterNames(route.path);
  if (route.body || route.query || params.length > 0) codes.add("Invalid");
  if (params.length > 0) codes.add("NotFound");
  if (params.includes("cluster")) codes.add("ClusterUnavailable");
  if (route.method !== "get" || !route.public) codes.add("Forbidden");
  codes.add("Internal");
  return Object.keys(ERROR_STATUS).filter((c) => codes.has(c as ErrorCode)) as ErrorCode[];
}

/**
 * Builds the JSON Schemas of one direction (requests are read as zod's input, answers as its
 * output) with every named contracts schema as a component, referenced by `$ref`.
 */
class SchemaSet {
  readonly #registry = z.registry<{ id: string }>();
  readonly #ids = new Map<z.ZodType, string>();
  #anonymous = 0;

  constructor(
    readonly io: Io,
    named: Map<z.ZodType, string>,
  ) {
    for (const [schema, id] of named) this.#add(schema, id);
  }

  /** A `$ref` to the schema, naming it `fallbackId` when contracts does not export it. */
  ref(schema: z.ZodType, fallbackId?: string): JsonSchema {
    const id = this.#ids.get(schema) ?? this.#add(schema, fallbackId ?? `Anonymous${++this.#anonymous}`);
    return { $ref: REF(id) };
  }

  /** The components reachable from `roots` (JSON Schema 2020-12, as OpenAPI 3.1 takes it). */
  components(roots: Set<string>): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.#registry, { target: "draft-2020-12", io: this.io, unrepresentable: "any", uri: REF }) as { schemas: Record<string, JsonSchema> };
    const reached: Record<string, JsonSchema> = {};
    const visit = (id: string) => {
      if (reached[id] || !schemas[id]) return;
      const { $schema: _schema, $id: _id, ...schema } = schemas[id];
      reached[id] = schema;
      for (const ref of JSON.stringify(schema).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) visit(ref[1]!);
    };
    for (const id of roots) visit(id);
    return reached;
  }

  #add(schema: z.ZodType, id: string): string {
    this.#registry.add(schema, { id });
    this.#ids.set(schema, id);
    return id;
  }
}

function refId(ref: JsonSchema): string {
  return String(ref.$ref).slice(REF("").length);
}

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The OpenAPI 3.1 document of the API, generated from the route table and the contracts' zod schemas. */
export function buildOpenApiDocument(routes: ApiRoute[], info: { version: string } = { version: "0.1.0" }): JsonSchema {
  const named = contractSchemas();
  const requests = new SchemaSet("input", named);
  const answers = new SchemaSet("output", named);
  const requestRoots = new Set<string>();
  const answerRoots = new Set<string>([refId(answers.ref(contracts.errorBodySchema))]);
  const use = (set: SchemaSet, roots: Set<string>, schema: z.ZodType, fallbackId: string) => {
    const ref = set.ref(schema, fallbackId);
    roots.add(refId(ref));
    return ref;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    if (operationIds.has(route.operationId)) throw new Error(`operationId "${route.operationId}" is used twice in the route table`);
    operationIds.add(route.operationId);

    const parameters: JsonSchema[] = pathParameterNames(route.path).map((name) => {
      const known = PATH_PARAMETERS[name];
      if (!known) throw new Error(`path parameter ":${name}" of ${route.path} has no schema in openapi-document.ts PATH_PARAMETERS`);
      return { name, in: "path", required: true, description: known.description, schema: use(requests, requestRoots, known.schema, pascal(name)) };
    });
    if (route.query) {
      const query = z.toJSONSchema(route.query, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: "query", required: (query.required ?? []).includes(name), schema });
      }
    }

    const responses: Record<string, unknown> = {};
    const ok = route.response;
    const okSchema = ok.list
      ? { type: "object", properties: { items: { type: "array", items: use(answers, answerRoots, ok.list, `${pascal(route.operationId)}Item`) } }, required: ["items"] }
      : ok.schema
        ? use(answers, answerRoots, ok.schema, `${pascal(route.operationId)}Response`)
        : undefined;
    const contentType = ok.contentType ?? "application/json";
    responses[String(ok.status)] = {
      description: ok.description ?? (ok.list ? "The list, as `{\"items\": […]}`." : "Done."),
      ...(okSchema ? { content: { [contentType]: { schema: okSchema } } } : ok.status === 200 ? { content: { [contentType]: {} } } : {}),
    };
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of errorCodesOf(route)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
    for (const [status, codes] of byStatus) {
      responses[String(status)] = {
        description: codes.map((c) => `${c}: ${ERROR_DESCRIPTIONS[c]}`).join(" "),
        content: { "application/json": { schema: { $ref: REF("ErrorBody") } } },
      };
    }

    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? { requestBody: { required: !route.bodyOptional, content: { "application/json": { schema: use(requests, requestRoots, route.body, `${pascal(route.operationId)}Request`) } } } }
        : {}),
      responses,
      ...(route.public ? { security: [] } : {}),
    };
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Paddock API",
      version: info.version,
      description:
        "The API of the Paddock dashboard. JSON under /api; lists answer {\"items\": […]}; every refusal answers {\"error\": {\"code\", \"message\", \"details\"}}. Writes need a same-origin Origin header, or an API token (Authorization: Bearer).",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { token: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: mergeComponents(requests.components(requestRoots), answers.components(answerRoots), paths),
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "paddock_session", description: "The session cookie set by POST /api/auth/login." },
        token: { type: "http", scheme: "bearer", description: "An API token made with POST /api/tokens: `Authorization: Bearer paddock_…`." },
      },
    },
  };
}

/**
 * Request and answer components share names. A schema that reads differently as input and as
 * output (a plain z.object allows unknown keys on input only) gets an `Input` twin for requests.
 */
function mergeComponents(
  requests: Record<string, JsonSchema>,
  answers: Record<string, JsonSchema>,
  paths: Record<string, Record<string, unknown>>,
): Record<string, JsonSchema> {
  const differing = new Set(Object.keys(requests).filter((id) => answers[id] && JSON.stringify(answers[id]) !== JSON.stringify(requests[id])));
  const rename = <T>(value: T): T =>
    differing.size === 0
      ? value
      : (JSON.parse(JSON.stringify(value), (key, v: unknown) =>
          key === "$ref" && typeof v === "string" && differing.has(v.slice(REF("").length)) ? `${v}Input` : v,
        ) as T);
  const merged: Record<string, JsonSchema> = { ...answers };
  for (const [id, schema] of Object.entries(requests)) merged[differing.has(id) ? `${id}Input` : id] = rename(schema);
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations) as Array<Record<string, unknown>>) {
      if (operation.parameters) operation.parameters = rename(operation.parameters);
      if (operation.requestBody) operation.requestBody = rename(operation.requestBody);
    }
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}
