import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";

/** What ties an input to its label, help and error. */
export interface FieldInputProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/**
 * A visible label tied to its input, with help and an error said at the field. The child is the
 * input itself, or a function that places it inside more markup (e.g. a Show/Hide button beside it).
 */
export function Field(props: {
  label: string;
  help?: ReactNode;
  error?: string | undefined;
  children: ReactElement<Record<string, unknown>> | ((input: FieldInputProps) => ReactNode);
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [props.help ? helpId : null, props.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const input: FieldInputProps = { id, ...(describedBy ? { "aria-describedby": describedBy } : {}), ...(props.error ? { "aria-invalid": true as const } : {}) };
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {typeof props.children === "function" ? props.children(input) : isValidElement(props.children) && cloneElement(props.children, { ...input })}
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
