import { useQuery } from "@tanstack/react-query";
import type { Registry } from "@paddock/contracts";
import { ErrorMessage } from "@/components/ui/error-message";
import { Spinner } from "@/components/ui/spinner";
import { registriesQuery } from "../api/workloads";

/** The registries a pod of `namespace` can use: the project's (copied into every namespace) and the namespace's own. */
function usableIn(namespace: string, registries: Registry[]): Registry[] {
  const usable = registries.filter((r) => r.scope.type === "project" || r.scope.namespace === namespace);
  return [...new Map(usable.map((r) => [r.name, r])).values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Extra pull secrets the user picks. Paddock adds the matching ones by itself; these are attached
 * as well, first, and never dropped, even when they match no image or the namespace changes.
 */
export function PullSecretChooser(props: { cluster: string; project: string; namespace: string; value: string[]; onChange: (names: string[]) => void; error?: string }) {
  const registries = useQuery(registriesQuery(props.cluster, props.project));
  const options = usableIn(props.namespace, registries.data ?? []);
  const orphans = props.value.filter((name) => !options.some((r) => r.name === name));
  const toggle = (name: string, on: boolean) => props.onChange(on ? [...props.value, name] : props.value.filter((n) => n !== name));
  return (
    <fieldset className="pull-chooser" aria-describedby="pull-chooser-help">
      <legend>Additional pull secrets (optional)</legend>
      <p id="pull-chooser-help" className="field__help">
        Registries that match the image are attached without asking. Tick others to attach them too: they come first, and are kept as you chose them.
      </p>
      {registries.isPending && <Spinner label="Loading the project's registries…" />}
      {registries.error && <ErrorMessage error={registries.error} what="load the project's registries" onRetry={() => void registries.refetch()} />}
      {registries.data && options.length === 0 && orphans.length === 0 && <p className="muted">There are no registries in namespace {props.namespace}.</p>}
      <ul className="workload-plain-list pull-chooser__list">
        {options.map((r) => (
          <li key={r.name}>
            <label className="checkbox">
              <input type="checkbox" checked={props.value.includes(r.name)} onChange={(e) => toggle(r.name, e.target.checked)} />
              {r.name}
              <span className="muted">
                {r.registries.map((e) => e.address).join(", ")}
                {r.scope.type === "project" ? " · project registry" : ""}
              </span>
            </label>
          </li>
        ))}
        {orphans.map((name) => (
          <li key={name}>
            <label className="checkbox">
              <input type="checkbox" checked onChange={(e) => toggle(name, e.target.checked)} />
              {name}
              <span className="muted">not a registry of namespace {props.namespace}: kept, see the preview</span>
            </label>
          </li>
        ))}
      </ul>
      {props.error && (
        <p className="field__error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
