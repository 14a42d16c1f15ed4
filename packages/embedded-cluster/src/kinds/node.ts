import type { FieldError, KubeObject } from "../api/types.ts";
import { validateKubeFinalizerNames } from "../api/validation.ts";
import { nodeSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { getPath, getString, objectsIn } from "../api/json-values.ts";
import { ageCell, ageColumn, column, nameCell, nameColumn } from "./common.ts";

/**
 * core/v1 Node: kubernetes pkg/registry/core/node/strategy.go and the table of
 * pkg/printers/internalversion/printers.go (nodeColumnDefinitions, printNode). Validation is
 * limited to ObjectMeta: the embedded cluster's own kubelet is the only writer of nodes.
 */

const ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
const ROLE_LABEL = "kubernetes.io/role";

function conditions(obj: KubeObject): Array<Record<string, unknown>> {
  return objectsIn(getPath(obj, "status", "conditions"));
}

/** `Ready`, `NotReady` or `Unknown`, plus `SchedulingDisabled` for a cordoned node. */
function nodeStatus(obj: KubeObject): string {
  const status: string[] = [];
  const ready = conditions(obj).find((c) => c.type === "Ready");
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (getPath(obj, "spec", "unschedulable") === true) status.push("SchedulingDisabled");
  return status.join(",");
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label, sorted. */
function nodeRoles(obj: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(obj.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === ROLE_LABEL && value) {
      roles.add(value);
    }
  }
  const sorted = [...roles].sort();
  return sorted.length > 0 ? sorted.join(",") : "<none>";
}

function address(obj: KubeObject, type: string): string {
  const found = objectsIn(getPath(obj, "status", "addresses")).find((a) => a.type === type && typeof a.address === "string");
  return (found?.address as string | undefined) ?? "<none>";
}

function nodeInfo(obj: KubeObject, field: string): string {
  return getString(obj, "status", "nodeInfo", field) || "<unknown>";
}

function validate(obj: KubeObject): FieldError[] {
  return validateKubeFinalizerNames(obj.metadata.finalizers ?? [], "metadata.finalizers");
}

export const nodeDefinition: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "Node",
  listKind: "NodeList",
  resource: "nodes",
  singular: "node",
  namespaced: false,
  shortNames: ["no"],
  verbs: ALL_VERBS,
  subresources: ["status"],
  strategy: {
    validate,
    hasStatusSubresource: true,
    allowUnconditionalUpdate: true,
    mergeSchema: nodeSchema,
    table: {
      columns: [
        nameColumn,
        column("Status", "The status of the node"),
        column("Roles", "The roles of the node"),
        ageColumn(),
        column("Version", "Kubelet Version reported by the node."),
        column(
          "Internal-IP",
          "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
          1,
        ),
        column(
          "External-IP",
          "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
          1,
        ),
        column("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
        column("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
        column("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
      ],
      row: (obj, now) => [
        nameCell(obj),
        nodeStatus(obj),
        nodeRoles(obj),
        ageCell(obj, now),
        getString(obj, "status", "nodeInfo", "kubeletVersion") ?? "",
        address(obj, "InternalIP"),
        address(obj, "ExternalIP"),
        nodeInfo(obj, "osImage"),
        nodeInfo(obj, "kernelVersion"),
        nodeInfo(obj, "containerRuntimeVersion"),
      ],
    },
    fieldSelectors: {
      "spec.unschedulable": (obj) => String(getPath(obj, "spec", "unschedulable") === true),
    },
  },
};
