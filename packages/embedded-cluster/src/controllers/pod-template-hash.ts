/**
 * The `pod-template-hash` label a Deployment gives its ReplicaSets (kubernetes
 * pkg/controller/controller_utils.go ComputeHash): an FNV-32a hash of the pod template, then of the
 * collision count when there is one, printed in decimal and each digit mapped through the
 * consonant alphabet of apimachinery's rand.SafeEncodeString.
 *
 * Upstream hashes the Go struct as printed by go-spew; this hashes the template's JSON with sorted
 * keys instead, so the values differ from a real cluster's but have the same form and stability.
 */

const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32a(Buffer.from(sortedJson(template), "utf8"));
  if (collisionCount !== undefined) {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(collisionCount >>> 0);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}

/** FNV-1a, 32 bits (Go's hash/fnv New32a), continuing from `seed`. */
export function fnv32a(bytes: Uint8Array, seed = FNV_OFFSET): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

/** rand.SafeEncodeString: every character to a letter of an alphabet without vowels or look-alikes. */
export function safeEncodeString(text: string): string {
  let out = "";
  for (const char of text) out += SAFE_ALPHABET[char.codePointAt(0)! % SAFE_ALPHABET.length];
  return out;
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
