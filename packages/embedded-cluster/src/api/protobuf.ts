import { decodeMessage } from "./protobuf/decode.ts";
import { ProtobufDecodeError } from "./protobuf/errors.ts";
import { describeSupportedKinds, schemaFor } from "./protobuf/kinds.ts";
import { UNKNOWN } from "./protobuf/meta-v1.ts";
import type { ObjectMeta } from "./types.ts";

/**
 * Decodes the Kubernetes protobuf request bodies that client-go ≥0.32 typed clients send (client-go "Use protobuf for
 * core clients"): kubectl 1.32 `create secret|configmap|namespace|serviceaccount|deployment`, `debug` (the Pod it
 * creates) and `drain` (DeleteOptions). `kubectl run`, `create -f`, `apply`, `scale` and `delete` send JSON.
 *
 * Envelope (apimachinery pkg/runtime/serializer/protobuf/protobuf.go, pkg/runtime/generated.proto):
 *   "k8s\0" + runtime.Unknown{1: TypeMeta{1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}
 * `raw` is the typed message, read with the message tables under ./protobuf/ (one table per Go struct).
 *
 * The result is the object as its JSON form would be: gogo-protobuf writes plain (non-pointer) fields even when they
 * hold zero values, so "" / 0 / false in omitempty fields count as unset; pointer fields keep a written zero
 * (`replicas: 0`, `immutable: false`); fields whose JSON tag lacks omitempty are always present.
 */

export { ProtobufDecodeError } from "./protobuf/errors.ts";

/** protoEncodingPrefix in apimachinery pkg/runtime/serializer/protobuf/protobuf.go. */
const PROTO_PREFIX = [0x6b, 0x38, 0x73, 0x00];

/** Kind and version to assume when the envelope leaves them empty (upstream copyKindDefaults). */
export interface ProtobufKindDefaults {
  apiVersion?: string;
  kind?: string;
}

/** The JSON form of the decoded object. Objects carry `metadata` ({} when the body had none); DeleteOptions does not. */
export interface DecodedObject {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

export function decodeKubernetesProtobuf(body: Uint8Array, defaults: ProtobufKindDefaults = {}): DecodedObject {
  if (body.length === 0) throw new ProtobufDecodeError("empty data");
  if (body.length < PROTO_PREFIX.length || PROTO_PREFIX.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufDecodeError(
      `provided data does not appear to be a protobuf message, expected prefix [${PROTO_PREFIX.join(" ")}]`,
    );
  }
  if (body.length === PROTO_PREFIX.length) throw new ProtobufDecodeError("empty body");

  try {
    const envelope = decodeMessage(body.subarray(PROTO_PREFIX.length), UNKNOWN);
    const typeMeta = (envelope.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
    const apiVersion = typeMeta.apiVersion || defaults.apiVersion || "";
    const kind = typeMeta.kind || defaults.kind || "";
    const schema = schemaFor(apiVersion, kind);
    if (!schema) {
      throw new ProtobufDecodeError(
        `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)}: protobuf bodies are ` +
          `supported for ${describeSupportedKinds()}; send application/json instead`,
        kind,
        apiVersion,
      );
    }
    const raw = envelope.raw instanceof Uint8Array ? envelope.raw : new Uint8Array();
    const { metadata, ...rest } = decodeMessage(raw, schema);
    const hasObjectMeta = schema.fields.get(1)?.name === "metadata";
    return { apiVersion, kind, ...(hasObjectMeta ? { metadata: (metadata as ObjectMeta | undefined) ?? {} } : {}), ...rest };
  } catch (error) {
    if (error instanceof ProtobufDecodeError) throw error;
    // protobufjs reports truncated input as RangeError("index out of range: …").
    throw new ProtobufDecodeError(`unable to decode protobuf body: ${(error as Error).message}`);
  }
}
