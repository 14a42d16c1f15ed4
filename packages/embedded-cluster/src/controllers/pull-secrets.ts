import type { PullSecret } from "@paddock/registry-auth";
import type { ResourceService } from "../api/resource-service.ts";
import type { KubeObject } from "../api/types.ts";

export interface PodPullSecrets {
  /** The secrets found, in the pod's order. */
  secrets: PullSecret[];
  /** Names the pod lists that do not exist. */
  missing: string[];
}

/** kubelet.go getPullSecretsForPod: each `imagePullSecrets` name looked up in the pod's namespace. */
export function readPullSecrets(service: ResourceService, pod: KubeObject): PodPullSecrets {
  const secretsDef = service.definition("", "secrets");
  const namespace = pod.metadata.namespace ?? "";
  const spec = (pod.spec ?? {}) as { imagePullSecrets?: unknown };
  const refs = Array.isArray(spec.imagePullSecrets) ? spec.imagePullSecrets : [];
  const result: PodPullSecrets = { secrets: [], missing: [] };
  for (const ref of refs) {
    const name = ref !== null && typeof ref === "object" && typeof (ref as { name?: unknown }).name === "string" ? (ref as { name: string }).name : "";
    if (!name) continue;
    const secret = service.tryGet(secretsDef, namespace, name);
    if (!secret) {
      result.missing.push(name);
      continue;
    }
    result.secrets.push({
      name,
      namespace,
      type: typeof secret.type === "string" ? secret.type : "",
      data: (secret.data ?? {}) as Record<string, string>,
    });
  }
  return result;
}

/** The kubelet's warning when some are missing (the pull goes on without them). */
export function missingSecretsMessage(missing: readonly string[]): string {
  return `Unable to retrieve some image pull secrets (${missing.join(", ")}); attempting to pull the image may not succeed.`;
}
