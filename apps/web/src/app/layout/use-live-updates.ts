import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { meKeys } from "@/lib/access";
import { addChange, isStale, type ChangeScope } from "./live-invalidation";

/**
 * Lists stay live: the server streams a line per change it sees in a cluster (server-sent events),
 * and the matching queries are refetched; nothing polls.
 */
export function useLiveUpdates(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource("/api/live");
    let pending = new Map<string, ChangeScope>();
    let rolesMayHaveChanged = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("change", (event) => {
      const { cluster, resource } = JSON.parse((event as MessageEvent<string>).data) as { cluster: string; resource: string };
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
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [enabled, client]);
}
