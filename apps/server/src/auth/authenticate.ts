import type { Request, RequestHandler } from "express";
import { ipKeyGenerator } from "express-rate-limit";
import { UnauthenticatedError } from "../errors.ts";
import type { TokenStore } from "./api-tokens.ts";
import { FailureLimiter, minutes } from "./failure-limiter.ts";
import { sessionCookie } from "./middleware.ts";
import type { SessionSigner } from "./session.ts";
import type { UserStore } from "./user-store.ts";

/** How the request proved who it is. */
export type Credential = { via: "session" } | { via: "token"; tokenId: string; tokenName: string };

declare module "express-serve-static-core" {
  interface Request {
    credential?: Credential;
    /**
     * Whether the credential still holds, with the same role: a long request (the live stream)
     * asks again now and then, so that a disabled user, a revoked token, a logout or a lost admin
     * role ends it.
     */
    stillAuthenticated?: () => Promise<boolean>;
  }
}

/** The token of an `Authorization: Bearer …` header; undefined without one. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw new UnauthenticatedError('Send an API token as "Authorization: Bearer <token>".');
  return match[1]!;
}

export interface AuthenticateOptions {
  signer: SessionSigner;
  users: UserStore;
  tokens: TokenStore;
  /** failed token attempts allowed per address in 15 minutes (default 20) */
  tokenFailuresPerAddress?: number;
}

const WINDOW_MS = 15 * 60 * 1000;

/**
 * Every /api route past login needs a user: from an API token (`Authorization: Bearer`), else from
 * the session cookie. A token request ignores the cookie. The user's role and disabled flag are
 * read now, not from the cookie, so that a change takes effect on the next request.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const limiter = new FailureLimiter(
    options.tokenFailuresPerAddress ?? 20,
    WINDOW_MS,
    (retryAfter) => `Too many requests with a wrong API token from this address: wait ${minutes(retryAfter)}, then try again.`,
  );
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (token !== undefined) {
      const address = `ip:${ipKeyGenerator(req.ip ?? "unknown")}`;
      limiter.check(address);
      const verdict = await options.tokens.verify(token);
      if (!verdict.ok) {
        limiter.fail(address);
        throw new UnauthenticatedError(verdict.message);
      }
      const owner = await options.users.sessionUser(verdict.token.username, Number.MAX_SAFE_INTEGER);
      if (!owner.ok) {
        limiter.fail(address);
        throw new UnauthenticatedError(owner.reason === "disabled" ? "The account of this API token is disabled." : "The user of this API token no longer exists.");
      }
      req.user = owner.user;
      req.credential = { via: "token", tokenId: verdict.token.id, tokenName: verdict.token.name };
      req.stillAuthenticated = async () => {
        if (!(await options.tokens.verify(token)).ok) return false;
        const now = await options.users.sessionUser(owner.user.username, Number.MAX_SAFE_INTEGER);
        return now.ok && now.user.admin === owner.user.admin;
      };
      return next();
    }
    const session = options.signer.verify(sessionCookie(req));
    if (!session) throw new UnauthenticatedError();
    const verdict = await options.users.sessionUser(session.username, session.issuedAt);
    if (!verdict.ok) {
      throw new UnauthenticatedError(verdict.reason === "disabled" ? "Your account has been disabled: ask a Paddock administrator." : "Your session has ended: log in again.");
    }
    req.user = verdict.user;
    req.credential = { via: "session" };
    req.stillAuthenticated = async () => {
      if (!options.signer.verify(sessionCookie(req))) return false; // the session has expired since
      const now = await options.users.sessionUser(session.username, session.issuedAt);
      return now.ok && now.user.admin === verdict.user.admin;
    };
    next();
  };
}
