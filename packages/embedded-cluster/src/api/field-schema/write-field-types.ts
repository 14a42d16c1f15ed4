/**
 * Regenerates field-types.generated.ts from @kubernetes/client-node's models:
 *   npx tsx packages/embedded-cluster/src/api/field-schema/write-field-types.ts
 */
import { writeFileSync } from "node:fs";
import * as models from "@kubernetes/client-node";
import { deriveFieldTypes } from "./client-node-fields.ts";
import { renderFieldTypes } from "./render-field-types.ts";

const target = new URL("./field-types.generated.ts", import.meta.url);
writeFileSync(target, renderFieldTypes(deriveFieldTypes(models as unknown as Record<string, unknown>)));
console.log(`wrote ${target.pathname}`);
