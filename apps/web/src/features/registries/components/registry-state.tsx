import type { Registry } from "@paddock/contracts";
import { copySummary, stateTone } from "../utils/copy-summary";

/** The State cell: Active / Syncing / Conflict, and for a project registry how its copies are doing. */
export function RegistryState({ registry }: { registry: Registry }) {
  const copies = copySummary(registry);
  return (
    <div className="reg-state">
      <span className={`badge badge--${stateTone(registry.state)}`}>{registry.state}</span>
      {copies && <span className={`reg-state__copies reg-tone--${copies.tone}`}>{copies.text}</span>}
      {registry.stateMessage && !copies && <span className="reg-state__copies muted">{registry.stateMessage}</span>}
    </div>
  );
}
