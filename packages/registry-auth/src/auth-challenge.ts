// `WWW-Authenticate` challenges of the Registry API (RFC 7235 syntax, read tolerantly: registries
// send unquoted values such as `service=gcr.io`, and several challenges in one header).

export interface AuthChallenge {
  /** Lower-case scheme: `basic`, `bearer`, … */
  scheme: string;
  /** Lower-case parameter names: `realm`, `service`, `scope`, `error`. */
  params: Record<string, string>;
}

/** Parses every challenge of every `WWW-Authenticate` value. */
export function parseAuthChallenges(headerValues: readonly string[]): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  for (const value of headerValues) challenges.push(...parseHeader(value));
  return challenges;
}

/** The challenge a client answers: Bearer before Basic, like containerd (auth/parse.go byScheme). */
export function preferredChallenge(challenges: readonly AuthChallenge[]): AuthChallenge | undefined {
  return challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

function parseHeader(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let rest = header;
  let current: AuthChallenge | undefined;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, "");
    if (rest.length === 0) break;
    const token = TOKEN.exec(rest)?.[0];
    if (!token) {
      rest = rest.slice(1); // skip a stray character
      continue;
    }
    const afterToken = rest.slice(token.length).replace(/^\s*/, "");
    if (afterToken.startsWith("=") && current) {
      // auth-param: name=value, value quoted or not
      const [value, remaining] = readValue(afterToken.slice(1).replace(/^\s*/, ""));
      current.params[token.toLowerCase()] = value;
      rest = remaining;
      continue;
    }
    if (afterToken.startsWith("=") && !current) {
      rest = afterToken.slice(1); // a parameter before any scheme: ignore it
      continue;
    }
    current = { scheme: token.toLowerCase(), params: {} };
    challenges.push(current);
    rest = afterToken;
  }
  return challenges;
}

function readValue(s: string): [string, string] {
  if (s.startsWith('"')) {
    let value = "";
    for (let i = 1; i < s.length; i++) {
      const ch = s[i] as string;
      if (ch === "\\" && i + 1 < s.length) {
        value += s[i + 1];
        i++;
      } else if (ch === '"') {
        return [value, s.slice(i + 1)];
      } else {
        value += ch;
      }
    }
    return [value, ""]; // unterminated quote: take the rest
  }
  const end = s.search(/[,\s]/);
  return end === -1 ? [s, ""] : [s.slice(0, end), s.slice(end)];
}
