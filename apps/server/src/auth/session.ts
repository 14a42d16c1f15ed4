import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { User } from "./user-store.ts";

export const SESSION_COOKIE = "paddock_session";
export const SESSION_TTL_MS = 12 * 3600 * 1000;

interface SessionPayload {
  u: string;
  a: boolean;
  /** expiry, ms since epoch */
  e: number;
  /** issued at, ms since epoch: a logout ends every session issued before it */
  t: number;
  /** random id, so that two logins never share a cookie */
  i: string;
}

/** Stateless sessions: the cookie is the user and an expiry, signed with the cluster-held key. */
export class SessionSigner {
  constructor(private readonly key: Buffer) {}

  issue(user: User, now = Date.now()): { value: string; expires: Date } {
    const payload: SessionPayload = { u: user.username, a: user.admin, e: now + SESSION_TTL_MS, t: now, i: randomBytes(9).toString("base64url") };
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return { value: `${body}.${this.#sign(body)}`, expires: new Date(payload.e) };
  }

  verify(cookie: string | undefined, now = Date.now()): (User & { issuedAt: number }) | undefined {
    if (!cookie) return undefined;
    const [body, signature] = cookie.split(".");
    if (!body || !signature) return undefined;
    const expected = Buffer.from(this.#sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SessionPayload;
      if (typeof payload.u !== "string" || typeof payload.e !== "number" || typeof payload.t !== "number" || payload.e < now) return undefined;
      return { username: payload.u, admin: payload.a === true, issuedAt: payload.t };
    } catch {
      return undefined;
    }
  }

  #sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}
