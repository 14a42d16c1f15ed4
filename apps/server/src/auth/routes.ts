import { Router } from "express";
import { serialize } from "cookie";
import { loginSchema, type Me } from "@paddock/contracts";
import { UnauthenticatedError } from "../errors.ts";
import { parse } from "../http/validate.ts";
import { SESSION_COOKIE, type SessionSigner } from "./session.ts";
import type { UserStore } from "./user-store.ts";
import { loginRateLimits } from "./login-rate-limit.ts";
import { sessionCookie } from "./middleware.ts";

export function authRoutes(users: UserStore, signer: SessionSigner, options: { secureCookies: boolean; loginLimits?: { perAddress?: number; perUser?: number } }): Router {
  const router = Router();
  const cookie = (value: string, expires: Date) =>
    serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: "strict", secure: options.secureCookies, path: "/", expires });

  router.post("/auth/login", ...loginRateLimits(options.loginLimits), async (req, res) => {
    const { username, password } = parse(loginSchema, req.body, "body");
    const user = await users.authenticate(username, password);
    if (!user) throw new UnauthenticatedError("The username or password is not right.");
    const session = signer.issue(user);
    res.setHeader("Set-Cookie", cookie(session.value, session.expires));
    res.json({ username: user.username, admin: user.admin } satisfies Me);
  });

  router.post("/auth/logout", async (req, res) => {
    const session = signer.verify(sessionCookie(req));
    if (session) await users.endSessions(session.username);
    res.setHeader("Set-Cookie", cookie("", new Date(0)));
    res.status(204).end();
  });

  return router;
}

export function meRoute(): Router {
  const router = Router();
  router.get("/auth/me", (req, res) => {
    res.json({ username: req.user!.username, admin: req.user!.admin } satisfies Me);
  });
  return router;
}
