import type { CredentialTest, CredentialTestResult, RegistryRef } from "@paddock/contracts";
import { post } from "@/lib/api-client";
import { useSecretMutation } from "@/lib/secret-mutation";
import { registryApiPath } from "./registry-keys";

export type CredentialTestRequest =
  | { kind: "typed"; input: CredentialTest }
  /** the password stored in a registry, tested on the server: it never travels */
  | { kind: "stored"; ref: RegistryRef; address: string };

export const testCredentials = (cluster: string, project: string, request: CredentialTestRequest) =>
  request.kind === "typed"
    ? post<CredentialTestResult>("/api/registry-test", request.input)
    : post<CredentialTestResult>(`${registryApiPath(cluster, project, request.ref)}/test`, { address: request.address });

/**
 * Asks the registry (Registry v2 `/v2/`) whether it accepts the credentials; the answer is in words.
 * A typed request holds the password: nothing keeps it once answered (lib/secret-mutation.ts).
 */
export function useTestCredentials(cluster: string, project: string) {
  return useSecretMutation<CredentialTestResult, CredentialTestRequest>({ mutationFn: (request) => testCredentials(cluster, project, request) });
}
