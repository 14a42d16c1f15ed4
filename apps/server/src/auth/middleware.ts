import type { Request, RequestHandler } from "express";
import { parse as parseCookies } from "cookie";
import { ForbiddenError } from "../errors.ts";
import { SESSION_COOKIE } from "./session.ts";
import type { User } from "./user-store.ts";

declare module "express-serve-static-core" {
  interface Request {
    user?: User;
  }
}

export function sessionCookie(req: Request): string | undefined {
  return parseCookies(req.headers.cookie ?? "")[SESSION_COOKIE];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Writes need an `Origin` of this very server: a page of another site cannot make the browser
 * send them with the session cookie (SameSite=Strict already stops most of that). A request with
 * an `Authorization` header is exempt: a browser never adds one on its own to a cross-site request
 * (it would need a CORS preflight, which Paddock never grants), and such a request is
 * authenticated by its API token alone, never by the cookie.
 */
export const requireSameOrigin: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.headers.authorization !== undefined) return next();
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return next(new ForbiddenError("Writes must come from the Paddock dashboard (the request has no Origin header)."));
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return next(new ForbiddenError("Writes must come from the Paddock dashboard (the Origin header is not a URL)."));
  }
  if (originHost !== host) return next(new ForbiddenError(`Writes must come from the Paddock dashboard: origin ${origin} is not allowed.`));
  next();
};
