import { z } from "zod";

/**
 * Users, project members, API tokens and the audit trail (issue 6). Rancher's model: a global
 * `admin`, and per project `owner` (manages members, and everything a member does), `member`
 * (creates, edits and deletes registries, secrets, certificates, ConfigMaps, namespaces and
 * workloads) and `read-only` (sees, changes nothing).
 */

export const PASSWORD_MIN_LENGTH = 12;

/** A username: what people type at login; lowercase so that "Bob" and "bob" are never two users. */
export const usernameSchema = z
  .string()
  .min(1, "Enter a username.")
  .max(64, "A username can have at most 64 characters.")
  .regex(
    /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/,
    "Use lowercase letters, digits, '-', '_' and '.'; start and end with a letter or digit (e.g. 'jane.doe').",
  );

/** The password policy: at least 12 characters (a passphrase is best). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `A password needs at least ${PASSWORD_MIN_LENGTH} characters: a few words make a good one.`)
  .max(1024, "A password can have at most 1024 characters.");

export const userSchema = z.object({
  username: z.string(),
  admin: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string().optional(),
});
export type UserAccount = z.infer<typeof userSchema>;

export const userCreateSchema = z
  .object({ username: usernameSchema, password: newPasswordSchema, admin: z.boolean().optional() })
  .strict();
export type UserCreate = z.infer<typeof userCreateSchema>;

/** An administrator's change to a user: a new password (ends the user's sessions), the admin role, or disabling. */
export const userUpdateSchema = z
  .object({ password: newPasswordSchema.optional(), admin: z.boolean().optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((u) => u.password !== undefined || u.admin !== undefined || u.disabled !== undefined, {
    message: "Change at least one of password, admin and disabled.",
  });
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** Each user changes their own password; every other session of theirs ends. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: newPasswordSchema,
  })
  .strict();
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const projectRoleSchema = z.enum(["owner", "member", "read-only"]);
export type ProjectRole = z.infer<typeof projectRoleSchema>;

export const memberSchema = z.object({ username: z.string(), role: projectRoleSchema });
export type Member = z.infer<typeof memberSchema>;

/** Adds a member, or changes the role of one. */
export const memberSetSchema = z.object({ username: usernameSchema, role: projectRoleSchema }).strict();
export type MemberSet = z.infer<typeof memberSetSchema>;

/** One project the user is a member of, for the UI to show and hide what the role allows. */
export const membershipSchema = z.object({ cluster: z.string(), project: z.string(), role: projectRoleSchema });
export type Membership = z.infer<typeof membershipSchema>;

export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

export const apiTokenCreateSchema = z
  .object({
    name: z.string().trim().min(1, "Name the token after what uses it (e.g. 'ci').").max(64, "A token name can have at most 64 characters."),
    expiresInDays: z
      .number()
      .int("Give a whole number of days.")
      .min(1, "A token lives at least 1 day.")
      .max(API_TOKEN_MAX_DAYS, `A token lives at most ${API_TOKEN_MAX_DAYS} days: create a new one when it expires.`)
      .optional(),
  })
  .strict();
export type ApiTokenCreate = z.infer<typeof apiTokenCreateSchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** The answer to a create: the only time the token itself is shown. */
export const apiTokenCreatedSchema = apiTokenSchema.extend({ token: z.string() });
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>;

/** One change made through Paddock (or refused), from the Kubernetes Events Paddock records. */
export const auditEntrySchema = z.object({
  time: z.string(),
  user: z.string(),
  /** create, update, delete; or denied when the change was refused (403) */
  action: z.enum(["create", "update", "delete", "denied"]),
  reason: z.string(),
  type: z.enum(["Normal", "Warning"]),
  message: z.string(),
  /** the object: kind, namespace ("" for namespaces and projects' own objects), name */
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** the HTTP status Paddock answered */
  status: z.number().int(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
