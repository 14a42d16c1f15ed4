import type { KubeEvent } from "@paddock/contracts";
import { age } from "@/lib/age";
import { EventTypeBadge } from "./status-badges";

/** kubectl's LAST SEEN: `3m`, or `3m (x4 over 10m)` for an event seen several times. */
function lastSeen(event: KubeEvent, now: number): string {
  const last = age(event.lastTimestamp ?? event.firstTimestamp, now) || "<unknown>";
  return event.count > 1 && event.firstTimestamp ? `${last} (x${event.count} over ${age(event.firstTimestamp, now)})` : last;
}

/** `kubectl events` for the workload, newest first: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
export function EventsTable({ events, now }: { events: KubeEvent[]; now: number }) {
  const newestFirst = [...events].reverse();
  return (
    // Focusable: on a narrow window the table scrolls sideways, with the keyboard too.
    <div className="data-table__scroll" role="region" aria-label="Events table" tabIndex={0}>
      <table className="table workload-table">
        <caption className="sr-only">Events of the workload, its ReplicaSets and its pods</caption>
        <thead>
          <tr>
            <th scope="col">LAST SEEN</th>
            <th scope="col">TYPE</th>
            <th scope="col">REASON</th>
            <th scope="col">OBJECT</th>
            <th scope="col">MESSAGE</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.length === 0 && (
            <tr>
              <td colSpan={5} className="table__empty">
                No events yet.
              </td>
            </tr>
          )}
          {newestFirst.map((event, i) => (
            <tr key={`${event.object}/${event.reason}/${event.firstTimestamp ?? ""}/${i}`}>
              <td className="workload-nowrap" title={event.lastTimestamp}>
                {lastSeen(event, now)}
              </td>
              <td>
                <EventTypeBadge type={event.type} />
              </td>
              <td>{event.reason}</td>
              <td className="mono">{event.object}</td>
              <td className="event-message">{event.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
