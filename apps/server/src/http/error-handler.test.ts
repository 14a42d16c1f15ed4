import type { AddressInfo } from "node:net";
import { createServer, request, type Server } from "node:http";
import { gzipSync } from "node:zlib";
import express from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler, notFoundHandler } from "./error-handler.ts";

// The requests Express itself cannot read (its router and body-parser throw before any route
// runs) are refused with a 4xx and the error body, never answered 500.

let server: Server;
let port: number;
const logged: string[] = [];

beforeAll(async () => {
  const app = express();
  app.use(express.json({ limit: "2mb", strict: true }));
  app.post("/things/:name", (req, res) => void res.json({ name: req.params.name, body: req.body as unknown }));
  app.use(notFoundHandler);
  app.use(errorHandler(pino({ level: "error" }, { write: (line: string) => void logged.push(line) })));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: "127.0.0.1", method: "POST", path, headers: { "Content-Type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const invalid = (message: string) => ({ error: { code: "Invalid", message } });

describe("errorHandler: requests that cannot be read", () => {
  it("reads a right one", async () => {
    expect(await send("/things/a", gzipSync('{"x":1}'), { "Content-Encoding": "gzip" })).toEqual({ status: 200, body: { name: "a", body: { x: 1 } } });
  });

  it.each(["%", "%ZZ", "%E0%A4%A", "%ED%A0%80", "%C0%AE"])("refuses a malformed percent-escape in the path (%s)", async (segment) => {
    expect(await send(`/things/${segment}`, "{}")).toEqual({
      status: 422,
      body: invalid("The request path is not valid: it holds a malformed percent-escape. Encode each part of the path with encodeURIComponent."),
    });
  });

  it("refuses a body that is not JSON, too large, in another charset, or not compressed as it says", async () => {
    expect(await send("/things/a", "{")).toEqual({ status: 422, body: invalid("The request body is not valid JSON: send a JSON object.") });
    expect(await send("/things/a", "42")).toEqual({ status: 422, body: invalid("The request body is not valid JSON: send a JSON object.") });
    expect(await send("/things/a", `"${"x".repeat(2.5 * 1024 * 1024)}"`)).toEqual({ status: 413, body: invalid("The request body is too large: at most 2 MB.") });
    expect(await send("/things/a", "{}", { "Content-Type": "application/json; charset=latin1" })).toEqual({
      status: 422,
      body: invalid('The request body\'s charset "latin1" is not supported: send JSON in UTF-8.'),
    });
    expect(await send("/things/a", "{}", { "Content-Encoding": "x-unknown" })).toEqual({
      status: 422,
      body: invalid('The request body\'s Content-Encoding "x-unknown" is not supported: send it uncompressed, or with gzip, deflate or br.'),
    });
    for (const encoding of ["gzip", "deflate", "br"]) {
      expect(await send("/things/a", "not compressed", { "Content-Encoding": encoding })).toEqual({
        status: 422,
        body: invalid("The request body could not be decompressed: it does not match its Content-Encoding."),
      });
    }
  });

  it("logs none of these as a server error", () => {
    expect(logged).toEqual([]);
  });

  it("keeps the path short in the answer to an unknown route", async () => {
    const response = await send(`/${"a".repeat(5000)}`, "{}");
    expect(response.status).toBe(404);
    expect((response.body as { error: { message: string } }).error.message).toBe(`There is no API route POST /${"a".repeat(199)}….`);
  });
});
