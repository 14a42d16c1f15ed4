import type { CredentialTestResult } from "@paddock/contracts";
import type { ApiError } from "@/lib/api-client";
import { useTestCredentials, type CredentialTestRequest } from "../api/test-credentials";

/**
 * `Test credentials`: asks the registry whether it accepts them, and says the answer in words
 * beside the button (green when accepted, red otherwise).
 */
export function CredentialTestButton(props: { cluster: string; project: string; request: () => CredentialTestRequest; label?: string }) {
  const test = useTestCredentials(props.cluster, props.project);
  const run = () => test.mutate(props.request());
  return (
    <div className="reg-test">
      <button type="button" className="btn" onClick={run} disabled={test.isPending} aria-label={props.label}>
        Test credentials
      </button>
      <span role="status" className={`reg-test__result ${resultClass(test.data, test.error)}`}>
        {test.isPending ? (
          <>
            <span className="spinner__wheel reg-test__wheel" aria-hidden="true" /> Testing…
          </>
        ) : test.data ? (
          `${test.data.ok ? "✓" : "✗"} ${test.data.message}`
        ) : test.error ? (
          `✗ ${test.error.message}`
        ) : null}
      </span>
    </div>
  );
}

function resultClass(data: CredentialTestResult | undefined, error: ApiError | null): string {
  if (data) return data.ok ? "reg-tone--ok" : "reg-tone--error";
  return error ? "reg-tone--error" : "";
}
