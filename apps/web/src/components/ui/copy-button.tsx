import { useEffect, useState } from "react";
import { useToast } from "@/components/ui/toast";

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Outside a secure context the Clipboard API is missing: copy through a hidden text area.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("the browser refused");
}

/** Copies `text` to the clipboard and says so. */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState(false);
  const toast = useToast();
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className="btn btn--small"
      aria-label={`Copy ${what}`}
      onClick={() =>
        writeClipboard(text).then(
          () => setCopied(true),
          (error: unknown) => toast.error(`Could not copy the ${what}: ${(error as Error).message}. Select the text and copy it by hand.`),
        )
      }
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}

/** A block of code (a command, a YAML file) with its copy button. */
export function CodeWithCopy({ title, text, what }: { title: string; text: string; what: string }) {
  return (
    <figure className="code-copy">
      <figcaption className="code-copy__caption">
        <span>{title}</span>
        <CopyButton text={text} what={what} />
      </figcaption>
      <pre className="code-block" tabIndex={0} aria-label={title}>
        {text}
      </pre>
    </figure>
  );
}
