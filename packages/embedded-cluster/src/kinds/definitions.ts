import type { ResourceDefinition } from "./types.ts";
import { namespaceDefinition } from "./namespace.ts";
import { secretDefinition } from "./secret.ts";
import { configMapDefinition } from "./configmap.ts";
import { serviceAccountDefinition } from "./serviceaccount.ts";
import { podDefinition } from "./pod.ts";
import { eventDefinition } from "./event.ts";
import { nodeDefinition } from "./node.ts";
import { deploymentDefinition } from "./deployment.ts";
import { replicaSetDefinition } from "./replicaset.ts";
import { leaseDefinition } from "./lease.ts";
import { projectDefinition } from "./project.ts";
import { customResourceDefinitionDefinition } from "./custom-resource-definition.ts";

/** Every kind the embedded cluster serves. */
export const builtInDefinitions: ResourceDefinition[] = [
  namespaceDefinition,
  secretDefinition,
  configMapDefinition,
  serviceAccountDefinition,
  podDefinition,
  eventDefinition,
  nodeDefinition,
  deploymentDefinition,
  replicaSetDefinition,
  leaseDefinition,
  projectDefinition,
  customResourceDefinitionDefinition,
];
