import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { RequestHandler } from "express";
import { TooManyRequestsError } from "../errors.ts";

const WINDOW_MS = 15 * 60 * 1000;

type Request = Parameters<RequestHandler>[0];

function limiter(limit: number, key: (req: Request) => string, what: string, onLimited?: (req: Request, why: string) => void): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: key,
    handler: (req, _res, next, options) => {
      onLimited?.(req, `too many failed logins ${what}`);
      const retryAfter = Math.ceil(options.windowMs / 1000);
      next(new TooManyRequestsError(`Too many failed logins ${what}: wait ${Math.ceil(retryAfter / 60)} minutes, then try again.`, retryAfter));
    },
  });
}

/** Failed logins are limited per address and per username (a slow guess from many addresses too). */
export function loginRateLimits(options: { perAddress?: number; perUser?: number } = {}, onLimited?: (req: Request, why: string) => void): RequestHandler[] {
  return [
    limiter(options.perAddress ?? 20, (req) => `ip:${ipKeyGenerator(req.ip ?? "unknown")}`, "from this address", onLimited),
    limiter(options.perUser ?? 10, (req) => `user:${usernameOf(req.body).slice(0, 128)}`, "for this user", onLimited),
  ];
}

/** The username of a login body, read without trusting its type (validation comes after the limit). */
function usernameOf(body: unknown): string {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === "string" ? username : "";
}
