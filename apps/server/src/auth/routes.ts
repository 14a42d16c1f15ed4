import { Router, type Request, type Response } from "express";
import type { Logger } from "pino";
import { serialize } from "cookie";
import { loginSchema, passwordChangeSchema, type Me } from "@paddock/contracts";
import { InvalidError, UnauthenticatedError } from "../errors.ts";
import { parse } from "../http/validate.ts";
import { SESSION_COOKIE, type SessionSigner } from "./session.ts";
import type { User, UserStore } from "./user-store.ts";
import { loginRateLimits } from "./login-rate-limit.ts";
import { sessionCookie } from "./middleware.ts";
import { FailureLimiter, minutes } from "./failure-limiter.ts";

function setSessionCookie(res: Response, value: string, expires: Date, secure: boolean): void {
  res.setHeader("Set-Cookie", serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: "strict", secure, path: "/", expires }));
}

export interface AuthRouteOptions {
  secureCookies: boolean;
  loginLimits?: { perAddress?: number; perUser?: number };
  /** where logins and logouts are recorded, as audit log lines */
  log?: Logger;
}

export function authRoutes(users: UserStore, signer: SessionSigner, options: AuthRouteOptions): Router {
  const router = Router();
  const audit = (action: "login" | "logout", user: string, outcome: "succeeded" | "failed", address: string | undefined, message: string) =>
    options.log?.[outcome === "succeeded" ? "info" : "warn"]({ audit: { user, action, outcome, address } }, message);

  // A refused login names no username: it may be a password typed into the wrong field.
  const limited = (req: Request, why: string) => audit("login", "", "failed", req.ip, `a login was refused: ${why}`);

  router.post("/auth/login", ...loginRateLimits(options.loginLimits, limited), async (req, res) => {
    const { username, password } = parse(loginSchema, req.body, "body");
    let user: User | undefined;
    let known: boolean;
    try {
      ({ user, known } = await users.check(username, password));
    } catch (error) {
      // the right password of a disabled account
      if (error instanceof UnauthenticatedError) audit("login", username, "failed", req.ip, `${username} failed to log in: the account is disabled`);
      throw error;
    }
    if (!user) {
      // A name that is no user is not logged: people type their password into the username field.
      audit("login", known ? username : "", "failed", req.ip, known ? `${username} failed to log in` : "a login with an unknown username failed");
      throw new UnauthenticatedError("The username or password is not right.");
    }
    const session = signer.issue(user);
    setSessionCookie(res, session.value, session.expires, options.secureCookies);
    audit("login", user.username, "succeeded", req.ip, `${user.username} logged in`);
    res.json({ username: user.username, admin: user.admin } satisfies Me);
  });

  router.post("/auth/logout", async (req, res) => {
    const session = signer.verify(sessionCookie(req));
    if (session) {
      await users.endSessions(session.username);
      audit("logout", session.username, "succeeded", req.ip, `${session.username} logged out`);
    }
    setSessionCookie(res, "", new Date(0), options.secureCookies);
    res.status(204).end();
  });

  return router;
}

export interface AccountDependencies {
  users: UserStore;
  signer: SessionSigner;
  secureCookies: boolean;
}

/**
 * The logged-in user's own routes: `GET /auth/me` (with the projects and roles, for the UI to hide
 * what the user may not do) and `PUT /auth/password`. Mounted behind `authenticate` and the policy.
 */
export function meRoute(deps?: AccountDependencies): Router {
  const router = Router();
  const wrongPassword = new FailureLimiter(10, 15 * 60 * 1000, (s) => `Too many wrong current passwords: wait ${minutes(s)}, then try again.`);

  router.get("/auth/me", (req, res) => {
    res.json({ username: req.user!.username, admin: req.user!.admin, memberships: req.access?.memberships() ?? [] } satisfies Me);
  });

  router.put("/auth/password", async (req, res) => {
    if (!deps) throw new Error("meRoute: mounted without its dependencies");
    const { currentPassword, newPassword } = parse(passwordChangeSchema, req.body, "body");
    const username = req.user!.username;
    wrongPassword.check(username);
    let user: User | undefined;
    try {
      user = await deps.users.authenticate(username, currentPassword);
    } catch {
      user = undefined;
    }
    if (!user) {
      wrongPassword.fail(username);
      throw new InvalidError("The current password is not right.", [{ path: "body.currentPassword", message: "The current password is not right." }]);
    }
    if (newPassword === currentPassword) {
      throw new InvalidError("Choose a new password: it is the same as the current one.", [{ path: "body.newPassword", message: "Choose a password different from the current one." }]);
    }
    // Every session of the user ends (on every replica); this one goes on with a fresh cookie.
    const validAfter = await deps.users.setPassword(username, newPassword);
    const session = deps.signer.issue(user, Math.max(Date.now(), validAfter + 1));
    setSessionCookie(res, session.value, session.expires, deps.secureCookies);
    res.status(204).end();
  });

  return router;
}
