import { Router } from "express";
import type { ServerContext } from "../context.ts";
import { LiveAudience } from "./live-audience.ts";

/** How often an open stream checks that its user may still listen. */
export const LIVE_RECHECK_MS = 5_000;

/**
 * `GET /api/live`: server-sent events, one `change` event per object change seen in any cluster's
 * caches (`{"cluster","resource"}`, nothing of the object itself), so that open lists refetch.
 * Each user hears only of the clusters they see (live-audience.ts); the stream ends when the user
 * is disabled or logs out, their token is revoked or their admin role changes (EventSource then
 * reconnects, and is refused or starts over with the new role).
 */
export function liveRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get("/live", (req, res) => {
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" });
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    // A client that stops reading keeps the socket open with data unsent: after the stream ends,
    // nothing may be written any more, or Node throws ERR_STREAM_WRITE_AFTER_END.
    const send = (text: string) => stopped || res.writableEnded || res.destroyed || res.write(text);
    const flush = () => {
      timer = undefined;
      for (const key of pending) {
        const [cluster, resource] = key.split("\0");
        send(`event: change\ndata: ${JSON.stringify({ cluster, resource })}\n\n`);
      }
      pending.clear();
    };
    const clusters = ctx.clusters.list();
    const audience = new LiveAudience(req.access!, clusters);
    const unsubscribes = clusters.flatMap((cluster) =>
      Object.entries(cluster.caches).map(([resource, cache]) =>
        (cache as { onChange(l: () => void): () => void }).onChange(() => {
          if (!audience.admits(cluster, resource)) return;
          pending.add(`${cluster.id}\0${resource}`);
          // At most one message per resource every 100 ms: a deploy touches many objects at once.
          timer ??= setTimeout(flush, 100);
        }),
      ),
    );
    const keepAlive = setInterval(() => send(": keep-alive\n\n"), 25_000);
    const recheck = setInterval(() => {
      void (req.stillAuthenticated?.() ?? Promise.resolve(true)).then(
        (ok) => ok || stop(),
        () => stop(),
      );
    }, LIVE_RECHECK_MS);
    function stop(): void {
      if (stopped) return;
      stopped = true;
      clearInterval(keepAlive);
      clearInterval(recheck);
      clearTimeout(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
      // destroy, not end: a client that reads nothing must not hold the socket (and its buffer) open
      res.destroy();
    }
    req.on("close", stop);
    res.on("error", stop);
    send(": connected\n\n");
  });
  return router;
}
