import { useId, useState, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

/** A password input with a Show/Hide button; label, help and error tied to it as Field does. */
export function PasswordField(props: { label: string; help?: ReactNode; error?: string | undefined; registration: UseFormRegisterReturn }) {
  const [shown, setShown] = useState(false);
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [props.help ? helpId : null, props.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      <div className="reg-password">
        <input
          id={id}
          className="input"
          type={shown ? "text" : "password"}
          autoComplete="new-password"
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
          {...props.registration}
        />
        <button type="button" className="btn reg-password__toggle" aria-controls={id} aria-pressed={shown} onClick={() => setShown((s) => !s)}>
          {shown ? "Hide" : "Show"}
        </button>
      </div>
      {props.help && (
        <div id={helpId} className="field__help">
          {props.help}
        </div>
      )}
      {props.error && (
        <div id={errorId} className="field__error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}
