/** The letters, marks, numbers, punctuation and symbols that strconv.IsPrint accepts (plus the space). */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

const SHORT_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

/** Go's strconv.Quote (what `%q` prints for a string). */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) out += quoteRune(ch);
  return `${out}"`;
}

function quoteRune(ch: string): string {
  let code = ch.codePointAt(0) ?? 0;
  // A lone surrogate cannot reach Go: its JSON decoder turns it into U+FFFD.
  if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
  if (ch === '"') return '\\"';
  if (ch === "\\") return "\\\\";
  if (code === 0x20 || PRINTABLE.test(String.fromCodePoint(code))) return String.fromCodePoint(code);
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}
