import { z } from "zod";

export const loginSchema = z
  .object({
    username: z.string().min(1, "Enter your username.").max(128),
    password: z.string().min(1, "Enter your password.").max(1024),
  })
  .strict();
export type Login = z.infer<typeof loginSchema>;

export const meSchema = z.object({ username: z.string(), admin: z.boolean() });
export type Me = z.infer<typeof meSchema>;
