import type { AdmissionPlugin } from "../api/resource-service.ts";
import { forbidden } from "../api/status.ts";
import type { KubeObject } from "../api/types.ts";

const DEFAULT_SERVICE_ACCOUNT = "default";

/**
 * The ServiceAccount admission plugin (kubernetes plugin/pkg/admission/serviceaccount/admission.go):
 * on pod create only, `serviceAccountName` defaults to `default`, the account must exist, and its
 * imagePullSecrets are copied into the pod when the pod has none of its own (never merged).
 */
export function serviceAccountAdmission(options: { lookupRetries?: number; retryDelayMs?: number } = {}): AdmissionPlugin {
  const retries = options.lookupRetries ?? 10;
  const delay = options.retryDelayMs ?? 100;
  return async (request, service) => {
    if (request.operation !== "CREATE" || request.subresource !== undefined || request.definition.kind !== "Pod") return;
    const pod = request.object;
    const spec = (pod.spec ?? {}) as Record<string, unknown>;
    pod.spec = spec;
    if (!spec.serviceAccountName) spec.serviceAccountName = (spec.serviceAccount as string | undefined) || DEFAULT_SERVICE_ACCOUNT;
    spec.serviceAccount = spec.serviceAccountName;
    const accountName = spec.serviceAccountName as string;
    const accounts = service.definition("", "serviceaccounts");

    let account: KubeObject | undefined = service.tryGet(accounts, request.namespace, accountName);
    // The ServiceAccount controller creates `default` right after its namespace: wait for it a little.
    for (let attempt = 0; !account && accountName === DEFAULT_SERVICE_ACCOUNT && attempt < retries; attempt++) {
      await new Promise((r) => setTimeout(r, delay));
      account = service.tryGet(accounts, request.namespace, accountName);
    }
    if (!account) {
      throw forbidden(
        request.definition,
        pod.metadata.name ?? "",
        `error looking up service account ${request.namespace}/${accountName}: serviceaccount "${accountName}" not found`,
      );
    }
    const own = spec.imagePullSecrets as unknown[] | undefined;
    const inherited = account.imagePullSecrets as Array<{ name?: string }> | undefined;
    if ((!own || own.length === 0) && inherited && inherited.length > 0) {
      spec.imagePullSecrets = inherited.map((ref) => ({ name: ref.name }));
    }
  };
}
