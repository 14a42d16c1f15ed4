import { useEffect, useRef, useState } from "react";
import type { ApiTokenCreated } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

/**
 * The new key, shown this once (Paddock keeps only its hash). It lives in the state of the page
 * that created it, never in a cache, the browser's storage or the URL; Done drops it.
 */
export function NewApiKeyPanel({ created, onDone }: { created: ApiTokenCreated; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const example = `curl -H "Authorization: Bearer ${created.token}" ${window.location.origin}/api/auth/me`;
  const copy = () =>
    navigator.clipboard.writeText(created.token).then(
      () => setCopied(true),
      () => toast.error("The browser did not let Paddock copy the key: select it in the field and copy it by hand."),
    );
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
            <button type="button" className="btn" onClick={() => void copy()}>
              {copied ? "Copied" : "Copy"}
            </button>
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
