import { z } from "zod";
import { namespaceNameSchema, resourceNameSchema } from "./names.ts";

const keySchema = z
  .string()
  .min(1, "Enter a key.")
  .max(253)
  .regex(/^[-._a-zA-Z0-9]+$/, "A key can hold letters, digits, '-', '_' and '.' (e.g. 'config.yaml').")
  .refine((k) => k !== "." && k !== ".." && !k.startsWith(".."), "A key cannot be '.' or '..' or start with '..'.");

const keyValues = z.record(keySchema, z.string().max(1024 * 1024));

export const secretCreateSchema = z
  .object({ name: resourceNameSchema, namespace: namespaceNameSchema, description: z.string().max(1024).optional(), data: keyValues })
  .strict();
export type SecretCreate = z.infer<typeof secretCreateSchema>;

export const secretSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  type: z.string(),
  description: z.string(),
  /** the keys only: values are secret */
  keys: z.array(z.string()),
  createdAt: z.string(),
});
export type Secret = z.infer<typeof secretSchema>;

export const certificateCreateSchema = z
  .object({
    name: resourceNameSchema,
    namespace: namespaceNameSchema,
    description: z.string().max(1024).optional(),
    certificate: z.string().min(1, "Paste the certificate (PEM).").max(256 * 1024),
    privateKey: z.string().min(1, "Paste the private key (PEM).").max(64 * 1024),
  })
  .strict();
export type CertificateCreate = z.infer<typeof certificateCreateSchema>;

export const certificateSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  description: z.string(),
  subject: z.string(),
  issuer: z.string(),
  dnsNames: z.array(z.string()),
  notBefore: z.string(),
  notAfter: z.string(),
  expired: z.boolean(),
  createdAt: z.string(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const configMapCreateSchema = z
  .object({ name: resourceNameSchema, namespace: namespaceNameSchema, description: z.string().max(1024).optional(), data: keyValues })
  .strict();
export type ConfigMapCreate = z.infer<typeof configMapCreateSchema>;

export const configMapSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  description: z.string(),
  data: z.record(z.string(), z.string()),
  createdAt: z.string(),
});
export type ConfigMap = z.infer<typeof configMapSchema>;
