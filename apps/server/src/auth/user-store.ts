import { randomBytes } from "node:crypto";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { isNotFound, kube } from "../kube/api-errors.ts";
import { hashPassword, verifyPassword } from "./password-hash.ts";

export const PADDOCK_NAMESPACE = "paddock-system";
export const MANAGED_BY = { "app.kubernetes.io/managed-by": "paddock" };
const USER_SECRET_TYPE = "paddock.io/user";
const SESSION_KEY_SECRET = "paddock-session-key";
/** On the user's Secret: sessions issued before this time (ms since epoch) are over (logout, password change). */
const SESSIONS_VALID_AFTER = "paddock.io/sessions-valid-after";

export interface User {
  username: string;
  admin: boolean;
}

function userSecretName(username: string): string {
  return `paddock-user-${Buffer.from(username).toString("hex")}`;
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
    if (await this.find("admin")) return { created: false };
    const chosen = password || randomBytes(12).toString("base64url");
    await this.create("admin", chosen, true);
    return password ? { created: true } : { created: true, generatedPassword: chosen };
  }

  async create(username: string, password: string, admin: boolean): Promise<void> {
    const passwordHash = await hashPassword(password);
    await kube(this.home.id, () =>
      this.home.core.createNamespacedSecret({
        namespace: PADDOCK_NAMESPACE,
        body: {
          metadata: { name: userSecretName(username), labels: { ...MANAGED_BY, "paddock.io/user": "true" } },
          type: USER_SECRET_TYPE,
          stringData: { username, passwordHash, admin: String(admin) },
        },
      }),
    );
  }

  async find(username: string): Promise<(User & { passwordHash: string }) | undefined> {
    try {
      const secret = await this.home.core.readNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: userSecretName(username) });
      const data = secret.data ?? {};
      const read = (k: string) => Buffer.from(data[k] ?? "", "base64").toString("utf8");
      return { username: read("username"), admin: read("admin") === "true", passwordHash: read("passwordHash") };
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  /** The user, when the password is right; undefined otherwise (same time either way). */
  async authenticate(username: string, password: string): Promise<User | undefined> {
    const user = await this.find(username);
    // Hash even for an unknown user, so that timing does not tell which usernames exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    return user && ok ? { username: user.username, admin: user.admin } : undefined;
  }

  /**
   * Whether a session of `username` issued at `issuedAt` still counts: the user exists and has not
   * logged out since. Read from the cache (every replica watches the same Secret), and from the
   * cluster when the cache has not seen the user yet.
   */
  async sessionAccepted(username: string, issuedAt: number): Promise<boolean> {
    let annotations = this.home.caches.secrets.get(PADDOCK_NAMESPACE, userSecretName(username))?.annotations;
    if (!annotations) {
      try {
        const secret = await this.home.core.readNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: userSecretName(username) });
        annotations = secret.metadata?.annotations ?? {};
      } catch (error) {
        if ((error as { code?: number }).code === 404) return false;
        throw error;
      }
    }
    return issuedAt > Number(annotations[SESSIONS_VALID_AFTER] ?? 0);
  }

  /** Ends every session of the user, on every replica. */
  async endSessions(username: string, now = Date.now()): Promise<void> {
    await kube(this.home.id, () =>
      this.home.core.patchNamespacedSecret({
        namespace: PADDOCK_NAMESPACE,
        name: userSecretName(username),
        body: [{ op: "add", path: `/metadata/annotations`, value: { ...(this.home.caches.secrets.get(PADDOCK_NAMESPACE, userSecretName(username))?.annotations ?? {}), [SESSIONS_VALID_AFTER]: String(now) } }],
      }),
    );
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
}
