import fc from "fast-check";

// Test helper: fast-check arbitraries of hostile input for the BFF's routes. Big inputs travel as
// short markers (`⟦HUGE:…⟧`, `⟦DEEP:…⟧`) and are made only when a request is sent, so that a
// failing case prints small and shrinks fast.

/** A marker that `materialise` turns into `count` copies of `unit` (a JSON-string-safe text). */
export const huge = (count: number, unit: string): string => `⟦HUGE:${count}:${unit}⟧`;
/** A marker, in JSON, that `materialise` turns into `depth` nested arrays or objects. */
export const deep = (depth: number, shape: "array" | "object"): string => `⟦DEEP:${depth}:${shape}⟧`;

const HUGE_MARKER = /⟦HUGE:(\d+):([^⟧]*)⟧/g;
const DEEP_MARKER = /"⟦DEEP:(\d+):(array|object)⟧"/g;

/** Markers never make a body longer than this: past the 2 MB limit, and short of what a string can hold. */
const MATERIALISED_LIMIT = 3_000_000;

/**
 * The text of a body: markers replaced by what they stand for. In JSON text a marker's unit is
 * already escaped by JSON.stringify, so repeating it keeps the JSON valid. A body with many markers
 * (an array of huge strings grown a thousand times) is cut to MATERIALISED_LIMIT characters of them.
 */
export function materialise(text: string): string {
  let budget = MATERIALISED_LIMIT;
  const take = (wanted: number, size: number) => {
    const count = Math.max(0, Math.min(wanted, Math.floor(budget / size)));
    budget -= count * size;
    return count;
  };
  return text
    .replace(DEEP_MARKER, (_m, depth: string, shape: string) => {
      const n = take(Number(depth), shape === "array" ? 2 : 6);
      return shape === "array" ? "[".repeat(n) + "]".repeat(n) : '{"a":'.repeat(n) + "1" + "}".repeat(n);
    })
    .replace(HUGE_MARKER, (_m, count: string, unit: string) => unit.repeat(take(Number(count), Math.max(1, unit.length))));
}

/** Sets a key as an own property, even `__proto__` (plain assignment would change the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy that keeps own `__proto__` keys. */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(copy, key, clone((value as Record<string, unknown>)[key]));
    return copy as T;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Strings

const LIMIT_NAMES = [
  "a".repeat(63), // a label at its limit
  "a".repeat(64), // one past
  "a".repeat(253), // a subdomain at its limit
  "a".repeat(254), // one past
  `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`, // 253, with dots
  "a".repeat(1000),
  "A",
  "Name",
  "UPPER-CASE",
  "a.b",
  "a..b",
  ".a",
  "a.",
  "-a",
  "a-",
  "a_b",
  "a b",
  "a/b",
  "p-ABCDE",
  "p-abcd",
  "p-abcdef",
];

const UNICODE = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(64),
  "\ud800", // lone high surrogate
  "\udfff", // lone low surrogate
  "a\ud83db", // broken pair
  "😀",
  "👨‍👩‍👧‍👦",
  "\u202egnp.exe", // right-to-left override
  "\u200f\u200e\u200b", // RTL/LTR marks, zero-width space
  "مرحبا",
  "שלום",
  "ǅ",
  "İ",
  "ﬀ",
  "Ａ",
  "\ufeff",
  "\uffff",
  "\u2028\u2029",
  "a".padEnd(70, "\u0301"), // combining marks
];

const HOSTILE = [
  "../../etc/passwd",
  "..%2F..%2F",
  "%00",
  "%2e%2e",
  "..",
  ".",
  "/",
  "\\",
  "${jndi:ldap://127.0.0.1/a}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "\"; DROP TABLE x; --",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "true",
  "0",
  "-1",
  "1e999",
  "https://user:pass@127.0.0.1:1/",
  "127.0.0.1:99999",
  "[::1]:1",
  "http://",
  "\r\nX-Injected: 1",
];

/** Strings that break things: limits of names, unicode, hostile text, and (rarely) 1 MB. */
export const weirdString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...LIMIT_NAMES) },
  { weight: 5, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(huge(1_000_000, "x"), huge(100_000, "😀"), huge(300_000, "\u202e"), huge(70_000, "a"), huge(5000, "\u0000"), huge(5000, "\ud800")),
  },
);

// ---------------------------------------------------------------------------------------------
// JSON values

const NASTY_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "", " ", "\u0000", "😀", "a".repeat(300), "$where", "..", "a.b", "__proto__.admin"];

/** An object whose keys are the ones that trip prototype pollution and naive lookups. */
export const nastyObject: fc.Arbitrary<Record<string, unknown>> = fc
  .array(fc.tuple(fc.constantFrom(...NASTY_KEYS), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant({ admin: true, polluted: "yes" }))), { minLength: 1, maxLength: 4 })
  .map((entries) => {
    const object: Record<string, unknown> = {};
    for (const [key, value] of entries) setOwn(object, key, value);
    return object;
  });

const NUMBERS = [0, -0, -1, 1.5, 0.1, 1e308, -1e308, 2 ** 53 + 1, 65535, 65536, 1000, 1001, 366, 99_999_999_999];

/** A value of the wrong type or beyond its limits, for any field. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: weirdString },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], [[]], [{}]) },
  { weight: 1, arbitrary: fc.array(weirdString, { maxLength: 3 }) },
  { weight: 2, arbitrary: nastyObject },
  { weight: 1, arbitrary: fc.constantFrom(deep(1000, "array"), deep(1000, "object"), deep(100_000, "array"), deep(50_000, "object")) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

// ---------------------------------------------------------------------------------------------
// Mutations of a valid body

export type Mutation =
  | { op: "remove"; at: number }
  | { op: "replace"; at: number; value: unknown }
  | { op: "addKey"; at: number; key: string; value: unknown }
  | { op: "grow"; at: number; count: number }
  | { op: "wrap"; at: number; shape: "array" | "object" };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant("remove" as const), at: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant("replace" as const), at: fc.nat(), value: badValue }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("addKey" as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 12 })), value: badValue }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("grow" as const), at: fc.nat(), count: fc.constantFrom(2, 21, 51, 101, 501, 1001) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("wrap" as const), at: fc.nat(), shape: fc.constantFrom("array" as const, "object" as const) }) },
);

type Step = string | number;

function nodesOf(value: unknown, path: Step[] = []): Array<{ path: Step[]; node: unknown }> {
  const here = [{ path, node: value }];
  if (Array.isArray(value)) return here.concat(value.flatMap((item, i) => nodesOf(item, [...path, i])));
  if (value !== null && typeof value === "object") return here.concat(Object.keys(value).flatMap((key) => nodesOf((value as Record<string, unknown>)[key], [...path, key])));
  return here;
}

function parentOf(root: unknown, path: Step[]): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  return node;
}

/** Applies mutations one after the other to a copy of `template`, each at a node chosen by `at`. */
export function mutate(template: unknown, mutations: Mutation[]): unknown {
  let root: unknown = clone(template);
  for (const m of mutations) {
    const nodes = nodesOf(root);
    const set = (path: Step[], value: unknown) => {
      if (path.length === 0) root = value;
      else {
        const parent = parentOf(root, path);
        const last = path[path.length - 1]!;
        if (Array.isArray(parent)) parent[last as number] = value;
        else setOwn(parent as Record<string, unknown>, String(last), value);
      }
    };
    switch (m.op) {
      case "remove": {
        const candidates = nodes.filter((n) => n.path.length > 0);
        if (candidates.length === 0) break;
        const { path } = candidates[m.at % candidates.length]!;
        const parent = parentOf(root, path);
        const last = path[path.length - 1]!;
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete (parent as Record<string, unknown>)[last];
        break;
      }
      case "replace":
        set(nodes[m.at % nodes.length]!.path, clone(m.value));
        break;
      case "addKey": {
        const objects = nodes.filter((n) => n.node !== null && typeof n.node === "object" && !Array.isArray(n.node));
        if (objects.length === 0) break;
        setOwn(objects[m.at % objects.length]!.node as Record<string, unknown>, m.key, clone(m.value));
        break;
      }
      case "grow": {
        const arrays = nodes.filter((n) => Array.isArray(n.node));
        if (arrays.length === 0) break;
        const array = arrays[m.at % arrays.length]!.node as unknown[];
        const item = array[0] ?? "x";
        for (let i = 0; i < m.count; i++) array.push(clone(item));
        break;
      }
      case "wrap": {
        const { path, node } = nodes[m.at % nodes.length]!;
        set(path, m.shape === "array" ? [node] : { value: node });
        break;
      }
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Bodies as sent

export interface BodyPlan {
  /** the JSON value (with markers) to send, or… */
  json?: unknown;
  /** …a text (with markers) sent as is */
  text?: string;
  /** raw bytes sent as is (not UTF-8) */
  bytes?: number[];
  /** undefined: no Content-Type header */
  contentType?: string;
  contentEncoding?: string;
}

const NOT_JSON = [
  "{",
  '{"a":',
  "[1,2",
  "nul",
  "undefined",
  "NaN",
  "{'a':1}",
  '{"a":1}garbage',
  "\ufeff{}",
  "1e999",
  '"a string"',
  "42",
  "true",
  "null",
  "a=b&c=d",
  "<?xml version='1.0'?><a/>",
  "\u0000",
  "{\"a\":\"\\ud800\"}",
  '{"__proto__":{"admin":true,"polluted":"yes"}}',
  '{"constructor":{"prototype":{"admin":true,"polluted":"yes"}}}',
  '{"a":1,"a":2,"a":{"__proto__":null}}',
  `{"a":"${huge(1_000_000, "x")}"}`,
  `{"a":"${huge(2_500_000, "x")}"}`, // past the 2 MB body limit
  '"⟦DEEP:200000:array⟧"',
  "",
];

const CONTENT_TYPES = [
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  "application/json; charset=\"utf-7\"",
  "application/vnd.api+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/json, text/plain",
  ";;;",
  "a".repeat(2000),
];

/** Bodies for a route whose valid body is `template` (undefined: the route reads no body). */
export function bodyPlans(template: unknown): fc.Arbitrary<BodyPlan> {
  const base = template ?? {};
  return fc.oneof(
    { weight: 12, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms): BodyPlan => ({ json: mutate(base, ms), contentType: "application/json" })) },
    { weight: 2, arbitrary: badValue.map((value): BodyPlan => ({ json: value, contentType: "application/json" })) },
    { weight: 2, arbitrary: fc.constantFrom(...NOT_JSON).map((text): BodyPlan => ({ text, contentType: "application/json" })) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }).map((text): BodyPlan => ({ text, contentType: "application/json" })) },
    {
      weight: 1,
      arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }).map((bytes): BodyPlan => ({ bytes: [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, ...bytes, 0x22, 0x7d], contentType: "application/json" })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...CONTENT_TYPES, undefined), fc.boolean())
        .map(([contentType, valid]): BodyPlan => (valid ? { json: base, ...(contentType ? { contentType } : {}) } : { text: "a=1&b=2", ...(contentType ? { contentType } : {}) })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("gzip", "deflate", "br", "compress", "x-unknown", "gzip, gzip").map((contentEncoding): BodyPlan => ({ text: "not compressed at all", contentType: "application/json", contentEncoding })),
    },
  );
}

/** The bytes of a body plan, and its headers. */
export function bodyBytes(plan: BodyPlan): { body: string | Buffer | undefined; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (plan.contentType !== undefined) headers["Content-Type"] = plan.contentType;
  if (plan.contentEncoding !== undefined) headers["Content-Encoding"] = plan.contentEncoding;
  if (plan.bytes) return { body: Buffer.from(plan.bytes), headers };
  if (plan.text !== undefined) return { body: materialise(plan.text), headers };
  if ("json" in plan) return { body: materialise(JSON.stringify(plan.json) ?? "null"), headers };
  return { body: undefined, headers };
}

// ---------------------------------------------------------------------------------------------
// Paths and queries

/** A path segment as sent, and whether it alone makes the request wrong. */
export interface Segment {
  raw: string;
  bad: boolean;
}

/** Path segments that no route may accept: traversal, encoded slashes, NUL, malformed escapes. */
const HOSTILE_SEGMENTS = [
  "..",
  ".",
  "%2e%2e",
  "%2E%2E",
  "..%2F..",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "..%5C..",
  "%2F",
  "a%2Fb",
  "%00",
  "a%00b",
  "%ZZ",
  "%",
  "%E0%A4%A",
  "%ED%A0%80", // a lone surrogate, UTF-8 encoded (decodeURIComponent refuses it)
  "%C0%AE%C0%AE", // overlong "..", refused by strict UTF-8 decoders
  "%FF",
  "%F0%9F%98%80",
  "%E2%80%AE",
  "%25",
  "%252e%252e",
  "%20",
  "a%20b",
  "%0D%0A",
  "%22%3E%3Cscript%3E",
  ";",
  "a;b=c",
  "~",
  "*",
  "%C3%A9",
];

/** Values of a path parameter: the ones that exist (fine), others that exist elsewhere (wrong here), missing ones, and garbage. */
export function segment(existing: readonly string[], wrongHere: readonly string[], missing: readonly string[]): fc.Arbitrary<Segment> {
  const known = new Set(existing);
  const encode = (value: string): string => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "x"));
  const judged = (raw: string): Segment => {
    let decoded: string | undefined;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      decoded = undefined;
    }
    return { raw, bad: decoded === undefined || !known.has(decoded) };
  };
  return fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...existing).map((value) => ({ raw: encode(value), bad: false })) },
    ...(wrongHere.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...wrongHere).map((value) => ({ raw: encode(value), bad: true })) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...missing, ...LIMIT_NAMES).map((value) => judged(encode(value))) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS).map(judged) },
    { weight: 1, arbitrary: weirdString.filter((s) => !s.includes("⟦")).map((value) => judged(encode(value))) },
  );
}

/** Query strings no write route reads, some of them malformed; they never make a request wrong by themselves. */
export const queryString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "?",
      "?a=1",
      "?__proto__[admin]=true",
      "?constructor[prototype][admin]=true",
      "?a[b][c][d][e][f]=1",
      "?%ZZ=%ZZ",
      "?a=%00",
      "?a=%ED%A0%80",
      "?a=1&a=2&a=3",
      `?${"a=1&".repeat(2000)}`,
      `?x=${"y".repeat(6000)}`,
      "?scope=project&name=..%2F..",
      "?=&=&",
      "?&&&",
      "?a=%E2%80%AE",
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 30 }).map((s) => `?${encodeURI(s)}`) },
);
