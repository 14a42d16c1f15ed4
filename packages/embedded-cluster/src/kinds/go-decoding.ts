import { goQuote } from "../api/field-errors.ts";

/**
 * The two Go decoders whose error texts kube-apiserver shows for Secrets:
 * encoding/json's `json.Unmarshal(b, &map[string]interface{}{})` (ValidateSecret's check of
 * `.dockerconfigjson` / `.dockercfg`) and encoding/base64's StdEncoding (the `data` values).
 */

// ---------------------------------------------------------------------------------------------
// encoding/json

class JsonSyntaxError extends Error {}

/** Go's quoteChar (encoding/json/scanner.go): `'x'`, `'\''`, `'"'`, `'\n'`. */
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return "'\"'";
  const quoted = goQuote(String.fromCodePoint(byte));
  return `'${quoted.slice(1, -1)}'`;
}

function invalidCharacter(byte: number, context: string): JsonSyntaxError {
  return new JsonSyntaxError(`invalid character ${quoteChar(byte)} ${context}`);
}

const MAX_NESTING_DEPTH = 10000;

/** A recursive-descent version of encoding/json's scanner, producing the same first error. */
class JsonScanner {
  #pos = 0;
  #depth = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Returns the kind of the top-level value. */
  scanDocument(): "object" | "array" | "string" | "number" | "bool" | "null" {
    this.#skipSpace();
    const kind = this.#value("looking for beginning of value");
    this.#skipSpace();
    if (this.#pos < this.bytes.length) throw invalidCharacter(this.bytes[this.#pos]!, "after top-level value");
    return kind;
  }

  #peek(): number {
    if (this.#pos >= this.bytes.length) throw new JsonSyntaxError("unexpected end of JSON input");
    return this.bytes[this.#pos]!;
  }

  #skipSpace(): void {
    while (this.#pos < this.bytes.length) {
      const c = this.bytes[this.#pos]!;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.#pos++;
    }
  }

  #value(context: string): "object" | "array" | "string" | "number" | "bool" | "null" {
    const c = this.#peek();
    switch (c) {
      case 0x7b: // {
        this.#object();
        return "object";
      case 0x5b: // [
        this.#array();
        return "array";
      case 0x22: // "
        this.#string();
        return "string";
      case 0x74: // t
        this.#literal("true");
        return "bool";
      case 0x66: // f
        this.#literal("false");
        return "bool";
      case 0x6e: // n
        this.#literal("null");
        return "null";
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          this.#number();
          return "number";
        }
        throw invalidCharacter(c, context);
    }
  }

  #enter(): void {
    this.#depth++;
    if (this.#depth > MAX_NESTING_DEPTH) throw new JsonSyntaxError("exceeded max depth");
  }

  #object(): void {
    this.#enter();
    this.#pos++; // {
    this.#skipSpace();
    if (this.#peek() === 0x7d) {
      this.#pos++;
      this.#depth--;
      return;
    }
    for (;;) {
      const c = this.#peek();
      if (c !== 0x22) throw invalidCharacter(c, "looking for beginning of object key string");
      this.#string();
      this.#skipSpace();
      const colon = this.#peek();
      if (colon !== 0x3a) throw invalidCharacter(colon, "after object key");
      this.#pos++;
      this.#skipSpace();
      this.#value("looking for beginning of value");
      this.#skipSpace();
      const next = this.#peek();
      this.#pos++;
      if (next === 0x7d) break;
      if (next !== 0x2c) throw invalidCharacter(next, "after object key:value pair");
      this.#skipSpace();
    }
    this.#depth--;
  }

  #array(): void {
    this.#enter();
    this.#pos++; // [
    this.#skipSpace();
    if (this.#peek() === 0x5d) {
      this.#pos++;
      this.#depth--;
      return;
    }
    for (;;) {
      this.#value("looking for beginning of value");
      this.#skipSpace();
      const next = this.#peek();
      this.#pos++;
      if (next === 0x5d) break;
      if (next !== 0x2c) throw invalidCharacter(next, "after array element");
      this.#skipSpace();
    }
    this.#depth--;
  }

  #string(): void {
    this.#pos++; // "
    for (;;) {
      const c = this.#peek();
      this.#pos++;
      if (c === 0x22) return;
      if (c === 0x5c) {
        const escape = this.#peek();
        this.#pos++;
        if (escape === 0x75) {
          for (let i = 0; i < 4; i++) {
            const hex = this.#peek();
            this.#pos++;
            if (!isHexDigit(hex)) throw invalidCharacter(hex, "in \\u hexadecimal character escape");
          }
        } else if (!'"\\/bfnrt'.includes(String.fromCharCode(escape))) {
          throw invalidCharacter(escape, "in string escape code");
        }
      } else if (c < 0x20) {
        throw invalidCharacter(c, "in string literal");
      }
    }
  }

  #literal(word: string): void {
    this.#pos++; // first letter, already matched
    for (let i = 1; i < word.length; i++) {
      const c = this.#peek();
      const expected = word.charCodeAt(i);
      if (c !== expected) throw invalidCharacter(c, `in literal ${word} (expecting '${word[i]}')`);
      this.#pos++;
    }
  }

  #number(): void {
    if (this.#peek() === 0x2d) {
      this.#pos++;
      const c = this.#peek();
      if (!isDigit(c)) throw invalidCharacter(c, "in numeric literal");
    }
    if (this.#peek() === 0x30) {
      this.#pos++;
    } else {
      while (this.#pos < this.bytes.length && isDigit(this.bytes[this.#pos]!)) this.#pos++;
    }
    if (this.#pos < this.bytes.length && this.bytes[this.#pos] === 0x2e) {
      this.#pos++;
      const c = this.#peek();
      if (!isDigit(c)) throw invalidCharacter(c, "after decimal point in numeric literal");
      while (this.#pos < this.bytes.length && isDigit(this.bytes[this.#pos]!)) this.#pos++;
    }
    if (this.#pos < this.bytes.length && (this.bytes[this.#pos] === 0x65 || this.bytes[this.#pos] === 0x45)) {
      this.#pos++;
      let c = this.#peek();
      if (c === 0x2b || c === 0x2d) {
        this.#pos++;
        c = this.#peek();
      }
      if (!isDigit(c)) throw invalidCharacter(c, "in exponent of numeric literal");
      while (this.#pos < this.bytes.length && isDigit(this.bytes[this.#pos]!)) this.#pos++;
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/**
 * The error text of Go's `json.Unmarshal(bytes, &map[string]interface{}{})`, or undefined when it
 * succeeds. Syntax is checked over the whole input first (as Unmarshal's checkValid does), then the
 * top-level type: only an object or `null` fits a map.
 */
export function goUnmarshalIntoMapError(bytes: Uint8Array): string | undefined {
  let kind: ReturnType<JsonScanner["scanDocument"]>;
  try {
    kind = new JsonScanner(bytes).scanDocument();
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.message;
    throw error;
  }
  if (kind === "object" || kind === "null") return undefined;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

// ---------------------------------------------------------------------------------------------
// encoding/base64 (StdEncoding: padded; CR and LF are skipped)

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUES = new Map([...BASE64_ALPHABET].map((ch, i) => [ch.charCodeAt(0), i]));

/** Whole quanta, padding only at the end (a grouped regex is much slower on megabyte strings). */
const BASE64_SYMBOLS = /^[A-Za-z0-9+/]*={0,2}$/;

function isCanonicalBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64_SYMBOLS.test(text);
}

export type Base64Result = { bytes: Buffer } | { error: string };

/**
 * Decodes like Go's base64.StdEncoding.DecodeString, reporting the first problem with Go's
 * CorruptInputError text: `illegal base64 data at input byte N`.
 */
export function goBase64Decode(text: string): Base64Result {
  // Well-formed input (the usual case) is left to Node; the walk below only runs to find the error.
  if (isCanonicalBase64(text)) return { bytes: Buffer.from(text, "base64") };
  const src = Buffer.from(text, "utf8");
  const out = Buffer.alloc(Math.ceil((src.length * 3) / 4));
  let n = 0;
  let si = 0;
  const corrupt = (at: number): Base64Result => ({ error: `illegal base64 data at input byte ${at}` });
  const isNewline = (c: number | undefined) => c === 0x0a || c === 0x0d;

  while (si < src.length) {
    const quantum: number[] = [];
    let j = 0;
    let ended = false;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { bytes: out.subarray(0, n) };
        return corrupt(si - j); // a padded encoding needs whole quanta
      }
      const c = src[si]!;
      si++;
      const value = BASE64_VALUES.get(c);
      if (value !== undefined) {
        quantum.push(value);
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d) return corrupt(si - 1);
      // Padding: only after 2 or 3 symbols, and "==" after 2.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 0x3d) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return corrupt(si); // trailing garbage
      ended = true;
      break;
    }
    const [a = 0, b = 0, c = 0, d = 0] = quantum;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    const produced = quantum.length - 1;
    if (produced >= 1) out[n++] = (bits >> 16) & 0xff;
    if (produced >= 2) out[n++] = (bits >> 8) & 0xff;
    if (produced >= 3) out[n++] = bits & 0xff;
    if (ended) break;
  }
  return { bytes: out.subarray(0, n) };
}
