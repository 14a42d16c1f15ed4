import { z } from "zod";

export * from "./errors.ts";
export * from "./names.ts";
export * from "./auth.ts";
export * from "./clusters.ts";
export * from "./registries.ts";
export * from "./resources.ts";
export * from "./workloads.ts";
export * from "./users.ts";

/** Lists answer `{"items": […]}`. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
