// One HTTP(S) request over node:http / node:https with a per-request CA, a deadline, a body limit,
// and transport failures described twice: in plain words for the dashboard, and in the words of
// Go's net/http + crypto/tls for the kubelet's containerd-style messages.

import http from "node:http";
import https from "node:https";
import tls from "node:tls";
import type { IncomingHttpHeaders } from "node:http";

export interface HttpResponse {
  method: string;
  url: string;
  status: number;
  /** Go's `resp.Status`: `401 Unauthorized`. */
  statusLine: string;
  headers: IncomingHttpHeaders;
  /** Every value of a header, in order (`WWW-Authenticate` may come several times). */
  headerValues(name: string): string[];
  body: Buffer;
}

export type TransportFailureKind = "tls" | "unreachable" | "timeout" | "plain-http" | "error";

/** The request got no HTTP answer. */
export class TransportFailure extends Error {
  override readonly name = "TransportFailure";
  readonly kind: TransportFailureKind;
  /** The error as Go's http.Client reports it, e.g. `dial tcp: lookup quay.io: no such host`. */
  readonly goMessage: string;
  /** Node's own error text, e.g. `getaddrinfo ENOTFOUND quay.io`. */
  readonly nodeMessage: string;
  readonly code: string | undefined;
  /** For TLS failures: the certificate the server presented, when Node reported it. */
  readonly certificate: tls.PeerCertificate | undefined;

  constructor(init: {
    kind: TransportFailureKind;
    goMessage: string;
    nodeMessage: string;
    code?: string;
    certificate?: tls.PeerCertificate;
  }) {
    super(init.nodeMessage);
    this.kind = init.kind;
    this.goMessage = init.goMessage;
    this.nodeMessage = init.nodeMessage;
    this.code = init.code;
    this.certificate = init.certificate;
  }
}

/** A point in time by which a whole operation (several requests) must be done. */
export class Deadline {
  readonly at: number;
  constructor(readonly timeoutMs: number) {
    this.at = Date.now() + timeoutMs;
  }
  remaining(): number {
    return Math.max(0, this.at - Date.now());
  }
}

export interface HttpRequestOptions {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  ca?: string | readonly string[];
  deadline: Deadline;
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

const CHAIN_ERRORS = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_REJECTED",
]);
const EXPIRY_ERRORS = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
const PLAIN_HTTP_ERRORS = new Set([
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_PACKET_LENGTH_TOO_LONG",
  "ERR_SSL_HTTP_REQUEST",
]);

export function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  const url = new URL(options.url);
  const isHttps = url.protocol === "https:";
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const hostPort = `${url.hostname}:${url.port || (isHttps ? "443" : "80")}`;
  const remaining = options.deadline.remaining();

  return new Promise<HttpResponse>((resolve, reject) => {
    let connected = false;
    let settled = false;
    const fail = (failure: TransportFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(failure);
    };
    const requestOptions: https.RequestOptions = {
      method: options.method,
      headers: {
        ...(options.body ? { "Content-Length": String(options.body.length) } : {}),
        ...options.headers,
      },
      agent: false,
    };
    if (isHttps && options.ca !== undefined) {
      requestOptions.ca = [...tls.rootCertificates, ...(typeof options.ca === "string" ? [options.ca] : options.ca)];
    }
    let finish: (() => void) | undefined;
    const request = (isHttps ? https : http).request(url, requestOptions, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const raw = response.rawHeaders;
        resolve({
          method: options.method,
          url: url.toString(),
          status: response.statusCode ?? 0,
          statusLine: `${response.statusCode ?? 0} ${response.statusMessage ?? ""}`.trimEnd(),
          headers: response.headers,
          headerValues: (name) => {
            const values: string[] = [];
            for (let i = 0; i + 1 < raw.length; i += 2) {
              if ((raw[i] as string).toLowerCase() === name.toLowerCase()) values.push(raw[i + 1] as string);
            }
            return values;
          },
          body: Buffer.concat(chunks),
        });
      };
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          fail(
            new TransportFailure({
              kind: "error",
              goMessage: `response body larger than ${maxBody} bytes`,
              nodeMessage: `response body larger than ${maxBody} bytes`,
            }),
          );
          return;
        }
        chunks.push(chunk);
      });
      response.on("error", (error) => fail(classify(error, hostPort, url.hostname, connected)));
      response.on("end", () => finish?.());
    });
    request.on("socket", (socket) => {
      socket.once(isHttps ? "secureConnect" : "connect", () => {
        connected = true;
      });
    });
    request.on("error", (error: NodeError) => {
      // A body after a HEAD answer (Go's "Client sent an HTTP request to an HTTPS server") is a
      // parse error to Node; Go's client keeps the status it already read.
      if (finish && error.code?.startsWith("HPE_")) finish();
      else fail(classify(error, hostPort, url.hostname, connected));
    });
    const timer = setTimeout(() => {
      fail(
        new TransportFailure({
          kind: "timeout",
          goMessage: connected ? "context deadline exceeded" : `dial tcp ${hostPort}: i/o timeout`,
          nodeMessage: `no answer within ${formatSeconds(options.deadline.timeoutMs)}`,
        }),
      );
    }, remaining);
    request.end(options.body);
  });
}

/** Go's duration format for whole and fractional seconds: `10s`, `1.5s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

interface NodeError extends Error {
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  cert?: tls.PeerCertificate;
  reason?: string;
}

function classify(error: NodeError, hostPort: string, hostname: string, connected: boolean): TransportFailure {
  const code = error.code;
  const nodeMessage = error.message;
  const base = { nodeMessage, ...(code !== undefined ? { code } : {}) };
  const dialTarget = error.address !== undefined && error.port !== undefined ? formatAddress(error.address, error.port) : hostPort;
  switch (code) {
    case "ENOTFOUND":
      return new TransportFailure({ ...base, kind: "unreachable", goMessage: `dial tcp: lookup ${hostname}: no such host` });
    case "EAI_AGAIN":
      return new TransportFailure({
        ...base,
        kind: "unreachable",
        goMessage: `dial tcp: lookup ${hostname}: Temporary failure in name resolution`,
      });
    case "ECONNREFUSED":
      return new TransportFailure({ ...base, kind: "unreachable", goMessage: `dial tcp ${dialTarget}: connect: connection refused` });
    case "EHOSTUNREACH":
      return new TransportFailure({ ...base, kind: "unreachable", goMessage: `dial tcp ${dialTarget}: connect: no route to host` });
    case "ENETUNREACH":
      return new TransportFailure({ ...base, kind: "unreachable", goMessage: `dial tcp ${dialTarget}: connect: network is unreachable` });
    case "ETIMEDOUT":
      return new TransportFailure({ ...base, kind: "timeout", goMessage: `dial tcp ${dialTarget}: i/o timeout` });
    case "ECONNRESET":
      return new TransportFailure({
        ...base,
        kind: connected ? "error" : "unreachable",
        goMessage: connected ? "read: connection reset by peer" : "EOF",
      });
  }
  if (code !== undefined && CHAIN_ERRORS.has(code)) {
    return new TransportFailure({
      ...base,
      kind: "tls",
      goMessage: "tls: failed to verify certificate: x509: certificate signed by unknown authority",
      ...(error.cert ? { certificate: error.cert } : {}),
    });
  }
  if (code !== undefined && EXPIRY_ERRORS.has(code)) {
    return new TransportFailure({
      ...base,
      kind: "tls",
      goMessage: "tls: failed to verify certificate: x509: certificate has expired or is not yet valid",
      ...(error.cert ? { certificate: error.cert } : {}),
    });
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return new TransportFailure({
      ...base,
      kind: "tls",
      goMessage: `tls: failed to verify certificate: ${goHostnameError(hostname, error.cert)}`,
      ...(error.cert ? { certificate: error.cert } : {}),
    });
  }
  if ((code !== undefined && PLAIN_HTTP_ERRORS.has(code)) || /wrong version number|packet length too long/.test(nodeMessage)) {
    return new TransportFailure({ ...base, kind: "plain-http", goMessage: "http: server gave HTTP response to HTTPS client" });
  }
  if (code !== undefined && (code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS"))) {
    return new TransportFailure({ ...base, kind: "tls", goMessage: `remote error: tls: ${nodeMessage}` });
  }
  return new TransportFailure({ ...base, kind: "error", goMessage: nodeMessage });
}

function formatAddress(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

// crypto/x509 HostnameError.Error
function goHostnameError(host: string, cert: tls.PeerCertificate | undefined): string {
  const names = subjectAltNames(cert);
  const isIp = /^[0-9.]+$/.test(host) || host.includes(":");
  if (isIp) {
    if (names.ips.length === 0) return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
    return `x509: certificate is valid for ${names.ips.join(", ")}, not ${host}`;
  }
  if (names.dns.length === 0) return "x509: certificate relies on legacy Common Name field, use SANs instead";
  return `x509: certificate is valid for ${names.dns.join(", ")}, not ${host}`;
}

/** The DNS names and IP addresses a certificate is valid for. */
export function subjectAltNames(cert: tls.PeerCertificate | undefined): { dns: string[]; ips: string[] } {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const part of (cert?.subjectaltname ?? "").split(",")) {
    const entry = part.trim();
    if (entry.startsWith("DNS:")) dns.push(entry.slice(4));
    else if (entry.startsWith("IP Address:")) ips.push(entry.slice(11));
  }
  return { dns, ips };
}

/**
 * Connects without verifying, only to read the certificate a server presents (for explaining a TLS
 * failure). Resolves undefined when that is not possible.
 */
export function fetchPeerCertificate(host: string, port: number, timeoutMs: number): Promise<tls.PeerCertificate | undefined> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      rejectUnauthorized: false,
      ...(/^[0-9.]+$/.test(host) || host.includes(":") ? {} : { servername: host }),
    });
    const done = (cert: tls.PeerCertificate | undefined): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(cert);
    };
    const timer = setTimeout(() => done(undefined), Math.max(1, timeoutMs));
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      done(cert && Object.keys(cert).length > 0 ? cert : undefined);
    });
    socket.once("error", () => done(undefined));
  });
}
