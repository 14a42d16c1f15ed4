import type { IncomingMessage } from "node:http";
import { parse as parseYaml } from "yaml";
import { decodeKubernetesProtobuf, ProtobufDecodeError } from "../api/protobuf.ts";
import { StatusError, badRequest, tooLarge, unsupportedMediaType } from "../api/status.ts";
import type { PatchType } from "../api/resource-service.ts";

/** kube-apiserver's default request body limit (apiserver/pkg/server/config.go MaxRequestBodyBytes). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge("the server has received a request that is too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

const OBJECT_MEDIA_TYPES = new Set(["", "*/*", "application/json", "application/yaml", "application/x-yaml", "text/yaml", "application/vnd.kubernetes.protobuf"]);

/** Refuses a body type no object decoder reads (kube-apiserver's NegotiateInputSerializer, before anything else). */
export function assertObjectMediaType(contentType: string | undefined): void {
  const type = mediaType(contentType);
  if (!OBJECT_MEDIA_TYPES.has(type)) throw unsupportedMediaType(type);
}

/** Decodes an object body (create, update): JSON, YAML or Kubernetes protobuf. */
export function decodeObject(body: Buffer, contentType: string | undefined, describe: () => string): unknown {
  const type = mediaType(contentType);
  if (type === "application/vnd.kubernetes.protobuf") {
    try {
      return decodeKubernetesProtobuf(body);
    } catch (error) {
      if (error instanceof ProtobufDecodeError) throw badRequest(error.message);
      throw error;
    }
  }
  if (type === "" || type === "application/json" || type === "*/*") return parseJson(body, describe);
  if (type === "application/yaml" || type === "application/x-yaml" || type === "text/yaml") return parseYamlBody(body, describe);
  throw unsupportedMediaType(type);
}

/** Decodes a PATCH body and says which algorithm applies. */
export function decodePatch(body: Buffer, contentType: string | undefined, describe: () => string): { type: PatchType; patch: unknown } {
  return { type: patchTypeOf(contentType), patch: parseJson(body, describe) };
}

/** The patch algorithm a PATCH's Content-Type names; refused first, before the query and the body (handlers/patch.go). */
export function patchTypeOf(contentType: string | undefined): PatchType {
  const type = mediaType(contentType);
  switch (type) {
    case "application/strategic-merge-patch+json":
      return "strategic";
    case "application/merge-patch+json":
      return "merge";
    case "application/json-patch+json":
      return "json";
    case "application/apply-patch+yaml":
    case "application/apply-patch+cbor":
      throw new StatusError(
        415,
        "UnsupportedMediaType",
        "server-side apply is not supported by this cluster: use client-side apply (kubectl apply --server-side=false) or another patch type",
      );
    default:
      throw new StatusError(
        415,
        "UnsupportedMediaType",
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json; got ${type || "none"}`,
      );
  }
}

function parseJson(body: Buffer, describe: () => string): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw badRequest(`${describe()}: ${(error as Error).message}`);
  }
}

function parseYamlBody(body: Buffer, describe: () => string): unknown {
  try {
    return parseYaml(body.toString("utf8"));
  } catch (error) {
    throw badRequest(`${describe()}: ${(error as Error).message}`);
  }
}
