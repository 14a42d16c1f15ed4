// The error texts of Go's encoding/json for the documents kubelet and kube-apiserver decode (pull
// secrets, Secret data): the syntax check Unmarshal runs first (checkValid, scanner.go) and the JSON
// kind names its UnmarshalTypeError prints (decode.go).

import { goQuote } from "./go-quote.ts";

export type GoJsonKind = "object" | "array" | "string" | "number" | "bool" | "null";

/** Go's `json.Unmarshal` syntax error for the input, or null when it is valid JSON. */
export function goJsonSyntaxError(input: string | Uint8Array): string | null {
  const result = scanDocument(input);
  return typeof result === "string" ? null : result.error;
}

/**
 * The error of Go's `json.Unmarshal(input, &map[string]interface{}{})`, or undefined when it succeeds:
 * the syntax of the whole input first, then the top-level type (only an object or `null` fits a map).
 */
export function goUnmarshalIntoMapError(input: string | Uint8Array): string | undefined {
  const result = scanDocument(input);
  if (typeof result !== "string") return result.error;
  if (result === "object" || result === "null") return undefined;
  return `json: cannot unmarshal ${result} into Go value of type map[string]interface {}`;
}

/** The kind name Go's `UnmarshalTypeError` uses for a decoded JSON value. */
export function goJsonKind(value: unknown): GoJsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "object";
  }
}

function scanDocument(input: string | Uint8Array): GoJsonKind | { error: string } {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  try {
    return new Scanner(bytes).scan();
  } catch (error) {
    if (error instanceof SyntaxFailure) return { error: error.message };
    throw error;
  }
}

const END = "unexpected end of JSON input";
// scanner.go maxNestingDepth
const MAX_NESTING_DEPTH = 10000;

class SyntaxFailure extends Error {}

/**
 * Go's scanner as a loop over an explicit stack of open containers (a recursive descent would
 * overflow the JavaScript stack long before Go's nesting limit); the messages are its states' own.
 */
class Scanner {
  private pos = 0;
  private readonly open: Array<"object" | "array"> = [];

  constructor(private readonly bytes: Uint8Array) {}

  /** Checks the whole document and returns the kind of its top-level value. */
  scan(): GoJsonKind {
    this.skipSpace();
    const kind = this.kindAt(this.peek());
    for (;;) {
      this.value();
      if (!this.closeContainers()) continue;
      this.skipSpace();
      if (this.pos < this.bytes.length) this.fail("after top-level value");
      return kind;
    }
  }

  /** Reads one scalar, or opens containers down to the first scalar or empty container. */
  private value(): void {
    for (;;) {
      const byte = this.peek();
      if (byte === undefined) throw new SyntaxFailure(END);
      if (byte === 0x22) return this.string();
      if (byte === 0x2d || isDigit(byte)) return this.number();
      if (byte === 0x74) return this.literal("true");
      if (byte === 0x66) return this.literal("false");
      if (byte === 0x6e) return this.literal("null");
      if (byte !== 0x7b && byte !== 0x5b) this.fail("looking for beginning of value");
      this.open.push(byte === 0x7b ? "object" : "array");
      if (this.open.length > MAX_NESTING_DEPTH) this.fail("exceeded max depth");
      this.pos++;
      this.skipSpace();
      if (this.peek() === (byte === 0x7b ? 0x7d : 0x5d)) return; // empty: closeContainers takes the bracket
      if (byte === 0x7b) this.objectKey();
    }
  }

  /**
   * After a value: closes the containers that end here. Returns true when the top-level value is
   * complete, false when another element or member follows (its key already read).
   */
  private closeContainers(): boolean {
    for (;;) {
      const container = this.open.at(-1);
      if (container === undefined) return true;
      this.skipSpace();
      const byte = this.peek();
      if (byte === (container === "object" ? 0x7d : 0x5d)) {
        this.pos++;
        this.open.pop();
        continue;
      }
      if (byte !== 0x2c) this.fail(container === "object" ? "after object key:value pair" : "after array element");
      this.pos++;
      this.skipSpace();
      if (container === "object") this.objectKey();
      return false;
    }
  }

  /** `"key" :` up to the member's value. */
  private objectKey(): void {
    if (this.peek() !== 0x22) this.fail("looking for beginning of object key string");
    this.string();
    this.skipSpace();
    if (this.peek() !== 0x3a) this.fail("after object key");
    this.pos++;
    this.skipSpace();
  }

  private kindAt(byte: number | undefined): GoJsonKind {
    if (byte === 0x7b) return "object";
    if (byte === 0x5b) return "array";
    if (byte === 0x22) return "string";
    if (byte === 0x74 || byte === 0x66) return "bool";
    if (byte === 0x6e) return "null";
    return "number"; // or nothing valid, which scan() reports before the kind matters
  }

  private peek(): number | undefined {
    return this.bytes[this.pos];
  }

  private next(): number {
    const byte = this.bytes[this.pos];
    if (byte === undefined) throw new SyntaxFailure(END);
    this.pos++;
    return byte;
  }

  private fail(context: string, byte = this.peek()): never {
    if (byte === undefined) throw new SyntaxFailure(END);
    throw new SyntaxFailure(`invalid character ${quoteChar(byte)} ${context}`);
  }

  private skipSpace(): void {
    for (;;) {
      const byte = this.peek();
      if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return;
      this.pos++;
    }
  }

  private string(): void {
    this.pos++;
    for (;;) {
      const byte = this.next();
      if (byte === 0x22) return;
      if (byte < 0x20) this.fail("in string literal", byte);
      if (byte !== 0x5c) continue;
      const escape = this.next();
      if (escape === 0x75) {
        for (let i = 0; i < 4; i++) {
          const hex = this.next();
          if (!isHexDigit(hex)) this.fail("in \\u hexadecimal character escape", hex);
        }
      } else if (!'"\\/bfnrt'.includes(String.fromCharCode(escape))) {
        this.fail("in string escape code", escape);
      }
    }
  }

  private number(): void {
    if (this.peek() === 0x2d) {
      this.pos++;
      if (!isDigit(this.peek())) this.fail("in numeric literal");
    }
    if (this.peek() === 0x30) this.pos++;
    else while (isDigit(this.peek())) this.pos++;
    if (this.peek() === 0x2e) {
      this.pos++;
      if (!isDigit(this.peek())) this.fail("after decimal point in numeric literal");
      while (isDigit(this.peek())) this.pos++;
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.pos++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.pos++;
      if (!isDigit(this.peek())) this.fail("in exponent of numeric literal");
      while (isDigit(this.peek())) this.pos++;
    }
  }

  private literal(word: "true" | "false" | "null"): void {
    this.pos++;
    for (let i = 1; i < word.length; i++) {
      const expected = word.charCodeAt(i);
      const byte = this.next();
      if (byte !== expected) this.fail(`in literal ${word} (expecting ${quoteChar(expected)})`, byte);
    }
  }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

function isHexDigit(byte: number): boolean {
  return isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46);
}

// scanner.go quoteChar: the byte as a rune, in single quotes, escaped as strconv.Quote escapes it.
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return `'"'`;
  return `'${goQuote(String.fromCharCode(byte)).slice(1, -1)}'`;
}
