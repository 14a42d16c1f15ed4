import type { Pod } from "@paddock/contracts";
import { age } from "@/lib/age";
import { PodStatusBadge } from "./status-badges";

/** `kubectl get pods` for the workload: NAME, READY, STATUS, RESTARTS, NODE, AGE; why a container waits, under its status. */
export function PodsTable({ pods, now }: { pods: Pod[]; now: number }) {
  return (
    // Focusable: on a narrow window the table scrolls sideways, with the keyboard too.
    <div className="data-table__scroll" role="region" aria-label="Pods table" tabIndex={0}>
      <table className="table workload-table">
        <caption className="sr-only">Pods of the workload</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Ready</th>
            <th scope="col">Status</th>
            <th scope="col">Restarts</th>
            <th scope="col">Node</th>
            <th scope="col">Age</th>
          </tr>
        </thead>
        <tbody>
          {pods.length === 0 && (
            <tr>
              <td colSpan={6} className="table__empty">
                There are no pods yet.
              </td>
            </tr>
          )}
          {pods.map((pod) => {
            const waiting = pod.containers.filter((c) => c.message);
            return (
              <tr key={pod.name}>
                <td className="mono">{pod.name}</td>
                <td>{pod.ready}</td>
                <td>
                  <PodStatusBadge status={pod.status} />
                  {waiting.map((c) => (
                    <div key={c.name} className="muted pod-reason">
                      {c.name}: {c.message}
                    </div>
                  ))}
                </td>
                <td>{pod.restarts}</td>
                <td>{pod.node ?? <span className="muted">&lt;none&gt;</span>}</td>
                <td title={pod.createdAt}>{age(pod.createdAt, now)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
