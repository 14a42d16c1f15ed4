import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";

/** A small form in a modal: how many pods the workload should run. */
export function ScaleDialog(props: {
  target: { namespace: string; name: string; replicas: number } | null;
  busy: boolean;
  error: unknown;
  onScale: (replicas: number) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [replicas, setReplicas] = useState("");
  const [touched, setTouched] = useState(false);
  const open = props.target !== null;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  useEffect(() => {
    if (props.target) {
      setReplicas(String(props.target.replicas));
      setTouched(false);
    }
  }, [props.target]);
  const value = Number(replicas);
  const invalid = replicas.trim() === "" || !Number.isInteger(value) || value < 0 || value > 1000 ? "Enter a whole number of pods from 0 to 1000." : undefined;
  const serverError = props.error instanceof ApiError ? (props.error.issues.find((i) => i.path === "body.replicas")?.message ?? props.error.message) : undefined;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="scale-title" onCancel={(e) => (e.preventDefault(), props.onCancel())}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!invalid) props.onScale(value);
        }}
      >
        <h2 id="scale-title">Scale {props.target?.name}</h2>
        <p className="muted">
          How many pods of workload “{props.target?.name}” in namespace “{props.target?.namespace}” should run.
        </p>
        <Field label="Replicas" error={(touched ? invalid : undefined) ?? serverError}>
          <input className="input" type="number" min={0} max={1000} step={1} value={replicas} onChange={(e) => setReplicas(e.target.value)} />
        </Field>
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={props.onCancel} disabled={props.busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={props.busy}>
            {props.busy ? "Scaling…" : "Scale"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
