import { z } from "zod";
import { membershipSchema } from "./users.ts";

export const loginSchema = z
  .object({
    username: z.string().min(1, "Enter your username.").max(128),
    password: z.string().min(1, "Enter your password.").max(1024),
  })
  .strict();
export type Login = z.infer<typeof loginSchema>;

/** Who is logged in; `memberships` (on GET /api/auth/me) lists the projects and roles, for the UI to hide what the user may not do. */
export const meSchema = z.object({ username: z.string(), admin: z.boolean(), memberships: z.array(membershipSchema).optional() });
export type Me = z.infer<typeof meSchema>;
