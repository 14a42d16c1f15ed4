import http from "node:http";

// Test helper: an HTTP client that sends exactly what it is given. `fetch` normalises the URL
// (`..`, `%2e%2e`) and insists on well-formed bodies; a hostile client does neither.

export interface RawRequest {
  method: string;
  /** sent as is: already percent-encoded where it needs to be */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** a source address on the loopback (127.0.0.N), to look like another client */
  localAddress?: string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Sends requests to one server over kept-alive sockets (or a fresh one from `localAddress`). */
export class RawClient {
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  readonly #url: URL;

  constructor(baseUrl: string) {
    this.#url = new URL(baseUrl);
  }

  send(request: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.#url.hostname,
          port: this.#url.port,
          method: request.method,
          path: request.path,
          headers: {
            ...(request.body !== undefined ? { "Content-Length": String(Buffer.byteLength(request.body)) } : {}),
            ...request.headers,
          },
          ...(request.localAddress ? { localAddress: request.localAddress, agent: false } : { agent: this.#agent }),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(request.body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
