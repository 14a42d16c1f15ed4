import type { V1LocalObjectReference, V1ServiceAccount } from "@kubernetes/client-node";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { kube, statusCode, toDomainError } from "../kube/api-errors.ts";
import { ConflictError } from "../errors.ts";
import { MANAGED_BY_LABEL, MANAGED_BY_PADDOCK } from "../projects/rancher-model.ts";

const DEFAULT_SERVICE_ACCOUNT = "default";
const ATTEMPTS = 8;
/** How long to wait for the cluster's ServiceAccount controller to make `default` in a new namespace. */
const WAIT_FOR_DEFAULT_MS = 5_000;

/**
 * Adds `secretName` to the `imagePullSecrets` of the namespace's `default` ServiceAccount, keeping
 * the entries already there, so that pods created without pull secrets (with kubectl) get it
 * (ServiceAccount admission copies the list into pods that have none).
 */
export async function attachToDefaultServiceAccount(cluster: ClusterConnection, namespace: string, secretName: string): Promise<void> {
  await editDefaultServiceAccount(cluster, namespace, true, (refs) =>
    refs.some((r) => r.name === secretName) ? undefined : [...refs, { name: secretName }],
  );
}

/** Takes `secretName` out of the `default` ServiceAccount's `imagePullSecrets` (nothing to do when absent). */
export async function detachFromDefaultServiceAccount(cluster: ClusterConnection, namespace: string, secretName: string): Promise<void> {
  await editDefaultServiceAccount(cluster, namespace, false, (refs) =>
    refs.some((r) => r.name === secretName) ? refs.filter((r) => r.name !== secretName) : undefined,
  );
}

/** Read-modify-write guarded by resourceVersion, retried when someone else wrote in between. */
async function editDefaultServiceAccount(
  cluster: ClusterConnection,
  namespace: string,
  createIfMissing: boolean,
  edit: (refs: V1LocalObjectReference[]) => V1LocalObjectReference[] | undefined,
): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const account = await readDefault(cluster, namespace, createIfMissing);
    if (!account) return;
    const next = edit(account.imagePullSecrets ?? []);
    if (!next) return;
    const body: V1ServiceAccount = { ...account, imagePullSecrets: next };
    try {
      await cluster.core.replaceNamespacedServiceAccount({ name: DEFAULT_SERVICE_ACCOUNT, namespace, body });
      return;
    } catch (error) {
      if (statusCode(error) !== 409) throw toDomainError(error, cluster.id);
    }
  }
  throw new ConflictError(`The default ServiceAccount of namespace "${namespace}" kept changing while Paddock edited its imagePullSecrets; try again.`);
}

async function readDefault(cluster: ClusterConnection, namespace: string, createIfMissing: boolean): Promise<V1ServiceAccount | undefined> {
  const giveUpAt = Date.now() + WAIT_FOR_DEFAULT_MS;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      return await cluster.core.readNamespacedServiceAccount({ name: DEFAULT_SERVICE_ACCOUNT, namespace });
    } catch (error) {
      if (statusCode(error) !== 404) throw toDomainError(error, cluster.id);
    }
    if (!createIfMissing) return undefined;
    if (Date.now() > giveUpAt) return createDefault(cluster, namespace);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** A cluster whose ServiceAccount controller did not make `default` in time: make it, as that controller would. */
async function createDefault(cluster: ClusterConnection, namespace: string): Promise<V1ServiceAccount> {
  try {
    return await cluster.core.createNamespacedServiceAccount({
      namespace,
      body: { metadata: { name: DEFAULT_SERVICE_ACCOUNT, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK } } },
    });
  } catch (error) {
    if (statusCode(error) === 409) {
      return kube(cluster.id, () => cluster.core.readNamespacedServiceAccount({ name: DEFAULT_SERVICE_ACCOUNT, namespace }));
    }
    throw toDomainError(error, cluster.id);
  }
}
