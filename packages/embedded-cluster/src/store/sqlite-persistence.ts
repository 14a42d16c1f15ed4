import Database from "better-sqlite3";
import type { KubeObject } from "../api/types.ts";
import type { Persistence } from "./revisioned-store.ts";
import type { ObjectKey } from "./store.ts";

/**
 * Writes every change to SQLite before the API acknowledges it. WAL mode: a committed
 * transaction survives the process being killed (an OS crash may lose the last ones).
 */
export class SqlitePersistence implements Persistence {
  readonly #db: Database.Database;
  readonly #put: Database.Statement;
  readonly #remove: Database.Statement;
  readonly #setRevision: Database.Statement;

  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("synchronous = NORMAL");
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS objects (
        resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
        revision INTEGER NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (resource, namespace, name));
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT OR IGNORE INTO meta (key, value) VALUES ('revision', 1);
    `);
    this.#put = this.#db.prepare(
      "INSERT INTO objects (resource, namespace, name, revision, value) VALUES (?, ?, ?, ?, ?) " +
        "ON CONFLICT (resource, namespace, name) DO UPDATE SET revision = excluded.revision, value = excluded.value",
    );
    this.#remove = this.#db.prepare("DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?");
    this.#setRevision = this.#db.prepare("UPDATE meta SET value = ? WHERE key = 'revision'");
  }

  load(): { revision: number; objects: Array<{ key: ObjectKey; object: KubeObject }> } {
    const revision = (this.#db.prepare("SELECT value FROM meta WHERE key = 'revision'").get() as { value: number }).value;
    const rows = this.#db.prepare("SELECT resource, namespace, name, value FROM objects").all() as Array<
      ObjectKey & { value: string }
    >;
    return {
      revision,
      objects: rows.map((r) => ({
        key: { resource: r.resource, namespace: r.namespace, name: r.name },
        object: JSON.parse(r.value) as KubeObject,
      })),
    };
  }

  put(key: ObjectKey, object: KubeObject, revision: number): void {
    this.#db.transaction(() => {
      this.#put.run(key.resource, key.namespace, key.name, revision, JSON.stringify(object));
      this.#setRevision.run(revision);
    })();
  }

  remove(key: ObjectKey, revision: number): void {
    this.#db.transaction(() => {
      this.#remove.run(key.resource, key.namespace, key.name);
      this.#setRevision.run(revision);
    })();
  }

  close(): void {
    this.#db.close();
  }
}
