// Rule 5 of ../shared/DESIGN.md, checked from the outside: what a test saw in every response and log line.
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { ApiClient, type ApiResponse } from "./test-server.ts";

/** An API client that keeps every response it got (status, headers and body text), to search them. */
export class RecordingApiClient extends ApiClient {
  readonly responses: string[] = [];

  override async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await super.request<T>(method, path, body, headers);
    this.responses.push(`${method} ${path} → ${response.status} ${JSON.stringify([...response.headers])} ${JSON.stringify(response.body)}`);
    return response;
  }
}

/** A pino logger at debug level whose lines are kept in `lines`. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

/** Fails when any text holds one of the passwords, or the `auth` (base64 of username:password) made from it. */
export function expectNoPassword(texts: string[], credentials: Array<{ username: string; password: string }>): void {
  const needles = credentials.flatMap(({ username, password }) => [password, Buffer.from(`${username}:${password}`).toString("base64")]);
  const leaks = texts.flatMap((text) => needles.filter((needle) => text.includes(needle)).map((needle) => `${needle.slice(0, 3)}… in ${text.slice(0, 120)}`));
  if (leaks.length > 0) throw new Error(`passwords leaked:\n${leaks.join("\n")}`);
}
