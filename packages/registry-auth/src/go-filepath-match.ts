// Go's path/filepath.Match on Unix (separator `/`, backslash escapes), which kubelet applies to
// each dot-separated label of a pull-secret registry key (pkg/credentialprovider/keyring.go URLsMatch).
//   `*` any run of non-`/` characters, `?` one non-`/` character,
//   `[abc]`, `[a-z]`, `[^a-z]` character classes, `\x` a literal x.

/** Thrown for a malformed pattern (Go's `filepath.ErrBadPattern`). */
export class BadPatternError extends Error {
  constructor() {
    super("syntax error in pattern");
  }
}

/** Reports whether `name` matches the shell pattern; throws `BadPatternError` for a malformed pattern. */
export function goFilepathMatch(pattern: string, name: string): boolean {
  let pat = Array.from(pattern);
  let rest = Array.from(name);
  outer: while (pat.length > 0) {
    const { star, chunk, remaining } = scanChunk(pat);
    pat = remaining;
    if (star && chunk.length === 0) return !rest.includes("/");
    const direct = matchChunk(chunk, rest);
    if (direct !== null && (direct.length === 0 || pat.length > 0)) {
      rest = direct;
      continue;
    }
    if (star) {
      for (let i = 0; i < rest.length && rest[i] !== "/"; i++) {
        const skipped = matchChunk(chunk, rest.slice(i + 1));
        if (skipped !== null) {
          if (pat.length === 0 && skipped.length > 0) continue;
          rest = skipped;
          continue outer;
        }
      }
    }
    // Before answering no, make sure the rest of the pattern is well formed.
    while (pat.length > 0) {
      const next = scanChunk(pat);
      pat = next.remaining;
      matchChunk(next.chunk, []);
    }
    return false;
  }
  return rest.length === 0;
}

function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; remaining: string[] } {
  let star = false;
  let start = 0;
  while (pattern[start] === "*") {
    start++;
    star = true;
  }
  let inRange = false;
  let i = start;
  for (; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      if (i + 1 < pattern.length) i++;
    } else if (ch === "[") {
      inRange = true;
    } else if (ch === "]") {
      inRange = false;
    } else if (ch === "*" && !inRange) {
      break;
    }
  }
  return { star, chunk: pattern.slice(start, i), remaining: pattern.slice(i) };
}

// Returns the unmatched rest of `s`, or null when the chunk does not match its start.
// Like Go, it keeps walking the chunk after a mismatch so that a bad pattern is always reported.
function matchChunk(chunk: string[], s: string[]): string[] | null {
  let failed = false;
  let c = 0;
  let rest = s;
  while (c < chunk.length) {
    if (!failed && rest.length === 0) failed = true;
    const ch = chunk[c] as string;
    if (ch === "[") {
      let r = "";
      if (!failed) {
        r = rest[0] as string;
        rest = rest.slice(1);
      }
      c++;
      let negated = false;
      if (chunk[c] === "^") {
        negated = true;
        c++;
      }
      let match = false;
      let ranges = 0;
      for (;;) {
        if (chunk[c] === "]" && ranges > 0) {
          c++;
          break;
        }
        const lo = getEscaped(chunk, c);
        c = lo.next;
        let hi = lo;
        if (chunk[c] === "-") {
          hi = getEscaped(chunk, c + 1);
          c = hi.next;
        }
        if (!failed && compareRunes(lo.rune, r) <= 0 && compareRunes(r, hi.rune) <= 0) match = true;
        ranges++;
      }
      if (match === negated) failed = true;
    } else if (ch === "?") {
      if (!failed) {
        if (rest[0] === "/") failed = true;
        rest = rest.slice(1);
      }
      c++;
    } else {
      let literal = ch;
      if (ch === "\\") {
        c++;
        if (c >= chunk.length) throw new BadPatternError();
        literal = chunk[c] as string;
      }
      if (!failed) {
        if (literal !== rest[0]) failed = true;
        rest = rest.slice(1);
      }
      c++;
    }
  }
  return failed ? null : rest;
}

function getEscaped(chunk: string[], index: number): { rune: string; next: number } {
  let i = index;
  const first = chunk[i];
  if (first === undefined || first === "-" || first === "]") throw new BadPatternError();
  if (first === "\\") {
    i++;
    if (i >= chunk.length) throw new BadPatternError();
  }
  const rune = chunk[i] as string;
  i++;
  if (i >= chunk.length) throw new BadPatternError();
  return { rune, next: i };
}

function compareRunes(a: string, b: string): number {
  return (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0);
}
