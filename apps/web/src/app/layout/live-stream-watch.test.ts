import { describe, expect, it } from "vitest";
import { LiveStreamWatch } from "./live-stream-watch.ts";

describe("LiveStreamWatch", () => {
  it("does nothing when the stream first opens", () => {
    expect(new LiveStreamWatch().opened()).toBe("none");
  });

  it("refreshes everything each time the stream opens again after a reconnection", () => {
    const watch = new LiveStreamWatch();
    watch.opened();
    expect(watch.failed(false)).toBe("none"); // the server ended it: the browser reconnects
    expect(watch.opened()).toBe("refresh-everything");
    expect(watch.failed(false)).toBe("none");
    expect(watch.opened()).toBe("refresh-everything");
  });

  it("rechecks the session when the browser gives up reconnecting", () => {
    const watch = new LiveStreamWatch();
    watch.opened();
    expect(watch.failed(false)).toBe("none");
    expect(watch.failed(true)).toBe("recheck-session");
  });

  it("rechecks the session when the stream is refused before it ever opened", () => {
    expect(new LiveStreamWatch().failed(true)).toBe("recheck-session");
  });

  it("opens a new stream when the session still holds after the browser gave up, and not when it is gone", () => {
    const watch = new LiveStreamWatch();
    watch.opened();
    expect(watch.failed(true)).toBe("recheck-session");
    expect(watch.sessionChecked(true)).toBe("reconnect");
    expect(watch.opened()).toBe("refresh-everything");
    expect(watch.failed(true)).toBe("recheck-session");
    expect(watch.sessionChecked(false)).toBe("none");
  });
});
