// The parts of Go's net/url.Parse and net.SplitHostPort that kubelet's keyring relies on.
// Go's parser differs from WHATWG `new URL()`: it keeps the host's case, cuts the host at `?`
// (query) and `#` (fragment), and accepts `*`, `[`, `]` inside a host name.

export interface GoUrl {
  host: string;
  /** The unescaped path. */
  path: string;
}

/** net/url.Parse for an absolute `scheme://authority/path` string; returns the Go error text on failure. */
export function parseGoUrl(raw: string): GoUrl | { error: string } {
  const hash = raw.indexOf("#");
  const withoutFragment = hash === -1 ? raw : raw.slice(0, hash);
  if ([...withoutFragment].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    return { error: "net/url: invalid control character in URL" };
  }
  const colon = withoutFragment.indexOf(":");
  if (colon <= 0 || !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(withoutFragment.slice(0, colon))) {
    return { error: "missing protocol scheme" };
  }
  let rest = withoutFragment.slice(colon + 1);
  const question = rest.indexOf("?");
  if (question !== -1) rest = rest.slice(0, question);
  if (!rest.startsWith("//")) return { host: "", path: "" }; // opaque: no host
  let authority = rest.slice(2);
  let path = "";
  const slash = authority.indexOf("/");
  if (slash !== -1) {
    path = authority.slice(slash);
    authority = authority.slice(0, slash);
  }
  const at = authority.lastIndexOf("@");
  const host = parseHost(at === -1 ? authority : authority.slice(at + 1));
  if (typeof host !== "string") return host;
  const unescapedPath = unescape(path);
  if (unescapedPath === null) return { error: "invalid URL escape" };
  return { host, path: unescapedPath };
}

// net/url parseHost
function parseHost(host: string): string | { error: string } {
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close < 0) return { error: "missing ']' in host" };
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return { error: `invalid port "${colonPort}" after host` };
  } else {
    const colon = host.lastIndexOf(":");
    if (colon !== -1) {
      const colonPort = host.slice(colon);
      if (!validOptionalPort(colonPort)) return { error: `invalid port "${colonPort}" after host` };
    }
  }
  for (const ch of host) {
    if (ch.charCodeAt(0) < 0x80 && ch !== "%" && !isHostCharacter(ch)) {
      return { error: `invalid character "${ch}" in host name` };
    }
  }
  const unescaped = unescape(host);
  return unescaped ?? { error: "invalid URL escape" };
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

// net/url shouldEscape(c, encodeHost) == false
function isHostCharacter(ch: string): boolean {
  return /[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(ch);
}

function unescape(s: string): string | null {
  if (!s.includes("%")) return s;
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** net.SplitHostPort; null when Go returns an error (kubelet then treats the whole string as the host). */
export function splitGoHostPort(hostport: string): { host: string; port: string } | null {
  const lastColon = hostport.lastIndexOf(":");
  if (lastColon < 0) return null;
  let host: string;
  let afterHost: number;
  if (hostport.startsWith("[")) {
    const end = hostport.indexOf("]");
    if (end < 0) return null;
    if (end + 1 !== lastColon) return null;
    host = hostport.slice(1, end);
    afterHost = end + 1;
    if (hostport.slice(1).includes("[")) return null;
  } else {
    host = hostport.slice(0, lastColon);
    if (host.includes(":")) return null;
    afterHost = 0;
    if (hostport.includes("[")) return null;
  }
  if (hostport.slice(afterHost).includes("]")) return null;
  return { host, port: hostport.slice(lastColon + 1) };
}
