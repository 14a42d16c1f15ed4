import { DEPLOYMENT, REPLICA_SET } from "./apps-v1.ts";
import { SCALE } from "./autoscaling-v1.ts";
import { CONFIG_MAP, NAMESPACE, POD, SECRET, SERVICE_ACCOUNT } from "./core-v1.ts";
import { DELETE_OPTIONS } from "./meta-v1.ts";
import type { MessageSchema } from "./schema.ts";

/** The kinds a protobuf body may carry, by group version. */
const KINDS: ReadonlyMap<string, ReadonlyMap<string, MessageSchema>> = new Map([
  [
    "v1",
    new Map([
      ["ConfigMap", CONFIG_MAP],
      ["Namespace", NAMESPACE],
      ["Pod", POD],
      ["Secret", SECRET],
      ["ServiceAccount", SERVICE_ACCOUNT],
    ]),
  ],
  [
    "apps/v1",
    new Map([
      ["Deployment", DEPLOYMENT],
      ["ReplicaSet", REPLICA_SET],
    ]),
  ],
  ["autoscaling/v1", new Map([["Scale", SCALE]])],
]);

export function schemaFor(apiVersion: string, kind: string): MessageSchema | undefined {
  // metav1.AddToGroupVersion registers DeleteOptions in every group version.
  if (kind === "DeleteOptions") return DELETE_OPTIONS;
  return KINDS.get(apiVersion)?.get(kind);
}

/** "v1 ConfigMap, …; apps/v1 Deployment, …; DeleteOptions", for error messages. */
export function describeSupportedKinds(): string {
  const groups = [...KINDS].map(([groupVersion, kinds]) => `${groupVersion} ${[...kinds.keys()].join(", ")}`);
  return `${groups.join("; ")}; DeleteOptions`;
}
