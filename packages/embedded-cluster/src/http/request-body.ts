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
  const type = mediaType(contentType);
  switch (type) {
    case "application/strategic-merge-patch+json":
      return { type: "strategic", patch: parseJson(body, describe) };
    case "application/merge-patch+json":
      return { type: "merge", patch: parseJson(body, describe) };
    case "application/json-patch+json":
      return { type: "json", patch: parseJson(body, describe) };
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
