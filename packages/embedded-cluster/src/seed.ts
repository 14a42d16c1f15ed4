import type { ResourceService } from "./api/resource-service.ts";
import { nowTimestamp } from "./api/meta-time.ts";
import { StatusError } from "./api/status.ts";
import type { KubeObject } from "./api/types.ts";

export const NODE_NAME = "paddock-node";

/** What a fresh cluster has: the system namespaces, `local` for Rancher's projects, and one Ready node. */
export const INITIAL_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease", "local"];

async function createIfMissing(service: ResourceService, group: string, resource: string, namespace: string, body: KubeObject): Promise<void> {
  const def = service.definition(group, resource);
  if (service.tryGet(def, namespace, body.metadata.name!)) return;
  try {
    await service.create(def, namespace, body);
  } catch (error) {
    if (!(error instanceof StatusError && error.reason === "AlreadyExists")) throw error;
  }
}

export async function seedCluster(service: ResourceService): Promise<void> {
  for (const name of INITIAL_NAMESPACES) {
    await createIfMissing(service, "", "namespaces", "", { metadata: { name, labels: { "kubernetes.io/metadata.name": name } } });
  }
  await createIfMissing(service, "", "nodes", "", {
    metadata: {
      name: NODE_NAME,
      labels: {
        "kubernetes.io/hostname": NODE_NAME,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "node-role.kubernetes.io/control-plane": "",
      },
    },
    spec: {},
  });
  const nodes = service.definition("", "nodes");
  const now = nowTimestamp();
  await service.mutate(nodes, "", NODE_NAME, (node) => {
    node.status = {
      capacity: { cpu: "2", memory: "24Gi", pods: "110" },
      allocatable: { cpu: "2", memory: "24Gi", pods: "110" },
      conditions: [
        { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status", lastHeartbeatTime: now, lastTransitionTime: now },
      ],
      addresses: [
        { type: "InternalIP", address: "127.0.0.1" },
        { type: "Hostname", address: NODE_NAME },
      ],
      nodeInfo: {
        kubeletVersion: "v1.32.0+paddock",
        kubeProxyVersion: "",
        osImage: "Paddock embedded node",
        kernelVersion: "none",
        containerRuntimeVersion: "paddock://1.0",
        operatingSystem: "linux",
        architecture: "amd64",
        machineID: "",
        systemUUID: "",
        bootID: "",
      },
    };
  }, "status");
}
