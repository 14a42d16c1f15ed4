// Requests to one registry with one credential, answering 401 challenges the way containerd's
// docker authorizer does (core/remotes/docker/authorizer.go, resolver.go, auth/fetch.go):
// Basic → resend with `Authorization: Basic`; Bearer → GET the token realm (Basic auth when a
// password is known) with `service` and `scope`, then resend with `Authorization: Bearer`.

import { parseAuthChallenges, preferredChallenge, type AuthChallenge } from "./auth-challenge.ts";
import { encodeAuthField } from "./docker-config.ts";
import { httpRequest, TransportFailure, type Deadline, type HttpResponse } from "./http-transport.ts";
import { isLoopbackHost } from "./registry-host.ts";

export interface RegistryCredential {
  username: string;
  password: string;
}

/** Where and how to reach a registry. */
export interface RegistryEndpoint {
  /** `host[:port]` of the Registry API. */
  hostPort: string;
  scheme: "http" | "https";
  /** Retry over plain HTTP when an HTTPS attempt meets a server speaking HTTP (containerd's HTTPFallback). */
  fallbackToHttp: boolean;
}

/**
 * containerd's defaults: HTTPS, except loopback hosts, which get plain HTTP, or, when a CA is given
 * for them, HTTPS with a fallback to HTTP.
 */
export function registryEndpoint(hostPort: string, ca: unknown): RegistryEndpoint {
  if (!isLoopbackHost(hostName(hostPort))) return { hostPort, scheme: "https", fallbackToHttp: false };
  if (ca !== undefined) return { hostPort, scheme: "https", fallbackToHttp: true };
  return { hostPort, scheme: "http", fallbackToHttp: false };
}

export function hostName(hostPort: string): string {
  if (hostPort.startsWith("[")) return hostPort.slice(0, hostPort.indexOf("]") + 1);
  const colon = hostPort.lastIndexOf(":");
  return colon === -1 ? hostPort : hostPort.slice(0, colon);
}

/** The registry refused the credentials, or gave no way to authenticate; the message is containerd's. */
export class RegistryAuthError extends Error {
  override readonly name = "RegistryAuthError";
  /** containerd's ErrInvalidAuthorization: the resolver then says "pull access denied, …". */
  readonly invalidAuthorization: boolean;
  /** The token server's answer, when a token request failed with an HTTP status. */
  readonly tokenResponse: HttpResponse | undefined;

  constructor(message: string, options: { invalidAuthorization?: boolean; tokenResponse?: HttpResponse } = {}) {
    super(message);
    this.invalidAuthorization = options.invalidAuthorization ?? false;
    this.tokenResponse = options.tokenResponse;
  }
}

/** A failure of a request to the token realm (not to the registry itself). */
export class TokenTransportFailure extends Error {
  override readonly name = "TokenTransportFailure";
  constructor(
    readonly realmUrl: string,
    readonly failure: TransportFailure,
    /** containerd's wording of the step: `failed to fetch oauth token` or `failed to fetch anonymous token`. */
    readonly step: string,
  ) {
    super(failure.message);
  }
}

export interface SessionOptions {
  endpoint: RegistryEndpoint;
  credential?: RegistryCredential | undefined;
  /** Token scopes the operation needs, e.g. `repository:demo/hello:pull`. */
  scopes?: readonly string[];
  ca?: string | readonly string[] | undefined;
  deadline: Deadline;
}

export class RegistrySession {
  private scheme: "http" | "https";
  private authorization: string | undefined;

  constructor(private readonly options: SessionOptions) {
    this.scheme = options.endpoint.scheme;
  }

  get hostPort(): string {
    return this.options.endpoint.hostPort;
  }

  get currentScheme(): "http" | "https" {
    return this.scheme;
  }

  /** Switches to another scheme for the following requests. */
  useScheme(scheme: "http" | "https"): void {
    this.scheme = scheme;
  }

  url(pathOrUrl: string): string {
    if (/^https?:\/\//.test(pathOrUrl)) {
      const absolute = new URL(pathOrUrl);
      return `${this.scheme}://${this.hostPort}${absolute.pathname}${absolute.search}`;
    }
    return `${this.scheme}://${this.hostPort}${pathOrUrl}`;
  }

  /** One request as it stands (current authorization, no challenge handling). */
  async raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<HttpResponse> {
    const send = (): Promise<HttpResponse> =>
      httpRequest({
        method,
        url: this.url(path),
        headers: { ...headers, ...(this.authorization ? { Authorization: this.authorization } : {}) },
        ...(body ? { body } : {}),
        ...(this.options.ca !== undefined ? { ca: this.options.ca } : {}),
        deadline: this.options.deadline,
      });
    try {
      return await send();
    } catch (error) {
      if (
        error instanceof TransportFailure &&
        error.kind === "plain-http" &&
        this.scheme === "https" &&
        this.options.endpoint.fallbackToHttp
      ) {
        this.scheme = "http";
        return send();
      }
      throw error;
    }
  }

  /**
   * A request that answers the registry's challenge once. Resolves with the final response (which may
   * still be 401: containerd then reports "unexpected status"); rejects with `RegistryAuthError` when
   * containerd's authorizer gives up, `TransportFailure` or `TokenTransportFailure` when nothing answered.
   */
  async send(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<HttpResponse> {
    let response = await this.raw(method, path, headers, body);
    let answered = false;
    while (response.status === 401) {
      const challenge = preferredChallenge(parseAuthChallenges(response.headerValues("www-authenticate")));
      if (!challenge) return response; // no scheme containerd supports
      if (answered) {
        const error = challenge.scheme === "bearer" ? challenge.params["error"] : undefined;
        if (error) throw new RegistryAuthError(`server message: ${error}: authorization failed`, { invalidAuthorization: true });
        return response; // the same credentials would be sent again: containerd ends with this 401
      }
      this.authorization = await this.authorize(challenge);
      answered = true;
      response = await this.raw(method, path, headers, body);
    }
    return response;
  }

  /** The `Authorization` header answering a challenge. */
  async authorize(challenge: AuthChallenge): Promise<string> {
    const { username = "", password = "" } = this.options.credential ?? {};
    if (challenge.scheme === "basic") {
      if (username === "" || password === "") {
        throw new RegistryAuthError("authorization failed: no basic auth credentials", { invalidAuthorization: true });
      }
      return basicAuthorization(username, password);
    }
    return `Bearer ${await this.fetchToken(challenge)}`;
  }

  /** auth/fetch.go FetchToken (GET), with the error texts of authorizer.go doBearerAuth. */
  async fetchToken(challenge: AuthChallenge): Promise<string> {
    const { username = "", password = "" } = this.options.credential ?? {};
    const realm = challenge.params["realm"];
    if (!realm) throw new RegistryAuthError("no realm specified for token auth challenge");
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new RegistryAuthError(`invalid token auth challenge realm: parse "${realm}": invalid URI for request`);
    }
    const scopes = new Set<string>(this.options.scopes ?? []);
    for (const scope of (challenge.params["scope"] ?? "").split(" ")) if (scope) scopes.add(scope);
    const params: Array<[string, string]> = [...realmUrl.searchParams.entries()];
    if (challenge.params["service"]) params.push(["service", challenge.params["service"]]);
    for (const scope of [...scopes].sort()) params.push(["scope", scope]);
    const url = `${realmUrl.origin}${realmUrl.pathname}${params.length > 0 ? `?${goEncodeQuery(params)}` : ""}`;
    const withSecret = password !== "";
    const what = withSecret ? "failed to fetch oauth token" : "failed to fetch anonymous token";

    let response: HttpResponse;
    try {
      response = await httpRequest({
        method: "GET",
        url,
        headers: withSecret ? { Authorization: basicAuthorization(username, password) } : {},
        ...(this.options.ca !== undefined ? { ca: this.options.ca } : {}),
        deadline: this.options.deadline,
        maxBodyBytes: 1024 * 1024,
      });
    } catch (error) {
      if (error instanceof TransportFailure) throw new TokenTransportFailure(url, error, what);
      throw error;
    }
    if (response.status < 200 || response.status >= 400) {
      throw new RegistryAuthError(`failed to authorize: ${what}: unexpected status from GET request to ${url}: ${response.statusLine}`, {
        tokenResponse: response,
      });
    }
    let token: unknown;
    try {
      const parsed = JSON.parse(response.body.toString("utf8")) as { token?: unknown; access_token?: unknown };
      token = parsed.access_token || parsed.token;
    } catch (error) {
      throw new RegistryAuthError(`failed to authorize: ${what}: unable to decode token response: ${(error as Error).message}`);
    }
    if (typeof token !== "string" || token === "") {
      throw new RegistryAuthError(`failed to authorize: ${what}: authorization server did not include a token in the response`);
    }
    return token;
  }
}

function basicAuthorization(username: string, password: string): string {
  return `Basic ${encodeAuthField(username, password)}`;
}

/** Go's url.Values.Encode: keys sorted, each part QueryEscape'd (space as `+`). */
export function goEncodeQuery(params: ReadonlyArray<readonly [string, string]>): string {
  const keys = [...new Set(params.map(([key]) => key))].sort();
  const parts: string[] = [];
  for (const key of keys) {
    for (const [k, v] of params) if (k === key) parts.push(`${goQueryEscape(k)}=${goQueryEscape(v)}`);
  }
  return parts.join("&");
}

function goQueryEscape(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
