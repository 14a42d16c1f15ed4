// The error texts of Go's encoding/json for the documents kubelet decodes (pull secrets):
// a syntax check that reports what Go's scanner reports (encoding/json scanner.go), and the
// JSON kind names that Go's UnmarshalTypeError prints (encoding/json decode.go).

export type GoJsonKind = "object" | "array" | "string" | "number" | "bool" | "null";

/** Go's `json.Unmarshal` syntax error for `text`, or null when the text is valid JSON. */
export function goJsonSyntaxError(text: string): string | null {
  const scanner = new Scanner(Buffer.from(text, "utf8"));
  return scanner.check();
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

const END = "unexpected end of JSON input";

class SyntaxFailure extends Error {}

// A recursive-descent version of Go's state machine; the messages are the ones its states emit.
class Scanner {
  private pos = 0;
  constructor(private readonly bytes: Buffer) {}

  check(): string | null {
    try {
      this.skipSpace();
      this.value("looking for beginning of value");
      this.skipSpace();
      if (this.pos < this.bytes.length) this.fail("after top-level value");
      return null;
    } catch (error) {
      if (error instanceof SyntaxFailure) return error.message;
      throw error;
    }
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

  private value(context: string): void {
    const byte = this.peek();
    if (byte === undefined) throw new SyntaxFailure(END);
    if (byte === 0x7b) return this.object();
    if (byte === 0x5b) return this.array();
    if (byte === 0x22) return this.string();
    if (byte === 0x2d || isDigit(byte)) return this.number();
    if (byte === 0x74) return this.literal("true");
    if (byte === 0x66) return this.literal("false");
    if (byte === 0x6e) return this.literal("null");
    this.fail(context);
  }

  private object(): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === 0x7d) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.peek() !== 0x22) this.fail("looking for beginning of object key string");
      this.string();
      this.skipSpace();
      if (this.peek() !== 0x3a) this.fail("after object key");
      this.pos++;
      this.skipSpace();
      this.value("looking for beginning of value");
      this.skipSpace();
      const byte = this.peek();
      if (byte === 0x7d) {
        this.pos++;
        return;
      }
      if (byte !== 0x2c) this.fail("after object key:value pair");
      this.pos++;
      this.skipSpace();
    }
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.value("looking for beginning of value");
      this.skipSpace();
      const byte = this.peek();
      if (byte === 0x5d) {
        this.pos++;
        return;
      }
      if (byte !== 0x2c) this.fail("after array element");
      this.pos++;
      this.skipSpace();
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
      const byte = this.peek();
      if (byte === undefined) throw new SyntaxFailure(END);
      if (!isDigit(byte)) this.fail("in numeric literal");
    }
    if (this.peek() === 0x30) this.pos++;
    else while (isDigit(this.peek())) this.pos++;
    if (this.peek() === 0x2e) {
      this.pos++;
      const byte = this.peek();
      if (byte === undefined) throw new SyntaxFailure(END);
      if (!isDigit(byte)) this.fail("after decimal point in numeric literal");
      while (isDigit(this.peek())) this.pos++;
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.pos++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.pos++;
      const byte = this.peek();
      if (byte === undefined) throw new SyntaxFailure(END);
      if (!isDigit(byte)) this.fail("in exponent of numeric literal");
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

// encoding/json scanner.go quoteChar: the byte as a rune, quoted with single quotes like strconv.Quote.
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 0x5c: "\\\\" };
  const escaped = named[byte];
  if (escaped !== undefined) return `'${escaped}'`;
  if (byte < 0x20 || byte === 0x7f) return `'\\x${byte.toString(16).padStart(2, "0")}'`;
  if ((byte >= 0x80 && byte < 0xa0) || byte === 0xa0 || byte === 0xad) {
    return `'\\u00${byte.toString(16).padStart(2, "0")}'`;
  }
  return `'${String.fromCharCode(byte)}'`;
}
