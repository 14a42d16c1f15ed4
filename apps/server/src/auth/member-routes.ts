import { Router, type Request } from "express";
import { z } from "zod";
import { clusterIdSchema, memberSetSchema, projectIdSchema, usernameSchema, type Member, type ProjectRole } from "@paddock/contracts";
import type { ServerContext } from "../context.ts";
import { ConflictError, InvalidError, NotFoundError } from "../errors.ts";
import { parse } from "../http/validate.ts";
import { requireProject } from "../projects/project-directory.ts";
import { userStoreOf } from "./home-cluster.ts";
import { changeMembers, memberList, membersOf } from "./project-members.ts";

const projectPath = z.object({ cluster: clusterIdSchema, project: projectIdSchema });
const memberPath = projectPath.extend({ username: usernameSchema });

function keepsAnOwner(members: Map<string, ProjectRole>, displayName: string): void {
  if (![...members.values()].includes("owner")) {
    throw new ConflictError(`Project "${displayName}" needs at least one owner: make another member owner first, or ask a Paddock administrator.`);
  }
}

/**
 * `…/projects/:project/members`: who may do what in a project (kept in the Project's
 * `paddock.io/members` annotation). Owners and administrators change it (the policy checks).
 */
export function memberRoutes(ctx: ServerContext): Router {
  const router = Router();
  const base = "/clusters/:cluster/projects/:project/members";
  const projectOf = (req: Request) => {
    const { cluster, project } = parse(projectPath, { cluster: req.params.cluster, project: req.params.project }, "path");
    const connection = ctx.clusters.get(cluster);
    return { connection, project: requireProject(connection, project) };
  };

  router.get(base, (req, res) => {
    const { project } = projectOf(req);
    res.json({ items: memberList(membersOf(project)) } satisfies { items: Member[] });
  });

  router.post(base, async (req, res) => {
    const { connection, project } = projectOf(req);
    const { username, role } = parse(memberSetSchema, req.body, "body");
    if (!(await userStoreOf(ctx).find(username))) {
      throw new InvalidError(`There is no user "${username}": an administrator creates users first, under Users.`, [{ path: "body.username", message: `There is no user "${username}".` }]);
    }
    let added = false;
    await changeMembers(connection, project.name, (members) => {
      added = !members.has(username);
      members.set(username, role);
      if (!req.user!.admin) keepsAnOwner(members, project.displayName);
    });
    res.status(added ? 201 : 200).json({ username, role } satisfies Member);
  });

  router.delete(`${base}/:username`, async (req, res) => {
    const { username } = parse(memberPath, req.params, "path");
    const { connection, project } = projectOf(req);
    await changeMembers(connection, project.name, (members) => {
      if (!members.delete(username)) throw new NotFoundError(`"${username}" is not a member of project "${project.displayName}".`);
      if (!req.user!.admin) keepsAnOwner(members, project.displayName);
    });
    res.status(204).end();
  });

  return router;
}
