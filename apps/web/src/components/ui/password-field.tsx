import { useState, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "./field";

/** A password input with a Show/Hide button. */
export function PasswordField(props: {
  label: string;
  help?: ReactNode;
  error?: string | undefined;
  registration: UseFormRegisterReturn;
  /** "current-password" where the user types the password they have; a new one otherwise */
  autoComplete?: "new-password" | "current-password";
}) {
  const [shown, setShown] = useState(false);
  return (
    <Field label={props.label} help={props.help} error={props.error}>
      {(input) => (
        <div className="password-field">
          <input {...input} className="input" type={shown ? "text" : "password"} autoComplete={props.autoComplete ?? "new-password"} spellCheck={false} {...props.registration} />
          <button type="button" className="btn password-field__toggle" aria-controls={input.id} aria-pressed={shown} onClick={() => setShown((s) => !s)}>
            {shown ? "Hide" : "Show"}
          </button>
        </div>
      )}
    </Field>
  );
}
