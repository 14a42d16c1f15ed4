import { z } from "zod";
import { namespaceNameSchema, resourceNameSchema } from "./names.ts";

/** The well-known registries of the Add Registry form, and the key each is stored under. */
export const WELL_KNOWN_ADDRESSES = {
  DockerHub: "https://index.docker.io/v1/",
  "Quay.io": "quay.io",
  GitHub: "ghcr.io",
  GitLab: "registry.gitlab.com",
} as const;

export const registryAddressSchema = z
  .string()
  .trim()
  .min(1, "Enter the registry's address: a host name or IP address, with an optional port and path.")
  .max(253, "An address can have at most 253 characters.");

export const registryEntryInputSchema = z
  .object({
    address: registryAddressSchema,
    username: z.string().max(256, "A username can have at most 256 characters."),
    /** empty or absent on edit and clone: keep the stored password for this address */
    password: z.string().max(4096, "A password can have at most 4096 characters.").optional(),
  })
  .strict();
export type RegistryEntryInput = z.infer<typeof registryEntryInputSchema>;

export const registryScopeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("project") }).strict(),
  z
    .object({ type: z.literal("namespace"), namespace: namespaceNameSchema, createNamespace: z.boolean().optional() })
    .strict(),
]);
export type RegistryScope = z.infer<typeof registryScopeSchema>;

/** Where a registry lives, to name it in a clone request. */
export const registryRefSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("project"), name: resourceNameSchema }).strict(),
  z.object({ type: z.literal("namespace"), namespace: namespaceNameSchema, name: resourceNameSchema }).strict(),
]);
export type RegistryRef = z.infer<typeof registryRefSchema>;

const entries = z
  .array(registryEntryInputSchema)
  .min(1, "Add at least one registry address.")
  .max(50, "A registry secret can hold at most 50 addresses.");

export const registryCreateSchema = z
  .object({
    name: resourceNameSchema,
    description: z.string().max(1024, "A description can have at most 1024 characters.").optional(),
    scope: registryScopeSchema,
    registries: entries,
    attachToDefaultServiceAccount: z.boolean().optional(),
    /** clone: passwords left empty are copied, on the server, from this registry's entry for the same address */
    cloneFrom: registryRefSchema.optional(),
  })
  .strict();
export type RegistryCreate = z.infer<typeof registryCreateSchema>;

export const registryUpdateSchema = z
  .object({
    description: z.string().max(1024).optional(),
    registries: entries,
    attachToDefaultServiceAccount: z.boolean().optional(),
    /** optimistic concurrency: the resourceVersion the edit started from */
    resourceVersion: z.string().optional(),
  })
  .strict();
export type RegistryUpdate = z.infer<typeof registryUpdateSchema>;

export const copyStateSchema = z.object({
  namespace: z.string(),
  state: z.enum(["Synced", "Missing", "OutOfDate", "Conflict", "Ignored"]),
  message: z.string().optional(),
});
export type CopyState = z.infer<typeof copyStateSchema>;

export const registrySchema = z.object({
  name: z.string(),
  scope: z.discriminatedUnion("type", [
    z.object({ type: z.literal("project") }),
    z.object({ type: z.literal("namespace"), namespace: z.string() }),
  ]),
  description: z.string(),
  /** addresses and usernames only: passwords never travel back */
  registries: z.array(z.object({ address: z.string(), username: z.string() })),
  secretType: z.enum(["kubernetes.io/dockerconfigjson", "kubernetes.io/dockercfg"]),
  /** who made it: Paddock, Rancher, or something else such as kubectl */
  source: z.enum(["paddock", "rancher", "kubectl"]),
  readOnly: z.boolean(),
  state: z.enum(["Active", "Syncing", "Conflict"]),
  stateMessage: z.string().optional(),
  copies: z.array(copyStateSchema).optional(),
  attachToDefaultServiceAccount: z.boolean(),
  createdAt: z.string(),
  resourceVersion: z.string(),
});
export type Registry = z.infer<typeof registrySchema>;

export const nameConflictSchema = z.object({
  kind: z.enum(["Secret", "ConfigMap"]),
  /** what it is to a user */
  what: z.enum(["registry", "project registry", "certificate", "secret", "ConfigMap"]),
  namespace: z.string(),
  name: z.string(),
  secretType: z.string().optional(),
});
export type NameConflict = z.infer<typeof nameConflictSchema>;

export const nameAvailabilityQuerySchema = z
  .object({
    name: z.string().max(1000),
    scope: z.enum(["project", "namespace"]),
    namespace: z.string().max(253).optional(),
  })
  .strict();
export type NameAvailabilityQuery = z.infer<typeof nameAvailabilityQuerySchema>;

export const nameAvailabilitySchema = z.object({
  name: z.string(),
  available: z.boolean(),
  /** why the name cannot be used at all (format), when it cannot */
  invalid: z.string().optional(),
  conflicts: z.array(nameConflictSchema),
  message: z.string().optional(),
});
export type NameAvailability = z.infer<typeof nameAvailabilitySchema>;

export const credentialTestSchema = z
  .object({
    address: registryAddressSchema,
    username: z.string().max(256).optional(),
    password: z.string().max(4096).optional(),
  })
  .strict();
export type CredentialTest = z.infer<typeof credentialTestSchema>;

export const storedCredentialTestSchema = z.object({ address: registryAddressSchema.optional() }).strict();

export const credentialTestResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  status: z.number().int().optional(),
  result: z.enum(["accepted", "anonymous", "unauthorized", "not-registry", "tls", "unreachable", "timeout", "error"]),
  address: z.string(),
});
export type CredentialTestResult = z.infer<typeof credentialTestResultSchema>;

export const bulkDeleteSchema = z
  .object({ items: z.array(registryRefSchema).min(1, "Select at least one registry.").max(500) })
  .strict();
export type BulkDelete = z.infer<typeof bulkDeleteSchema>;

/** What a create or an edit answers: the registry as read back, and what the server changed in the input. */
export const registrySavedSchema = registrySchema.extend({
  /** e.g. `https://quay.io: Removed "https://".`: addresses the server cleaned up before storing them */
  notes: z.array(z.string()),
});
export type RegistrySaved = z.infer<typeof registrySavedSchema>;

/** The answer of a bulk delete: one line per requested registry, in the order asked. */
export const bulkDeleteResultSchema = z.object({
  items: z.array(
    z.object({
      ref: registryRefSchema,
      deleted: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
export type BulkDeleteResult = z.infer<typeof bulkDeleteResultSchema>;
