import type { Request, RequestHandler } from "express";
import { parse as parseCookies } from "cookie";
import { ForbiddenError, UnauthenticatedError } from "../errors.ts";
import { SESSION_COOKIE, type SessionSigner } from "./session.ts";
import type { User, UserStore } from "./user-store.ts";

declare module "express-serve-static-core" {
  interface Request {
    user?: User;
  }
}

export function sessionCookie(req: Request): string | undefined {
  return parseCookies(req.headers.cookie ?? "")[SESSION_COOKIE];
}

/** Every /api route but login needs a session. */
export function requireSession(signer: SessionSigner, users: UserStore): RequestHandler {
  return async (req, _res, next) => {
    const session = signer.verify(sessionCookie(req));
    if (!session || !(await users.sessionAccepted(session.username, session.issuedAt))) {
      return next(new UnauthenticatedError(session ? "Your session has ended: log in again." : undefined));
    }
    req.user = { username: session.username, admin: session.admin };
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
