import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  auditEntrySchema,
  memberSchema,
  memberSetSchema,
  passwordChangeSchema,
  userCreateSchema,
  userSchema,
  userUpdateSchema,
} from "@paddock/contracts";
import type { ApiRoute } from "../openapi/api-routes.ts";

const PROJECT = "/clusters/:cluster/projects/:project";
const noContent = { status: 204 as const, description: "Done: no content." };

/**
 * The OpenAPI entries of issue 6's routes (users, members, tokens, audit, password), to spread
 * into openapi/api-routes.ts `apiRoutes`. Their path parameters `:username` and `:id` need
 * entries in openapi-document.ts PATH_PARAMETERS (usernameSchema; a token id, 12 [a-z0-9]).
 */
export const securityApiRoutes: ApiRoute[] = [
  {
    method: "put",
    path: "/auth/password",
    operationId: "changePassword",
    tag: "Login",
    summary: "Change your own password (at least 12 characters): every other session of yours ends, this one gets a fresh cookie.",
    description: "Refused with an API token (Forbidden): log in to change a password. Wrong current passwords are rate-limited per user (TooManyRequests).",
    body: passwordChangeSchema,
    response: noContent,
    errors: ["TooManyRequests"],
  },
  { method: "get", path: "/users", operationId: "listUsers", tag: "Users", summary: "List the users (administrators only).", response: { status: 200, list: userSchema } },
  {
    method: "post",
    path: "/users",
    operationId: "createUser",
    tag: "Users",
    summary: "Create a user (administrators only); the password needs at least 12 characters.",
    body: userCreateSchema,
    response: { status: 201, schema: userSchema },
    errors: ["Conflict"],
  },
  {
    method: "put",
    path: "/users/:username",
    operationId: "updateUser",
    tag: "Users",
    summary: "Reset a user's password, grant or take the admin role, disable or enable the user (administrators only).",
    description: "A new password or disabling ends every session of the user. Administrators cannot take their own admin role or disable themselves (Forbidden).",
    body: userUpdateSchema,
    response: { status: 200, schema: userSchema },
  },
  {
    method: "delete",
    path: "/users/:username",
    operationId: "deleteUser",
    tag: "Users",
    summary: "Delete a user with their API tokens and project memberships (administrators only; not yourself).",
    response: noContent,
  },
  { method: "get", path: `${PROJECT}/members`, operationId: "listMembers", tag: "Members", summary: "List the project's members and their roles.", response: { status: 200, list: memberSchema } },
  {
    method: "post",
    path: `${PROJECT}/members`,
    operationId: "setMember",
    tag: "Members",
    summary: "Add a member or change a member's role: owner, member or read-only (owners and administrators).",
    description: "Answers 201 for a new member, 200 for a changed role. An owner cannot leave the project without an owner (Conflict).",
    body: memberSetSchema,
    response: { status: 201, schema: memberSchema },
    errors: ["Conflict"],
  },
  {
    method: "delete",
    path: `${PROJECT}/members/:username`,
    operationId: "removeMember",
    tag: "Members",
    summary: "Remove a member from the project (owners and administrators).",
    response: noContent,
    errors: ["Conflict"],
  },
  {
    method: "get",
    path: `${PROJECT}/audit`,
    operationId: "listAudit",
    tag: "Members",
    summary: "The project's changes made (or refused) through Paddock, newest first, from the Events Paddock records.",
    response: { status: 200, list: auditEntrySchema },
  },
  { method: "get", path: "/tokens", operationId: "listTokens", tag: "API tokens", summary: "List your API tokens (never the tokens themselves).", response: { status: 200, list: apiTokenSchema } },
  {
    method: "post",
    path: "/tokens",
    operationId: "createToken",
    tag: "API tokens",
    summary: "Create an API token, used as `Authorization: Bearer <token>`; the answer is the only time the token is shown.",
    description: "Expires after expiresInDays (default 90, at most 365). Refused with an API token (Forbidden): log in to create one.",
    body: apiTokenCreateSchema,
    response: { status: 201, schema: apiTokenCreatedSchema },
    errors: ["Conflict"],
  },
  { method: "delete", path: "/tokens/:id", operationId: "revokeToken", tag: "API tokens", summary: "Revoke an API token of yours (administrators: anyone's).", response: noContent },
];
