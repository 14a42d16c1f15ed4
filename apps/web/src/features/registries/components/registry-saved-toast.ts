import type { RegistrySaved } from "@paddock/contracts";
import type { useToast } from "@/components/ui/toast";

/** Toasts a save, with what the server changed in the input (a removed `https://`). */
export function toastSaved(toast: ReturnType<typeof useToast>, saved: RegistrySaved, verb: string): void {
  toast.success(`Registry "${saved.name}" ${verb}.${saved.notes.length > 0 ? ` ${saved.notes.join(" ")}` : ""}`);
}
