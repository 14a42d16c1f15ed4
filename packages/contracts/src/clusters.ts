import { z } from "zod";
import { namespaceNameSchema, projectIdSchema } from "./names.ts";

export const clusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  embedded: z.boolean(),
  server: z.string(),
  state: z.enum(["Active", "Unavailable"]),
  message: z.string().optional(),
  version: z.string().optional(),
  projectCount: z.number().int().optional(),
});
export type Cluster = z.infer<typeof clusterSchema>;

/**
 * A Rancher project (management.cattle.io/v3 Project in the cluster-id namespace). Deleting one is
 * refused while namespaces belong to it; deleting it also deletes its backing namespace, and with
 * it every project registry (the sources of their copies) of the project.
 */
export const projectSchema = z.object({
  /** the Project's metadata.name, e.g. "p-ab12c" */
  id: z.string(),
  clusterId: z.string(),
  displayName: z.string(),
  description: z.string(),
  /** the namespaces that belong to it (field.cattle.io/projectId) */
  namespaces: z.array(z.string()),
  /** `<clusterId>-<id>`: holds the project registries; never a member namespace */
  backingNamespace: z.string(),
  createdAt: z.string().optional(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectCreateSchema = z
  .object({
    displayName: z.string().trim().min(1, "Enter a project name.").max(63, "A project name can have at most 63 characters."),
    description: z.string().max(1000).optional(),
  })
  .strict();
export type ProjectCreate = z.infer<typeof projectCreateSchema>;

export const projectUpdateSchema = projectCreateSchema.partial().strict();
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;

export const namespaceSchema = z.object({
  name: z.string(),
  projectId: z.string().nullable(),
  status: z.enum(["Active", "Terminating"]),
  createdAt: z.string().optional(),
  /** kept by Paddock or Rancher (the cluster-id namespace, paddock-system, a project's backing namespace): never in a project */
  reserved: z.boolean().optional(),
});
export type Namespace = z.infer<typeof namespaceSchema>;

export const namespaceCreateSchema = z.object({ name: namespaceNameSchema, projectId: projectIdSchema.optional() }).strict();
export type NamespaceCreate = z.infer<typeof namespaceCreateSchema>;

export const namespaceMoveSchema = z.object({ projectId: projectIdSchema.nullable() }).strict();
export type NamespaceMove = z.infer<typeof namespaceMoveSchema>;
