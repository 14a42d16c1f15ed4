import { useEffect, useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A modal showing a YAML text, with Copy and Close; Escape closes it. */
export function YamlDialog({ title, yaml, onClose }: { title: string; yaml: string | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (yaml !== null && !dialog.open) dialog.showModal();
    if (yaml === null && dialog.open) dialog.close();
  }, [yaml]);
  return (
    <dialog ref={ref} className="dialog reg-yaml-dialog" aria-labelledby="yaml-title" onCancel={(e) => (e.preventDefault(), onClose())}>
      <h2 id="yaml-title">{title}</h2>
      <pre className="code-block" tabIndex={0} aria-label="YAML">
        {yaml}
      </pre>
      <div className="dialog__actions">
        {yaml !== null && <CopyButton text={yaml} what="YAML" />}
        <button type="button" className="btn btn--primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
