import { z } from "zod";

/** Every refusal of the BFF, with the HTTP status it travels with. */
export const ERROR_STATUS = {
  Invalid: 422,
  NameInUse: 409,
  Conflict: 409,
  NotFound: 404,
  Unauthenticated: 401,
  Forbidden: 403,
  TooManyRequests: 429,
  ClusterUnavailable: 503,
  Internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const errorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const fieldIssueSchema = z.object({
  /** where in the request, e.g. `registries.0.address` or `query.name` */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
