import { useState } from "react";
import { useTestCredentials, type CredentialTestRequest } from "../api/test-credentials";

/** What the last test answered, kept here: the mutation (which holds the typed password) is reset at once. */
interface TestOutcome {
  ok: boolean;
  message: string;
}

/**
 * `Test credentials`: asks the registry whether it accepts them, and says the answer in words
 * beside the button (green when accepted, red otherwise).
 */
export function CredentialTestButton(props: { cluster: string; project: string; request: () => CredentialTestRequest; label?: string }) {
  const test = useTestCredentials(props.cluster, props.project);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const run = async () => {
    setOutcome(null);
    try {
      const result = await test.run(props.request());
      setOutcome({ ok: result.ok, message: result.message });
    } catch (error) {
      setOutcome({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div className="reg-test">
      <button type="button" className="btn" onClick={() => void run()} disabled={test.isPending} aria-label={props.label}>
        Test credentials
      </button>
      <span role="status" className={`reg-test__result ${outcome ? (outcome.ok ? "reg-tone--ok" : "reg-tone--error") : ""}`}>
        {test.isPending ? (
          <>
            <span className="spinner__wheel reg-test__wheel" aria-hidden="true" /> Testing…
          </>
        ) : outcome ? (
          `${outcome.ok ? "✓" : "✗"} ${outcome.message}`
        ) : null}
      </span>
    </div>
  );
}
