import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { goJsonKind } from "@paddock/registry-auth";
import type { KubeObject } from "../api/types.ts";
import type { ResourceDefinition } from "../kinds/types.ts";
import { apiVersionOf } from "../kinds/types.ts";
import { StatusError, badRequest, internalError, invalid, methodNotSupported, pathNotFound, unauthorized } from "../api/status.ts";
import { SelectorError } from "../api/selectors.ts";
import type { DeleteOptions, ListOptions, ResourceService, Subresource } from "../api/resource-service.ts";
import {
  aggregatedDiscovery,
  aggregatedDiscoveryContentType,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregatedDiscovery,
} from "../api/discovery.ts";
import { openApiV3DocumentBody, openApiV3Root } from "../api/openapi.ts";
import { TABLE_CONTENT_TYPE, toTable, wantsTable, type IncludeObject } from "./table.ts";
import { assertObjectMediaType, decodeObject, decodePatch, patchTypeOf, readBody } from "./request-body.ts";
import { parseApiPath } from "./resource-path.ts";
import { toScale, applyScale, validateScale } from "../kinds/scale.ts";
import { applyMergePatch } from "../patch/merge-patch.ts";
import { applyJsonPatch } from "../patch/json-patch.ts";
import {
  checkPatchedFields,
  decodeBodyFields,
  parseFieldValidation,
  patchBodyErrors,
  warningHeader,
  type FieldValidationRequest,
  type OptionsKind,
} from "../api/field-validation.ts";
import { fieldSchemaFor, type FieldNode } from "../api/field-schema/field-schema.ts";
import { deleteResponse } from "../api/delete-response.ts";

export interface ApiHandlerOptions {
  service: ResourceService;
  token: string;
  /** what /version answers */
  version: Record<string, string>;
  serverAddress: () => string;
  /** how often a watch that allows bookmarks gets one */
  bookmarkIntervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface ApiHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Ends every open watch stream (clients re-watch), as an apiserver restart would. */
  closeWatches(): void;
}

const PUBLIC_PATHS = new Set(["/healthz", "/livez", "/readyz", "/version"]);

/** The whole Kubernetes HTTP API: authentication, discovery, OpenAPI and the REST verbs. */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const { service } = options;
  const openWatches = new Set<() => void>();
  const expected = Buffer.from(`Bearer ${options.token}`);
  const authenticated = (req: IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? "");
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "https://localhost");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    handle(req, res, url, path).catch((error: unknown) => {
      if (!(error instanceof StatusError)) options.onError?.(error);
      if (res.headersSent) {
        res.end();
        return;
      }
      const status =
        error instanceof StatusError
          ? error
          : error instanceof SelectorError
            ? badRequest(error.message)
            : internalError(error instanceof Error ? error.message : String(error));
      sendJson(res, status.code, status.toStatus());
    });
  };
  return Object.assign(handler, {
    closeWatches() {
      for (const close of [...openWatches]) close();
    },
  });

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    if (PUBLIC_PATHS.has(path) && req.method === "GET") {
      if (path === "/version") return sendJson(res, 200, options.version);
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("ok");
      return;
    }
    if (!authenticated(req)) throw unauthorized();
    if (req.method === "GET" && (path === "/api" || path === "/apis")) return discoveryRoot(req, res, path);
    if (req.method === "GET" && path.startsWith("/openapi/")) return openApi(res, url, path);
    if (path.startsWith("/apis/") && path.split("/").length === 3 && req.method === "GET") {
      const group = apiGroup(service.definitions, path.split("/")[2]!);
      if (!group) throw pathNotFound();
      return sendJson(res, 200, group);
    }
    const target = parseApiPath(path, (g, v, r) => service.find(g, v, r));
    if (!target) throw pathNotFound();
    if (target.type === "groupVersion") {
      const list = req.method === "GET" ? apiResourceList(service.definitions, target.group ? `${target.group}/${target.version}` : target.version) : null;
      if (!list) throw pathNotFound();
      return sendJson(res, 200, list);
    }
    const def = service.find(target.group, target.version, target.resource);
    if (!def) throw pathNotFound();
    if (target.namespace !== undefined && !def.namespaced) throw pathNotFound();
    const subresource = target.subresource;
    if (def.kind === "Pod" && subresource === "binding" && target.name !== undefined && req.method === "POST") {
      return binding(req, res, url, target.namespace ?? "", target.name);
    }
    if (subresource !== undefined && !(def.subresources as string[]).includes(subresource) && !(def.kind === "Namespace" && subresource === "finalize")) {
      throw pathNotFound();
    }
    if (target.name === undefined) return collection(req, res, url, def, target.namespace);
    if (def.namespaced && target.namespace === undefined) throw pathNotFound();
    return item(req, res, url, def, target.namespace ?? "", target.name, subresource as Subresource | "finalize");
  }

  /** POST pods/<name>/binding: a scheduler assigning the pod to a node. */
  async function binding(req: IncomingMessage, res: ServerResponse, url: URL, namespace: string, name: string): Promise<void> {
    const validation = () => fieldValidation(url.searchParams, "CreateOptions", res);
    const body = (await objectBodyRaw(req, () => 'Binding in version "v1" cannot be handled as a Binding', BINDING_FIELDS, validation)) as KubeObject;
    const target = (body.target ?? {}) as { kind?: string; name?: string };
    if (!target.name) throw invalid("", "Binding", name, [{ type: "FieldValueRequired", field: "target.name" }]);
    await service.bind(namespace, name, target.name);
    return sendJson(res, 201, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
  }

  function discoveryRoot(req: IncomingMessage, res: ServerResponse, path: string): void {
    const aggregated = wantsAggregatedDiscovery(req.headers.accept);
    if (aggregated) {
      const body = aggregatedDiscovery(service.definitions, path === "/api" ? "core" : "apis", aggregated);
      return sendJson(res, 200, body, aggregatedDiscoveryContentType(aggregated));
    }
    return sendJson(res, 200, path === "/api" ? apiVersions(options.serverAddress()) : apiGroupList(service.definitions));
  }

  function openApi(res: ServerResponse, url: URL, path: string): void {
    if (path === "/openapi/v3") return sendJson(res, 200, openApiV3Root(service.definitions));
    if (path.startsWith("/openapi/v3/")) {
      const key = path.slice("/openapi/v3/".length);
      const served = openApiV3DocumentBody(service.definitions, key.replace(/^apis?\//, ""));
      if (served) {
        // kube-openapi's handler: a document asked for by its current hash may be cached for good;
        // an outdated hash is redirected to the current one.
        const hash = url.searchParams.get("hash");
        if (hash && hash !== served.hash) {
          res.writeHead(301, { Location: `/openapi/v3/${key}?hash=${served.hash}` });
          res.end();
          return;
        }
        const headers: Record<string, string | number> = {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(served.body),
          ETag: `"${served.hash}"`,
          Vary: "Accept",
        };
        if (hash) {
          headers["Cache-Control"] = "public, immutable";
          headers.Expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
        }
        res.writeHead(200, headers);
        res.end(served.body);
        return;
      }
    }
    throw pathNotFound();
  }

  async function collection(req: IncomingMessage, res: ServerResponse, url: URL, def: ResourceDefinition, namespace: string | undefined): Promise<void> {
    const q = url.searchParams;
    switch (req.method) {
      case "GET": {
        const list = listOptions(q);
        if (isTrue(q.get("watch"))) return watch(req, res, def, namespace, q, list);
        const result = service.list(def, namespace, list);
        if (wantsTable(req.headers.accept)) {
          return sendJson(
            res,
            200,
            toTable(def, result.items, { ...result, include: includeObject(q) }),
            TABLE_CONTENT_TYPE,
          );
        }
        const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
        if (result.continue) metadata.continue = result.continue;
        if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
        return sendJson(res, 200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata, items: result.items });
      }
      case "POST": {
        if (namespace === undefined && def.namespaced) throw methodNotSupported(def, "create");
        const body = await objectBody(req, def, () => fieldValidation(q, "CreateOptions", res));
        const created = await service.create(def, namespace ?? "", body, { dryRun: isDryRun(q) });
        return sendJson(res, 201, created);
      }
      case "DELETE": {
        const { options: deleteBody } = await deleteOptions(req, q);
        const deleted = await service.deleteCollection(def, namespace, listOptions(q), deleteBody);
        return sendJson(res, 200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(service.store.revision) }, items: deleted });
      }
      default:
        throw methodNotSupported(def, (req.method ?? "").toLowerCase());
    }
  }

  async function item(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    def: ResourceDefinition,
    namespace: string,
    name: string,
    subresource: Subresource | "finalize",
  ): Promise<void> {
    const q = url.searchParams;
    const dryRun = isDryRun(q);
    if (subresource === "scale") return scale(req, res, q, def, namespace, name, dryRun);
    const sub: Subresource = subresource === "finalize" ? undefined : subresource;
    switch (req.method) {
      case "GET": {
        const obj = service.get(def, namespace, name);
        if (wantsTable(req.headers.accept)) {
          return sendJson(res, 200, toTable(def, [obj], { include: includeObject(q), resourceVersion: obj.metadata.resourceVersion }), TABLE_CONTENT_TYPE);
        }
        return sendJson(res, 200, obj);
      }
      case "PUT": {
        const body = await objectBody(req, def, () => fieldValidation(q, "UpdateOptions", res));
        return sendJson(res, 200, await service.update(def, namespace, name, body, sub, { dryRun }));
      }
      case "PATCH": {
        const raw = await readBody(req);
        patchTypeOf(req.headers["content-type"]);
        const fields = fieldValidation(q, "PatchOptions", res);
        const { type, patch } = decodePatch(raw, req.headers["content-type"], () => describeDecode(def));
        const patchErrors = type !== "json" && fields.directive !== "Ignore" ? patchBodyErrors(raw.toString("utf8")) : [];
        return sendJson(res, 200, await service.patch(def, namespace, name, type, patch, sub, { dryRun, fieldValidation: { ...fields, patchErrors } }));
      }
      case "DELETE": {
        if (sub !== undefined) throw methodNotSupported(def, "delete");
        const { options: deleteBody, orphanDependents } = await deleteOptions(req, q);
        const { object, deleted } = await service.delete(def, namespace, name, { ...deleteBody, dryRun });
        const answer = deleteResponse(def, object, deleted, orphanDependents);
        return sendJson(res, answer.code, answer.body);
      }
      default:
        throw methodNotSupported(def, (req.method ?? "").toLowerCase());
    }
  }

  async function scale(
    req: IncomingMessage,
    res: ServerResponse,
    q: URLSearchParams,
    def: ResourceDefinition,
    namespace: string,
    name: string,
    dryRun: boolean,
  ): Promise<void> {
    const current = service.get(def, namespace, name);
    if (req.method === "GET") return sendJson(res, 200, toScale(current));
    const describe = () => 'Scale in version "v1" cannot be handled as a Scale';
    let scaleObject: KubeObject;
    if (req.method === "PUT") {
      scaleObject = (await objectBodyRaw(req, describe, SCALE_FIELDS, () => fieldValidation(q, "UpdateOptions", res))) as KubeObject;
    } else if (req.method === "PATCH") {
      const raw = await readBody(req);
      patchTypeOf(req.headers["content-type"]);
      const fields = fieldValidation(q, "PatchOptions", res);
      const { type, patch } = decodePatch(raw, req.headers["content-type"], describe);
      const currentScale = toScale(current);
      const patched = type === "json" ? applyJsonPatch(currentScale, patch) : applyMergePatch(currentScale, patch);
      const patchErrors = type !== "json" && fields.directive !== "Ignore" ? patchBodyErrors(raw.toString("utf8")) : [];
      scaleObject = checkPatchedFields(type, patch, patched, SCALE_FIELDS, { ...fields, patchErrors }) as KubeObject;
    } else throw methodNotSupported(def, (req.method ?? "").toLowerCase());
    const scaleErrors = validateScale(scaleObject);
    if (scaleErrors.length > 0) throw invalid("autoscaling", "Scale", name, scaleErrors);
    const requested = scaleObject.metadata?.resourceVersion;
    const updated = applyScale(current, scaleObject);
    if (requested) updated.metadata.resourceVersion = requested;
    const saved = await service.update(def, namespace, name, updated, undefined, { dryRun });
    return sendJson(res, 200, toScale(saved));
  }

  function watch(req: IncomingMessage, res: ServerResponse, def: ResourceDefinition, namespace: string | undefined, q: URLSearchParams, list: ListOptions): void {
    const table = wantsTable(req.headers.accept);
    const include = includeObject(q);
    let first = true;
    const encode = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;
    const send = (type: string, object: KubeObject) => {
      const payload = table ? toTable(def, [object], { include, withColumns: first, resourceVersion: object.metadata.resourceVersion }) : object;
      first = false;
      res.write(encode(type, payload));
    };
    let stop: () => void = () => {};
    const timers: NodeJS.Timeout[] = [];
    const close = () => {
      openWatches.delete(close);
      stop();
      for (const t of timers) clearTimeout(t);
      res.end();
    };
    openWatches.add(close);
    const resourceVersion = q.get("resourceVersion") ?? undefined;
    try {
      res.writeHead(200, { "Content-Type": table ? TABLE_CONTENT_TYPE : "application/json", "Cache-Control": "no-cache, private", "Transfer-Encoding": "chunked" });
      res.flushHeaders(); // clients wait for the headers before reading events
      stop = service.watch(def, namespace, resourceVersion, list, (event) => send(event.type, event.object));
    } catch (error) {
      if (error instanceof StatusError && error.code === 410) {
        // apiserver cacher.go newErrWatcher: 200, one ERROR event, then the stream ends.
        res.write(encode("ERROR", error.toStatus()));
        res.end();
        return;
      }
      throw error;
    }
    const timeoutSeconds = Number(q.get("timeoutSeconds") ?? "0");
    // Without timeoutSeconds kube-apiserver ends a watch after a random 30–60 min (MinRequestTimeout).
    const lifetime = timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
    timers.push(setTimeout(close, lifetime));
    if (isTrue(q.get("allowWatchBookmarks"))) {
      const interval = options.bookmarkIntervalMs ?? 60_000;
      const bookmark = () => {
        res.write(encode("BOOKMARK", { kind: def.kind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(service.store.revision) } }));
        timers.push(setTimeout(bookmark, interval));
      };
      timers.push(setTimeout(bookmark, interval));
    }
    req.on("close", close);
    res.on("error", close);
  }

  async function objectBody(req: IncomingMessage, def: ResourceDefinition, validation: () => FieldValidationRequest): Promise<KubeObject> {
    return (await objectBodyRaw(req, () => describeDecode(def), fieldSchemaFor(def), validation)) as KubeObject;
  }
}

const SCALE_FIELDS = fieldSchemaFor({ group: "autoscaling", version: "v1", kind: "Scale" });
const BINDING_FIELDS = fieldSchemaFor({ group: "", version: "v1", kind: "Binding" });

/**
 * The request's fieldValidation directive (refused when unknown); its warnings become `Warning`
 * headers of the response, each message once (apiserver pkg/endpoints/filters/warning.go).
 */
function fieldValidation(q: URLSearchParams, optionsKind: OptionsKind, res: ServerResponse): FieldValidationRequest {
  const directive = parseFieldValidation(q.get("fieldValidation"), optionsKind);
  const sent = new Set<string>();
  return {
    directive,
    warn(message) {
      if (sent.has(message) || res.headersSent) return;
      sent.add(message);
      res.appendHeader("Warning", warningHeader(message));
    },
  };
}

/**
 * A create or update body, decoded into the kind's fields. As in handlers/create.go, the body type is
 * checked first, then the query (`validation`), then the body is decoded. JSON is checked as it was
 * sent (duplicate keys included); YAML once converted; protobuf carries only known fields.
 */
async function objectBodyRaw(
  req: IncomingMessage,
  describe: () => string,
  fields: FieldNode,
  options: () => FieldValidationRequest,
): Promise<unknown> {
  const contentType = req.headers["content-type"];
  const raw = await readBody(req);
  assertObjectMediaType(contentType);
  const validation = options();
  const decoded = decodeObject(raw, contentType, describe);
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) {
    throw badRequest(`${describe()}: the body is not an object`);
  }
  if ((contentType ?? "").toLowerCase().includes("protobuf")) return decoded;
  const isYaml = /yaml/i.test(contentType ?? "");
  return decodeBodyFields(isYaml ? JSON.stringify(decoded) : raw.toString("utf8"), fields, describe, validation);
}

function describeDecode(def: ResourceDefinition): string {
  return `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}`;
}

/** The request's DeleteOptions, and whether it said `orphanDependents: false` (answered with 202 when the object stays). */
async function deleteOptions(req: IncomingMessage, q: URLSearchParams): Promise<{ options: DeleteOptions; orphanDependents?: boolean }> {
  const raw = await readBody(req);
  let body: Record<string, unknown> = {};
  if (raw.length > 0) {
    const decoded = decodeObject(raw, req.headers["content-type"] ?? "application/json", () => "DeleteOptions in version \"v1\" cannot be handled as a DeleteOptions");
    if (decoded && typeof decoded === "object") body = decoded as Record<string, unknown>;
  }
  const policy = (body.propagationPolicy as string | undefined) ?? q.get("propagationPolicy") ?? undefined;
  if (policy !== undefined && !["Background", "Foreground", "Orphan"].includes(policy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  const orphan = body.orphanDependents ?? (q.has("orphanDependents") ? isTrue(q.get("orphanDependents")) : undefined);
  const result: DeleteOptions = {};
  if (policy) result.propagationPolicy = policy as DeleteOptions["propagationPolicy"];
  else if (orphan === true) result.propagationPolicy = "Orphan";
  if (body.preconditions && typeof body.preconditions === "object") result.preconditions = body.preconditions as DeleteOptions["preconditions"];
  const grace = gracePeriodSeconds(body.gracePeriodSeconds, q.get("gracePeriodSeconds"));
  if (grace !== undefined) result.gracePeriodSeconds = grace;
  return typeof orphan === "boolean" ? { options: result, orphanDependents: orphan } : { options: result };
}

/** DeleteOptions.gracePeriodSeconds (an *int64) from the body, else from the query (`kubectl delete --grace-period`). */
function gracePeriodSeconds(fromBody: unknown, fromQuery: string | null): number | undefined {
  if (fromBody !== undefined && fromBody !== null) {
    if (typeof fromBody === "number" && Number.isInteger(fromBody)) return fromBody;
    const why = typeof fromBody === "number" ? `number ${fromBody}` : goJsonKind(fromBody);
    throw badRequest(
      `DeleteOptions in version "v1" cannot be handled as a DeleteOptions: json: cannot unmarshal ${why} into Go struct field DeleteOptions.gracePeriodSeconds of type int64`,
    );
  }
  if (fromQuery === null) return undefined;
  if (!/^[+-]?\d+$/.test(fromQuery)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(fromQuery)}: invalid syntax`);
  return Number(fromQuery);
}

function listOptions(q: URLSearchParams): ListOptions {
  const options: ListOptions = {};
  const label = q.get("labelSelector");
  const field = q.get("fieldSelector");
  const limit = q.get("limit");
  const cont = q.get("continue");
  if (label) options.labelSelector = label;
  if (field) options.fieldSelector = field;
  if (limit) options.limit = Number(limit);
  if (cont) options.continue = cont;
  return options;
}

function includeObject(q: URLSearchParams): IncludeObject {
  const value = q.get("includeObject");
  return value === "None" || value === "Object" ? value : "Metadata";
}

function isTrue(value: string | null): boolean {
  return value === "true" || value === "1";
}

function isDryRun(q: URLSearchParams): boolean {
  return q.getAll("dryRun").includes("All");
}

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = "application/json"): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-cache, private" });
  res.end(text);
}
