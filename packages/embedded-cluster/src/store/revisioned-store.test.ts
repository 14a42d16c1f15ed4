import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RevisionedStore } from "./revisioned-store.ts";
import { SqlitePersistence } from "./sqlite-persistence.ts";
import { HistoryCompactedError, KeyExistsError, RevisionMismatchError } from "./store.ts";

const key = (name: string) => ({ resource: "secrets", namespace: "default", name });
const obj = (name: string) => ({ metadata: { name, namespace: "default" }, data: {} });

describe("RevisionedStore", () => {
  it("gives every write the next global revision as resourceVersion", () => {
    const store = new RevisionedStore();
    const a = store.create(key("a"), obj("a"));
    const b = store.create(key("b"), obj("b"));
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    expect(store.revision).toBe(Number(b.metadata.resourceVersion));
    expect(() => store.create(key("a"), obj("a"))).toThrow(KeyExistsError);
  });

  it("refuses an update whose expected revision is stale", () => {
    const store = new RevisionedStore();
    const a = store.create(key("a"), obj("a"));
    store.update(key("a"), { ...a, data: { x: "eA==" } }, Number(a.metadata.resourceVersion));
    expect(() => store.update(key("a"), a, Number(a.metadata.resourceVersion))).toThrow(RevisionMismatchError);
  });

  it("returns changes after a revision and reports a compacted history", () => {
    const store = new RevisionedStore(undefined, 2);
    const start = store.revision;
    store.create(key("a"), obj("a"));
    store.create(key("b"), obj("b"));
    const deleted = store.delete(key("a"));
    expect(store.changesSince("secrets", start + 1).map((c) => c.type)).toEqual(["ADDED", "DELETED"]);
    expect(deleted.metadata.resourceVersion).toBe(String(store.revision));
    expect(() => store.changesSince("secrets", start)).toThrow(HistoryCompactedError);
  });

  it("keeps every acknowledged write across a reopen of its SQLite file", () => {
    const path = join(mkdtempSync(join(tmpdir(), "paddock-store-")), "state.db");
    const first = new RevisionedStore(new SqlitePersistence(path));
    first.create(key("a"), obj("a"));
    const b = first.create(key("b"), obj("b"));
    first.delete(key("a"));
    const revision = first.revision;
    first.close();

    const second = new RevisionedStore(new SqlitePersistence(path));
    expect(second.revision).toBe(revision);
    expect(second.list("secrets").map((o) => o.metadata.name)).toEqual(["b"]);
    expect(second.get(key("b"))?.metadata.resourceVersion).toBe(b.metadata.resourceVersion);
    second.close();
  });
});
