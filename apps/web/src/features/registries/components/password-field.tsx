import { useState, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";

/** A password input with a Show/Hide button. */
export function PasswordField(props: { label: string; help?: ReactNode; error?: string | undefined; registration: UseFormRegisterReturn }) {
  const [shown, setShown] = useState(false);
  return (
    <Field label={props.label} help={props.help} error={props.error}>
      {(input) => (
        <div className="reg-password">
          <input {...input} className="input" type={shown ? "text" : "password"} autoComplete="new-password" spellCheck={false} {...props.registration} />
          <button type="button" className="btn reg-password__toggle" aria-controls={input.id} aria-pressed={shown} onClick={() => setShown((s) => !s)}>
            {shown ? "Hide" : "Show"}
          </button>
        </div>
      )}
    </Field>
  );
}
