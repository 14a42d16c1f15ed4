import { request } from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import type { EmbeddedCluster } from "../cluster.ts";

export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** the body as sent */
  text: string;
  /** the body parsed as JSON, or undefined when it is not JSON */
  body: unknown;
}

/** One raw HTTPS request to the cluster with its token, for asserting exact response bodies and headers. */
export function apiRequest(
  cluster: Pick<EmbeddedCluster, "url" | "token" | "caPem">,
  method: string,
  path: string,
  body?: string | object,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, cluster.url),
      {
        method,
        ca: cluster.caPem,
        headers: {
          Authorization: `Bearer ${cluster.token}`,
          Accept: "application/json",
          ...(payload !== undefined ? { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(payload)) } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
