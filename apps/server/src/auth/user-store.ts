import { randomBytes } from "node:crypto";
import { PatchStrategy, setHeaderOptions, type V1Secret } from "@kubernetes/client-node";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { isNotFound, kube } from "../kube/api-errors.ts";
import { hashPassword, verifyPassword } from "./password-hash.ts";
import { ConflictError, UnauthenticatedError } from "../errors.ts";

export const PADDOCK_NAMESPACE = "paddock-system";
export const MANAGED_BY = { "app.kubernetes.io/managed-by": "paddock" };
const USER_SECRET_TYPE = "paddock.io/user";
const USER_LABEL = "paddock.io/user";
const SESSION_KEY_SECRET = "paddock-session-key";
/** On the user's Secret: sessions issued before this time (ms since epoch) are over (logout, password change). */
const SESSIONS_VALID_AFTER = "paddock.io/sessions-valid-after";
// What every replica must see at each request is kept in annotations, which the Secret cache keeps
// (it drops data): the role and whether the account is disabled. The password hash stays in data.
const USERNAME_ANNOTATION = "paddock.io/username";
const ADMIN_ANNOTATION = "paddock.io/admin";
const DISABLED_ANNOTATION = "paddock.io/disabled";

const mergePatch = () => setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

export interface User {
  username: string;
  admin: boolean;
}

export interface StoredUser extends User {
  disabled: boolean;
  createdAt: string;
}

/** Why a session or token of a user no longer counts. */
export type SessionVerdict = { ok: true; user: User } | { ok: false; reason: "ended" | "disabled" | "unknown" };

export function userSecretName(username: string): string {
  return `paddock-user-${Buffer.from(username).toString("hex")}`;
}

function decode(data: Record<string, string> | undefined, key: string): string {
  return Buffer.from(data?.[key] ?? "", "base64").toString("utf8");
}

function storedUser(secret: V1Secret): StoredUser {
  const annotations = secret.metadata?.annotations ?? {};
  const created = secret.metadata?.creationTimestamp as unknown;
  return {
    username: annotations[USERNAME_ANNOTATION] ?? decode(secret.data, "username"),
    admin: (annotations[ADMIN_ANNOTATION] ?? decode(secret.data, "admin")) === "true",
    disabled: annotations[DISABLED_ANNOTATION] === "true",
    createdAt: created instanceof Date ? created.toISOString() : String(created ?? ""),
  };
}

/**
 * Users and the session signing key live in the home cluster as Secrets, so that every replica
 * of the BFF sees the same ones. Passwords are stored as scrypt hashes only.
 */
export class UserStore {
  constructor(private readonly home: ClusterConnection) {}

  async ensureNamespace(): Promise<void> {
    try {
      await this.home.core.readNamespace({ name: PADDOCK_NAMESPACE });
    } catch (error) {
      if (!isNotFound(error) && !(error as { code?: number }).code) throw error;
      await kube(this.home.id, () => this.home.core.createNamespace({ body: { metadata: { name: PADDOCK_NAMESPACE, labels: MANAGED_BY } } })).catch((e: unknown) => {
        if (!/already exists/i.test(String((e as Error).message))) throw e;
      });
    }
  }

  /** Creates `admin` on first start; returns the password when it made one up (to print once). */
  async bootstrapAdmin(password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
    await this.ensureNamespace();
    const existing = await this.#read("admin");
    if (existing) {
      // A user Secret written before the role moved to annotations: copy it there once.
      if (existing.metadata?.annotations?.[ADMIN_ANNOTATION] === undefined) {
        const user = storedUser(existing);
        await this.#patch("admin", { metadata: { annotations: { [USERNAME_ANNOTATION]: "admin", [ADMIN_ANNOTATION]: String(user.admin) } } });
      }
      return { created: false };
    }
    const chosen = password || randomBytes(12).toString("base64url");
    try {
      await this.create("admin", chosen, true);
    } catch (error) {
      // Another replica starting at the same moment made it first: theirs stands.
      if (error instanceof ConflictError) return { created: false };
      throw error;
    }
    return password ? { created: true } : { created: true, generatedPassword: chosen };
  }

  /** Creates the user; an existing username answers the cluster's 409 (ApiException code 409). */
  async create(username: string, password: string, admin: boolean): Promise<StoredUser> {
    const passwordHash = await hashPassword(password);
    const created = await this.home.core.createNamespacedSecret({
      namespace: PADDOCK_NAMESPACE,
      body: {
        metadata: {
          name: userSecretName(username),
          labels: { ...MANAGED_BY, [USER_LABEL]: "true" },
          // A session of an earlier user of the same name (deleted since) must not count for this one.
          annotations: { [USERNAME_ANNOTATION]: username, [ADMIN_ANNOTATION]: String(admin), [SESSIONS_VALID_AFTER]: String(Date.now() - 1) },
        },
        type: USER_SECRET_TYPE,
        stringData: { username, passwordHash, admin: String(admin) },
      },
    });
    return storedUser(created);
  }

  async find(username: string): Promise<(StoredUser & { passwordHash: string }) | undefined> {
    const secret = await this.#read(username);
    if (!secret) return undefined;
    return { ...storedUser(secret), passwordHash: decode(secret.data, "passwordHash") };
  }

  /** Every user, read from the cluster (not the cache): an admin's list shows a user just created. */
  async list(): Promise<StoredUser[]> {
    const secrets = await kube(this.home.id, () => this.home.core.listNamespacedSecret({ namespace: PADDOCK_NAMESPACE, labelSelector: `${USER_LABEL}=true` }));
    return secrets.items
      .filter((s) => s.type === USER_SECRET_TYPE)
      .map(storedUser)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  /**
   * The user, when the password is right; undefined otherwise (same time either way). A disabled
   * user with the right password is told so.
   */
  async authenticate(username: string, password: string): Promise<User | undefined> {
    return (await this.check(username, password)).user;
  }

  /** As `authenticate`, and whether the username is a user's at all (for the audit line of a failed login). */
  async check(username: string, password: string): Promise<{ user: User | undefined; known: boolean }> {
    const user = await this.find(username);
    // Hash even for an unknown user, so that timing does not tell which usernames exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    if (!user || !ok) return { user: undefined, known: user !== undefined };
    if (user.disabled) throw new UnauthenticatedError("This account is disabled: ask a Paddock administrator to enable it.");
    return { user: { username: user.username, admin: user.admin }, known: true };
  }

  /**
   * Whether a session of `username` issued at `issuedAt` still counts, and the user's role now:
   * the user exists, is enabled and has not logged out since. Read from the cache (every replica
   * watches the same Secret), and from the cluster when the cache has not seen the user yet.
   */
  async sessionUser(username: string, issuedAt: number): Promise<SessionVerdict> {
    const annotations = await this.#annotations(username);
    if (!annotations) return { ok: false, reason: "unknown" };
    if (annotations[DISABLED_ANNOTATION] === "true") return { ok: false, reason: "disabled" };
    if (!(issuedAt > Number(annotations[SESSIONS_VALID_AFTER] ?? 0))) return { ok: false, reason: "ended" };
    return { ok: true, user: { username, admin: annotations[ADMIN_ANNOTATION] === "true" } };
  }

  /** Ends every session of the user, on every replica; answers the time sessions are valid after. */
  async endSessions(username: string, now = Date.now()): Promise<number> {
    await this.#patch(username, { metadata: { annotations: { [SESSIONS_VALID_AFTER]: String(now) } } });
    return now;
  }

  /** Sets a new password and ends every session of the user. */
  async setPassword(username: string, password: string, now = Date.now()): Promise<number> {
    const passwordHash = await hashPassword(password);
    await this.#patch(username, { metadata: { annotations: { [SESSIONS_VALID_AFTER]: String(now) } }, stringData: { passwordHash } });
    return now;
  }

  /** Changes the role or the disabled flag; disabling ends the user's sessions. */
  async setFlags(username: string, flags: { admin?: boolean; disabled?: boolean }, now = Date.now()): Promise<void> {
    const annotations: Record<string, string | null> = {};
    const stringData: Record<string, string> = {};
    if (flags.admin !== undefined) {
      annotations[ADMIN_ANNOTATION] = String(flags.admin);
      stringData.admin = String(flags.admin);
    }
    if (flags.disabled !== undefined) annotations[DISABLED_ANNOTATION] = flags.disabled ? "true" : null;
    if (flags.disabled === true) annotations[SESSIONS_VALID_AFTER] = String(now);
    await this.#patch(username, { metadata: { annotations }, ...(Object.keys(stringData).length > 0 ? { stringData } : {}) });
  }

  async delete(username: string): Promise<void> {
    await kube(this.home.id, () => this.home.core.deleteNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: userSecretName(username) }));
  }

  /** The key that signs session cookies, shared by all replicas through the cluster. */
  async sessionKey(): Promise<Buffer> {
    await this.ensureNamespace();
    try {
      const secret = await this.home.core.readNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: SESSION_KEY_SECRET });
      return Buffer.from(secret.data?.key ?? "", "base64");
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
    }
    const key = randomBytes(32);
    try {
      await this.home.core.createNamespacedSecret({
        namespace: PADDOCK_NAMESPACE,
        body: { metadata: { name: SESSION_KEY_SECRET, labels: MANAGED_BY }, type: "Opaque", data: { key: key.toString("base64") } },
      });
      return key;
    } catch (error) {
      // Another replica made it first: use theirs.
      if ((error as { code?: number }).code !== 409) throw error;
      const secret = await this.home.core.readNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: SESSION_KEY_SECRET });
      return Buffer.from(secret.data?.key ?? "", "base64");
    }
  }

  async #annotations(username: string): Promise<Record<string, string> | undefined> {
    const cached = this.home.caches.secrets.get(PADDOCK_NAMESPACE, userSecretName(username));
    if (cached) return cached.annotations;
    const secret = await this.#read(username);
    return secret ? (secret.metadata?.annotations ?? {}) : undefined;
  }

  async #read(username: string): Promise<V1Secret | undefined> {
    try {
      return await this.home.core.readNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: userSecretName(username) });
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  async #patch(username: string, body: object): Promise<void> {
    await kube(this.home.id, () => this.home.core.patchNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: userSecretName(username), body }, mergePatch()));
  }
}
