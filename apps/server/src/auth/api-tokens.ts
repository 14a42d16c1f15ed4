import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { V1Secret } from "@kubernetes/client-node";
import { API_TOKEN_DEFAULT_DAYS, type ApiToken } from "@paddock/contracts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { kube } from "../kube/api-errors.ts";
import { ConflictError } from "../errors.ts";
import { MANAGED_BY, PADDOCK_NAMESPACE } from "./user-store.ts";

const TOKEN_SECRET_TYPE = "paddock.io/api-token";
const TOKEN_LABEL = "paddock.io/api-token";
const USERNAME = "paddock.io/username";
const NAME = "paddock.io/token-name";
const EXPIRES_AT = "paddock.io/expires-at";
// A token is 256 random bits: its SHA-256 cannot be turned back into it, so (unlike a password)
// it needs no slow hash, and it may sit in an annotation, which the Secret cache keeps: checking a
// token on each request reads memory.
const SHA256 = "paddock.io/token-sha256";
const MAX_TOKENS_PER_USER = 50;
const DAY_MS = 24 * 3600 * 1000;

/** `paddock_<id>_<secret>`: the prefix lets secret scanners find leaked tokens; the id finds the stored hash. */
const TOKEN_FORMAT = /^paddock_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function tokenSecretName(id: string): string {
  return `paddock-token-${id}`;
}

function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function newId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(12)].map((b) => alphabet[b % 36]).join("");
}

interface TokenFacts {
  name: string;
  annotations: Record<string, string>;
  creationTimestamp: unknown;
}

function tokenOf(facts: TokenFacts, now: number): ApiToken {
  const created = facts.creationTimestamp;
  const expiresAt = facts.annotations[EXPIRES_AT] ?? "";
  return {
    id: facts.name.replace(/^paddock-token-/, ""),
    name: facts.annotations[NAME] ?? "",
    username: facts.annotations[USERNAME] ?? "",
    createdAt: created instanceof Date ? created.toISOString() : String(created ?? ""),
    expiresAt,
    expired: !(Date.parse(expiresAt) > now),
  };
}

function fromSecret(secret: V1Secret, now: number): ApiToken {
  const m = secret.metadata ?? {};
  return tokenOf({ name: m.name ?? "", annotations: m.annotations ?? {}, creationTimestamp: m.creationTimestamp }, now);
}

export type TokenVerdict = { ok: true; token: ApiToken } | { ok: false; message: string };

/**
 * API tokens for automation: a Secret per token in paddock-system of the home cluster (so every
 * replica sees them), holding the token's SHA-256, its user, name and expiry; never the token.
 */
export class TokenStore {
  constructor(private readonly home: ClusterConnection) {}

  async create(username: string, name: string, expiresInDays = API_TOKEN_DEFAULT_DAYS, now = Date.now()): Promise<ApiToken & { token: string }> {
    if ((await this.list(username)).length >= MAX_TOKENS_PER_USER) {
      throw new ConflictError(`You have ${MAX_TOKENS_PER_USER} API tokens, the most a user can have: revoke one you no longer use first.`);
    }
    const id = newId();
    const token = `paddock_${id}_${randomBytes(32).toString("base64url")}`;
    const created = await kube(this.home.id, () =>
      this.home.core.createNamespacedSecret({
        namespace: PADDOCK_NAMESPACE,
        body: {
          metadata: {
            name: tokenSecretName(id),
            labels: { ...MANAGED_BY, [TOKEN_LABEL]: "true" },
            annotations: { [USERNAME]: username, [NAME]: name, [EXPIRES_AT]: new Date(now + expiresInDays * DAY_MS).toISOString(), [SHA256]: sha256(token) },
          },
          type: TOKEN_SECRET_TYPE,
        },
      }),
    );
    return { ...fromSecret(created, now), token };
  }

  /** The tokens of a user (all tokens without one), newest first; read from the cluster, so a token just made is listed. */
  async list(username?: string, now = Date.now()): Promise<ApiToken[]> {
    const secrets = await kube(this.home.id, () => this.home.core.listNamespacedSecret({ namespace: PADDOCK_NAMESPACE, labelSelector: `${TOKEN_LABEL}=true` }));
    return secrets.items
      .filter((s) => s.type === TOKEN_SECRET_TYPE)
      .map((s) => fromSecret(s, now))
      .filter((t) => username === undefined || t.username === username)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  }

  async find(id: string, now = Date.now()): Promise<ApiToken | undefined> {
    if (!/^[a-z0-9]{12}$/.test(id)) return undefined;
    try {
      return fromSecret(await this.home.core.readNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: tokenSecretName(id) }), now);
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  async revoke(id: string): Promise<void> {
    await kube(this.home.id, () => this.home.core.deleteNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name: tokenSecretName(id) }));
  }

  /** Revokes every token of a user (when the user is deleted). */
  async revokeAll(username: string): Promise<void> {
    for (const token of await this.list(username)) await this.revoke(token.id).catch(() => undefined);
  }

  /** Whether a presented token is one of ours, not expired; the message says why not. */
  async verify(presented: string, now = Date.now()): Promise<TokenVerdict> {
    const unknown = { ok: false, message: "The API token is not valid: it was revoked, or mistyped. Create a new one under API tokens." } as const;
    const parts = TOKEN_FORMAT.exec(presented);
    if (!parts) return unknown;
    const name = tokenSecretName(parts[1]!);
    let facts: TokenFacts | undefined = this.home.caches.secrets.get(PADDOCK_NAMESPACE, name);
    if (!facts) {
      // Made a moment ago, perhaps by another replica: the cache may not have it yet.
      try {
        const secret = await this.home.core.readNamespacedSecret({ namespace: PADDOCK_NAMESPACE, name });
        facts = { name, annotations: secret.metadata?.annotations ?? {}, creationTimestamp: secret.metadata?.creationTimestamp };
      } catch (error) {
        if ((error as { code?: number }).code === 404) return unknown;
        throw error;
      }
    }
    const expected = Buffer.from(facts.annotations[SHA256] ?? "", "hex");
    const given = Buffer.from(sha256(presented), "hex");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return unknown;
    const token = tokenOf(facts, now);
    if (token.expired) return { ok: false, message: `The API token "${token.name}" expired on ${token.expiresAt.slice(0, 10)}: create a new one under API tokens.` };
    return { ok: true, token };
  }
}
