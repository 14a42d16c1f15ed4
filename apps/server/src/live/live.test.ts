import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, CLUSTER, passwordOf, projectId, userClient } from "../auth/testing.ts";
import { eventually } from "../testing/eventually.ts";
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../testing/test-server.ts";
import { LIVE_RECHECK_MS } from "./routes.ts";

interface Change {
  cluster: string;
  resource: string;
}

/** An open `GET /api/live` of one user, read as the browser's EventSource would: every `change` event, in order. */
class LiveStream {
  readonly changes: Change[] = [];
  /** the server ended the stream */
  ended = false;
  readonly #abort = new AbortController();
  #connected = false;

  /** The session cookie of a fresh login. */
  static async logIn(baseUrl: string, username: string, password: string): Promise<string> {
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl },
      body: JSON.stringify({ username, password }),
    });
    if (login.status !== 200) throw new Error(`login of ${username}: ${login.status} ${await login.text()}`);
    return login.headers.get("set-cookie")!.split(";")[0]!;
  }

  static async open(baseUrl: string, username: string, password: string): Promise<LiveStream> {
    const cookie = await LiveStream.logIn(baseUrl, username, password);
    const stream = new LiveStream();
    const response = await fetch(`${baseUrl}/api/live`, { headers: { Cookie: cookie }, signal: stream.#abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    void stream.#read(response.body!.getReader());
    // The server subscribes before it writes its first comment: from then on no change is missed.
    await eventually(() => stream.#connected);
    return stream;
  }

  async #read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          this.ended = true;
          return;
        }
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf("\n\n")) !== -1) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (message === ": connected") this.#connected = true;
          const data = /^event: change\ndata: (.*)$/.exec(message)?.[1];
          if (data !== undefined) this.changes.push(JSON.parse(data) as Change);
        }
      }
    } catch {
      // cut off by the server (destroyed), or closed by the test
      this.ended = true;
    }
  }

  /** Waits for the next change of `resource` after the first `from` changes; answers its index. */
  async next(resource: string, from = 0): Promise<number> {
    return eventually(() => {
      const index = this.changes.findIndex((change, i) => i >= from && change.resource === resource);
      return index === -1 ? false : index;
    });
  }

  close(): void {
    this.#abort.abort();
  }
}

let t: TestServer;
let defaultProject: string;
const streams: LiveStream[] = [];

async function stream(username: string, password = passwordOf(username)): Promise<LiveStream> {
  const opened = await LiveStream.open(t.server.url, username, password);
  streams.push(opened);
  return opened;
}

beforeAll(async () => {
  t = await startTestServer();
  defaultProject = await projectId(t, "Default");
  await userClient(t, "alice");
  await userClient(t, "bob");
  await addMember(t, defaultProject, "alice", "member");
});
afterAll(async () => {
  for (const opened of streams) opened.close();
  await t?.stop();
});

const local = (resource: string): Change => ({ cluster: "local", resource });

describe("GET /api/live", () => {
  it("streams a cluster's changes to its members and to administrators, and none to a user of no project", async () => {
    const admin = await stream("admin", TEST_ADMIN_PASSWORD);
    const alice = await stream("alice");
    const bob = await stream("bob");

    await t.kubectl(["create", "configmap", "live-first", "-n", "default", "--from-literal=a=1"]);
    await alice.next("configMaps");
    await admin.next("configMaps");

    // Bob's first change is the project that makes him a member: nothing of the cluster came before it.
    await addMember(t, defaultProject, "bob", "read-only");
    await bob.next("projects");
    expect(bob.changes[0]).toEqual(local("projects"));

    // Membership is decided per change, not when the stream opened.
    await t.kubectl(["create", "configmap", "live-second", "-n", "default", "--from-literal=a=1"]);
    await bob.next("configMaps");
    expect(bob.changes).toContainEqual(local("configMaps"));
  });

  it("tells a user removed from their last project of the cluster, then streams nothing of it", async () => {
    await addMember(t, defaultProject, "bob", "read-only");
    const bob = await stream("bob");
    const alice = await stream("alice");

    // The change of the project that removes him still reaches him, so that the web app refetches /api/auth/me.
    expect((await t.api.delete(`${CLUSTER}/projects/${defaultProject}/members/bob`)).status).toBe(204);
    const removed = await bob.next("projects");

    await t.kubectl(["create", "configmap", "live-third", "-n", "default", "--from-literal=a=1"]);
    const aliceSaw = await alice.next("configMaps", alice.changes.length);
    expect(alice.changes[aliceSaw]).toEqual(local("configMaps"));

    // Added back, his next change is that project again: the ConfigMap in between never reached him.
    await addMember(t, defaultProject, "bob", "member");
    const readded = await bob.next("projects", removed + 1);
    expect(bob.changes.slice(removed + 1, readded + 1)).toEqual([local("projects")]);
  });

  it("sends a user of no project no change at all, not even of projects", async () => {
    await userClient(t, "carol");
    const carol = await stream("carol");
    const alice = await stream("alice");
    await t.kubectl(["create", "configmap", "live-fourth", "-n", "default", "--from-literal=a=1"]);
    const renamed = await t.api.put(`${CLUSTER}/projects/${defaultProject}`, { description: "renamed while carol watches" });
    expect(renamed.status).toBe(200);
    await alice.next("projects", await alice.next("configMaps"));

    // Made a member, she hears of that project, then of the cluster's next change: of nothing before.
    await addMember(t, defaultProject, "carol", "read-only");
    const joined = await carol.next("projects");
    await t.kubectl(["create", "configmap", "live-fifth", "-n", "default", "--from-literal=a=1"]);
    const next = await carol.next("configMaps", joined);
    // The audit trail's Event of adding her may come in between: it is a change of the cluster she now sees.
    expect(carol.changes.slice(0, next + 1).filter((change) => change.resource !== "events")).toEqual([local("projects"), local("configMaps")]);
  });

  it("ends the stream of a user who is disabled or loses the admin role, and keeps the others", async () => {
    await userClient(t, "dave");
    await addMember(t, defaultProject, "dave", "member");
    expect((await t.api.post("/api/users", { username: "erin", password: "erin-is-an-admin-1", admin: true })).status).toBe(201);
    const dave = await stream("dave");
    const erin = await stream("erin", "erin-is-an-admin-1");
    const alice = await stream("alice");

    expect((await t.api.put("/api/users/dave", { disabled: true })).status).toBe(200);
    expect((await t.api.put("/api/users/erin", { admin: false })).status).toBe(200);
    const within = { timeoutMs: LIVE_RECHECK_MS * 3 };
    await eventually(() => dave.ended && erin.ended, within);
    expect(alice.ended).toBe(false);
  }, 30_000);

  it("cuts off a client that stopped reading when its user is disabled, and the server stays up", async () => {
    await userClient(t, "frank");
    await addMember(t, defaultProject, "frank", "member");
    const cookie = await LiveStream.logIn(t.server.url, "frank", passwordOf("frank"));
    const silent = await fetch(`${t.server.url}/api/live`, { headers: { Cookie: cookie } });
    expect(silent.status).toBe(200);
    // Changes keep coming while the client reads nothing.
    for (let i = 0; i < 5; i++) await t.kubectl(["create", "configmap", `live-unread-${i}`, "-n", "default", "--from-literal=a=1"]);
    expect((await t.api.put("/api/users/frank", { disabled: true })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, LIVE_RECHECK_MS * 2));
    await t.kubectl(["create", "configmap", "live-unread-after", "-n", "default", "--from-literal=a=1"]);

    // What was sent can still be read; then the stream ends instead of waiting forever.
    const reader = silent.body!.getReader();
    const ended = (async () => {
      try {
        while (!(await reader.read()).done);
      } catch {
        // destroyed by the server
      }
      return true;
    })();
    expect(await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve(false), LIVE_RECHECK_MS))])).toBe(true);
    expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
  }, 40_000);
});
