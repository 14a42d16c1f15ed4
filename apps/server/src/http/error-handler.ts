import type { ErrorRequestHandler, RequestHandler } from "express";
import { ERROR_STATUS, type ErrorBody } from "@paddock/contracts";
import type { Logger } from "pino";
import { DomainError, TooManyRequestsError } from "../errors.ts";

/** The one place where errors become HTTP: `{"error":{"code","message","details"}}`. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let body: ErrorBody;
    let status: number;
    if (error instanceof DomainError) {
      status = ERROR_STATUS[error.code];
      body = { error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } };
      if (error instanceof TooManyRequestsError) res.setHeader("Retry-After", String(error.retryAfterSeconds));
    } else if (isBodyParserError(error)) {
      status = error.status === 413 ? 413 : 422;
      const message =
        error.status === 413
          ? "The request body is too large."
          : error.type === "entity.parse.failed"
            ? "The request body is not valid JSON."
            : `The request body could not be read (${error.type ?? "bad request"}).`;
      body = { error: { code: "Invalid", message } };
    } else {
      status = 500;
      body = { error: { code: "Internal", message: "Something went wrong on the server; the error was logged. Try again, and report it if it persists." } };
      log.error({ err: error, method: req.method, path: req.path }, "request failed");
    }
    if (!res.headersSent) res.status(status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: "NotFound", message: `There is no API route ${req.method} ${req.path}.` } } satisfies ErrorBody);
};

function isBodyParserError(error: unknown): error is { status: number; type?: string } {
  return typeof error === "object" && error !== null && "type" in error && typeof (error as { status?: unknown }).status === "number";
}
