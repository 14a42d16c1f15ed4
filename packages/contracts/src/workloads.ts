import { z } from "zod";
import { containerNameSchema, namespaceNameSchema, resourceNameSchema } from "./names.ts";

const imageSchema = z.string().trim().min(1, "Enter an image, e.g. 'quay.io/team/app:1.0'.").max(1024);

export const containerInputSchema = z
  .object({
    name: containerNameSchema,
    image: imageSchema,
    ports: z
      .array(
        z
          .object({
            containerPort: z.number().int().min(1, "A port is between 1 and 65535.").max(65535, "A port is between 1 and 65535."),
            protocol: z.enum(["TCP", "UDP", "SCTP"]).optional(),
            name: z.string().max(15).optional(),
          })
          .strict(),
      )
      .max(100)
      .optional(),
    env: z
      .array(z.object({ name: z.string().min(1).max(253).regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, "An environment variable name holds letters, digits, '_', '-' and '.', and does not start with a digit."), value: z.string().max(65536) }).strict())
      .max(500)
      .optional(),
    command: z.array(z.string().max(4096)).max(100).optional(),
  })
  .strict();
export type ContainerInput = z.infer<typeof containerInputSchema>;

export const deployCreateSchema = z
  .object({
    name: z.string().min(1).max(63).pipe(resourceNameSchema),
    namespace: namespaceNameSchema,
    replicas: z.number().int().min(0).max(1000).optional(),
    containers: z.array(containerInputSchema).min(1, "Add at least one container.").max(20),
    /** pull secrets the user chose; the server adds the matching registries to them */
    imagePullSecrets: z.array(resourceNameSchema).max(50).optional(),
  })
  .strict();
export type DeployCreate = z.infer<typeof deployCreateSchema>;

export const deployUpdateSchema = deployCreateSchema.omit({ name: true, namespace: true }).strict();
export type DeployUpdate = z.infer<typeof deployUpdateSchema>;

export const scaleSchema = z.object({ replicas: z.number().int().min(0).max(1000) }).strict();

export const workloadSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  containers: z.array(z.object({ name: z.string(), image: z.string() })),
  replicas: z.number(),
  readyReplicas: z.number(),
  availableReplicas: z.number(),
  updatedReplicas: z.number(),
  state: z.enum(["Active", "Updating", "Unavailable", "Scaled to zero"]),
  stateMessage: z.string().optional(),
  imagePullSecrets: z.array(z.string()),
  createdAt: z.string(),
});
export type Workload = z.infer<typeof workloadSchema>;

export const pullSecretPreviewRequestSchema = z
  .object({
    namespace: namespaceNameSchema,
    images: z.array(imageSchema).min(1).max(50),
    imagePullSecrets: z.array(resourceNameSchema).max(50).optional(),
  })
  .strict();
export type PullSecretPreviewRequest = z.infer<typeof pullSecretPreviewRequestSchema>;

export const pullSecretMatchSchema = z.object({
  secret: z.string(),
  /** the registry key in the secret that matched, e.g. "quay.io" */
  registry: z.string(),
  username: z.string(),
  chosenBy: z.enum(["user", "paddock"]),
  reason: z.string(),
});

export const pullSecretPreviewSchema = z.object({
  images: z.array(
    z.object({
      image: z.string(),
      /** normalised repository, as kubelet matches it */
      repository: z.string().optional(),
      error: z.string().optional(),
      matches: z.array(pullSecretMatchSchema),
      anonymous: z.boolean(),
    }),
  ),
  imagePullSecrets: z.array(z.string()),
  /** what the user should know about the names they chose (missing, not a registry, unreadable) */
  warnings: z.array(z.string()).optional(),
});
export type PullSecretPreview = z.infer<typeof pullSecretPreviewSchema>;

export const podSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  ready: z.string(),
  status: z.string(),
  restarts: z.number(),
  node: z.string().optional(),
  createdAt: z.string(),
  containers: z.array(z.object({ name: z.string(), image: z.string(), state: z.string(), reason: z.string().optional(), message: z.string().optional() })),
});
export type Pod = z.infer<typeof podSchema>;

export const eventSchema = z.object({
  namespace: z.string(),
  type: z.string(),
  reason: z.string(),
  object: z.string(),
  message: z.string(),
  count: z.number(),
  firstTimestamp: z.string().optional(),
  lastTimestamp: z.string().optional(),
  source: z.string(),
});
export type KubeEvent = z.infer<typeof eventSchema>;

export const eventsQuerySchema = z
  .object({ namespace: z.string().max(63).optional(), kind: z.string().max(63).optional(), name: z.string().max(253).optional() })
  .strict();

export const podsQuerySchema = z.object({ namespace: z.string().max(63).optional() }).strict();

/** A container of a workload as the edit form needs it. */
export const workloadContainerSchema = z.object({
  name: z.string(),
  image: z.string(),
  ports: z.array(z.object({ containerPort: z.number(), protocol: z.string().optional(), name: z.string().optional() })).optional(),
  env: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  command: z.array(z.string()).optional(),
});

export const workloadDetailSchema = workloadSchema.extend({
  containers: z.array(workloadContainerSchema),
  /** the workload's pods (through its ReplicaSets) */
  pods: z.array(podSchema),
  labels: z.record(z.string(), z.string()),
  /** Rancher's `cattle.io/timestamp` of the last redeploy */
  redeployedAt: z.string().optional(),
});
export type WorkloadDetail = z.infer<typeof workloadDetailSchema>;
