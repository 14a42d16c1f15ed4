/** What the dashboard does about the live stream opening or failing. */
export type StreamReaction =
  /** nothing: the first opening, or the browser about to reconnect */
  | "none"
  /** the stream opened again: changes may have been missed meanwhile, and the server may have ended it for a reason of the user's (their role changed) */
  | "refresh-everything"
  /** the browser gave up reconnecting (the server refused, e.g. 401 once the session ended): ask who is logged in */
  | "recheck-session"
  /** the session still holds (the server was restarting, say): open a new stream after a pause */
  | "reconnect";

/** How long to wait before opening a new stream after the browser gave up on one. */
export const RECONNECT_MS = 5_000;

/**
 * Follows one EventSource of `/api/live`. The server ends the stream when its user is disabled or
 * logs out, a token is revoked or their administrator role changes (apps/server/src/live/routes.ts);
 * the browser then reconnects by itself, and stops for good (readyState CLOSED) when refused.
 */
export class LiveStreamWatch {
  private openedBefore = false;

  /** The `open` event. */
  opened(): StreamReaction {
    const again = this.openedBefore;
    this.openedBefore = true;
    return again ? "refresh-everything" : "none";
  }

  /** The `error` event; `closedForGood`: the EventSource's readyState is CLOSED. */
  failed(closedForGood: boolean): StreamReaction {
    return closedForGood ? "recheck-session" : "none";
  }

  /** The answer of the session check that `recheck-session` asked for. */
  sessionChecked(stillLoggedIn: boolean): StreamReaction {
    // logged out: the app shell goes to the login page, and this watch ends with it
    return stillLoggedIn ? "reconnect" : "none";
  }
}
