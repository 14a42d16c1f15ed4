import type { Request, RequestHandler } from "express";
import { parse as parseCookies } from "cookie";
import { ForbiddenError, UnauthenticatedError } from "../errors.ts";
import { SESSION_COOKIE, type SessionSigner } from "./session.ts";
import type { User } from "./user-store.ts";

declare module "express-serve-static-core" {
  interface Request {
    user?: User;
  }
}

export function sessionCookie(req: Request): string | undefined {
  return parseCookies(req.headers.cookie ?? "")[SESSION_COOKIE];
}

/** Every /api route but login needs a session. */
export function requireSession(signer: SessionSigner): RequestHandler {
  return (req, _res, next) => {
    const user = signer.verify(sessionCookie(req));
    if (!user) return next(new UnauthenticatedError());
    req.user = user;
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Writes need an `Origin` of this very server: a page of another site cannot make the browser
 * send them with the session cookie (SameSite=Strict already stops most of that).
 */
export const requireSameOrigin: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
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
