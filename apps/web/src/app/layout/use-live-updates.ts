import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { meKeys } from "@/lib/access";
import { addChange, isStale, type ChangeScope } from "./live-invalidation";
import { LiveStreamWatch, RECONNECT_MS, type StreamReaction } from "./live-stream-watch";

/**
 * Lists stay live: the server streams a line per change it sees in a cluster (server-sent events),
 * and the matching queries are refetched; nothing polls. When the server ends the stream (the
 * user's session or role changed), the browser reconnects: everything is refetched then, and a
 * refused reconnection rechecks who is logged in: the login page when the session is gone, a new
 * stream a little later when it still holds (the server was restarting).
 */
export function useLiveUpdates(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | undefined;
    let stopped = false;
    let reconnect: ReturnType<typeof setTimeout> | undefined;
    let pending = new Map<string, ChangeScope>();
    let rolesMayHaveChanged = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = new LiveStreamWatch();
    const act = (reaction: StreamReaction) => {
      // every query, `me` (the user's roles) included: changes may have been missed while disconnected
      if (reaction === "refresh-everything") void client.invalidateQueries();
      // a 401 here sends the app shell to the login page (api-client.ts, app-shell.tsx)
      if (reaction === "recheck-session") {
        void client.refetchQueries({ queryKey: meKeys.me }).then(() => act(watch.sessionChecked(client.getQueryState(meKeys.me)?.status === "success")));
      }
      if (reaction === "reconnect" && !stopped) reconnect = setTimeout(connect, RECONNECT_MS);
    };
    const onChange = (event: MessageEvent<string>) => {
      const { cluster, resource } = JSON.parse(event.data) as { cluster: string; resource: string };
      addChange(pending, cluster, resource);
      // Members are kept on the Project objects: a change may be the user's own role.
      if (resource === "projects") rolesMayHaveChanged = true;
      // Changes come in bursts (a deploy touches many objects): refetch once per burst.
      clearTimeout(timer);
      timer = setTimeout(() => {
        const changed = pending;
        pending = new Map();
        if (rolesMayHaveChanged) void client.invalidateQueries({ queryKey: meKeys.me });
        rolesMayHaveChanged = false;
        void client.invalidateQueries({ predicate: (q) => isStale(q.queryKey, changed) });
      }, 150);
    };
    function connect(): void {
      if (stopped) return;
      const opened = new EventSource("/api/live");
      source = opened;
      opened.addEventListener("open", () => act(watch.opened()));
      opened.addEventListener("error", () => act(watch.failed(opened.readyState === EventSource.CLOSED)));
      opened.addEventListener("change", onChange);
    }
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(reconnect);
      source?.close();
    };
  }, [enabled, client]);
}
