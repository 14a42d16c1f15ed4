import type { ErrorRequestHandler, RequestHandler } from "express";
import { ERROR_STATUS, type ErrorBody } from "@paddock/contracts";
import type { Logger } from "pino";
import { DomainError, TooManyRequestsError } from "../errors.ts";

/** The one place where errors become HTTP: `{"error":{"code","message","details"}}`. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let body: ErrorBody;
    let status: number;
    const unreadable = error instanceof DomainError ? undefined : unreadableRequest(error);
    if (error instanceof DomainError) {
      status = ERROR_STATUS[error.code];
      body = { error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } };
      if (error instanceof TooManyRequestsError) res.setHeader("Retry-After", String(error.retryAfterSeconds));
    } else if (unreadable) {
      status = unreadable.status;
      body = { error: { code: "Invalid", message: unreadable.message } };
    } else {
      status = 500;
      body = { error: { code: "Internal", message: "Something went wrong on the server; the error was logged. Try again, and report it if it persists." } };
      log.error({ err: error, method: req.method, path: req.path }, "request failed");
    }
    if (!res.headersSent) res.status(status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  const path = req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path;
  res.status(404).json({ error: { code: "NotFound", message: `There is no API route ${req.method} ${path}.` } } satisfies ErrorBody);
};

interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  type?: unknown;
  code?: unknown;
  limit?: unknown;
  charset?: unknown;
  encoding?: unknown;
  message?: unknown;
}

function quoted(value: unknown): string {
  const text = String(value);
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/**
 * A request that Express itself could not read, answered 4xx (never 500): a malformed
 * percent-escape in the path (the router's URIError, status 400), or a body that body-parser
 * refused (http-errors with `expose`: not JSON, too large, a charset or Content-Encoding it does
 * not support, compressed data that does not inflate).
 */
function unreadableRequest(error: unknown): { status: number; message: string } | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as HttpError;
  const status = typeof e.status === "number" ? e.status : typeof e.statusCode === "number" ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  if (error instanceof URIError) {
    return { status: 422, message: "The request path is not valid: it holds a malformed percent-escape. Encode each part of the path with encodeURIComponent." };
  }
  if (e.expose !== true) return undefined;
  switch (e.type) {
    case "entity.too.large":
      return { status: 413, message: `The request body is too large${typeof e.limit === "number" ? `: at most ${Math.floor(e.limit / 1024 / 1024)} MB` : ""}.` };
    case "entity.parse.failed":
      return { status: 422, message: "The request body is not valid JSON: send a JSON object." };
    case "charset.unsupported":
      return { status: 422, message: `The request body's charset ${quoted(e.charset)} is not supported: send JSON in UTF-8.` };
    case "encoding.unsupported":
      return { status: 422, message: `The request body's Content-Encoding ${quoted(e.encoding)} is not supported: send it uncompressed, or with gzip, deflate or br.` };
  }
  // zlib's errors while inflating a body (Z_DATA_ERROR, ERR__ERROR_FORMAT_PADDING_1, …)
  if (typeof e.code === "string" && (e.code.startsWith("Z_") || e.code.startsWith("ERR_"))) {
    return { status: 422, message: "The request body could not be decompressed: it does not match its Content-Encoding." };
  }
  const reason = typeof e.message === "string" && e.message ? `: ${e.message.length > 120 ? `${e.message.slice(0, 120)}…` : e.message}` : "";
  return { status: 422, message: `The request could not be read${reason}.` };
}
