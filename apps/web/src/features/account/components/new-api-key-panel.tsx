import { useEffect, useRef } from "react";
import type { ApiTokenCreated } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * The new key, shown this once (Paddock keeps only its hash). It lives in the state of the page
 * that created it, never in a cache, the browser's storage or the URL; Done drops it.
 */
export function NewApiKeyPanel({ created, onDone }: { created: ApiTokenCreated; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const example = `curl -H "Authorization: Bearer ${created.token}" ${window.location.origin}/api/auth/me`;
  return (
    <section className="api-key-created" aria-labelledby="api-key-created-title">
      <h3 id="api-key-created-title" ref={heading} tabIndex={-1}>
        API key {created.name} created
      </h3>
      <p>
        <strong>Copy the key now: it will not be shown again.</strong> Paddock keeps only a hash of it; if you lose it, revoke it and add a new one.
      </p>
      <Field label="API key" help={`For ${created.username}, until ${new Date(created.expiresAt).toLocaleString()}.`}>
        {(input) => (
          <div className="api-key-created__value">
            <input {...input} className="input mono" readOnly autoComplete="off" spellCheck={false} value={created.token} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={created.token} what="API key" />
          </div>
        )}
      </Field>
      <p className="api-key-created__use">Send it as a bearer token, for example:</p>
      <pre className="code-block" tabIndex={0} aria-label="Example: calling the API with the key">
        {example}
      </pre>
      <div className="form-actions">
        <button type="button" className="btn btn--primary" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
