import { useId, type ReactElement, type ReactNode } from "react";
import { cloneElement } from "react";

/** A visible label tied to its input, with help and an error said at the field. */
export function Field(props: { label: string; help?: ReactNode; error?: string; children: ReactElement<Record<string, unknown>> }) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [props.help ? helpId : null, props.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {cloneElement(props.children, { id, "aria-describedby": describedBy, "aria-invalid": props.error ? true : undefined })}
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
