import type { Logger } from "pino";
import type { UserAccount, UserCreate, UserUpdate } from "@paddock/contracts";
import type { ClusterRegistry } from "../kube/cluster-registry.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.ts";
import { toDomainError } from "../kube/api-errors.ts";
import type { TokenStore } from "./api-tokens.ts";
import { changeMembers, membersOf } from "./project-members.ts";
import type { StoredUser, UserStore } from "./user-store.ts";

function account(user: StoredUser): UserAccount {
  return { username: user.username, admin: user.admin, disabled: user.disabled, ...(user.createdAt ? { createdAt: user.createdAt } : {}) };
}

/** What an administrator does to users: create, change (password, role, disabled) and delete them. */
export class UserService {
  constructor(
    private readonly users: UserStore,
    private readonly tokens: TokenStore,
    private readonly clusters: ClusterRegistry,
    private readonly log: Logger,
  ) {}

  async list(): Promise<UserAccount[]> {
    return (await this.users.list()).map(account);
  }

  async create(input: UserCreate): Promise<UserAccount> {
    try {
      return account(await this.users.create(input.username, input.password, input.admin ?? false));
    } catch (error) {
      if ((error as { code?: number }).code === 409) throw new ConflictError(`A user named "${input.username}" already exists: choose another username.`);
      throw toDomainError(error, "local");
    }
  }

  async update(actor: string, username: string, input: UserUpdate): Promise<UserAccount> {
    const user = await this.#require(username);
    if (username === actor && input.admin === false) throw new ForbiddenError("You cannot take away your own administrator role: ask another administrator.");
    if (username === actor && input.disabled === true) throw new ForbiddenError("You cannot disable your own account: ask another administrator.");
    if (input.admin !== undefined || input.disabled !== undefined) {
      await this.users.setFlags(username, { ...(input.admin !== undefined ? { admin: input.admin } : {}), ...(input.disabled !== undefined ? { disabled: input.disabled } : {}) });
    }
    if (input.password !== undefined) await this.users.setPassword(username, input.password);
    return account({ ...user, ...(input.admin !== undefined ? { admin: input.admin } : {}), ...(input.disabled !== undefined ? { disabled: input.disabled } : {}) });
  }

  /** Deletes the user, their API tokens and their project memberships (so that a later user of the same name starts with none). */
  async delete(actor: string, username: string): Promise<void> {
    if (username === actor) throw new ForbiddenError("You cannot delete your own account: ask another administrator.");
    await this.#require(username);
    await this.users.delete(username);
    await this.tokens.revokeAll(username);
    for (const cluster of this.clusters.list()) {
      if (cluster.state !== "Active" || !cluster.projectsSupported) continue;
      for (const project of cluster.caches.projects.items()) {
        if (project.namespace !== cluster.id || !membersOf(project).has(username)) continue;
        await changeMembers(cluster, project.name, (members) => void members.delete(username)).catch((error: unknown) =>
          this.log.warn({ err: error, cluster: cluster.id, project: project.name }, "could not remove a deleted user from a project"),
        );
      }
    }
  }

  async #require(username: string): Promise<StoredUser> {
    const user = await this.users.find(username);
    if (!user) throw new NotFoundError(`There is no user "${username}".`);
    return user;
  }
}
