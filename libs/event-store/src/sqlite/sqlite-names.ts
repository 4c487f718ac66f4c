import type Database from 'better-sqlite3';

/**
 * Stream and event type names, interned as small integers (the `streams` and `event_types` tables):
 * every row and the (stream, revision) index then hold a few bytes instead of the name.
 * Names are few (one stream per entity and per organization's token history), so all stay cached.
 */
export class SqliteNames {
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<number, string>();
  private readonly byName: Database.Statement<[string], number>;
  private readonly byId: Database.Statement<[number], string>;
  private readonly insert: Database.Statement<[string], number>;

  constructor(db: Database.Database, table: 'streams' | 'event_types') {
    this.byName = db.prepare<[string], number>(`SELECT id FROM ${table} WHERE name = ?`).pluck();
    this.byId = db.prepare<[number], string>(`SELECT name FROM ${table} WHERE id = ?`).pluck();
    this.insert = db.prepare<[string], number>(`INSERT INTO ${table} (name) VALUES (?) RETURNING id`).pluck();
  }

  /** The id of a name already stored, or undefined. */
  find(name: string): number | undefined {
    const cached = this.ids.get(name);
    if (cached !== undefined) return cached;
    const id = this.byName.get(name);
    if (id !== undefined) this.remember(name, id);
    return id;
  }

  /** Writer side, inside its transaction: the id of the name, stored now if new. */
  intern(name: string): number {
    return this.find(name) ?? this.remember(name, this.insert.get(name)!);
  }

  /** Reader side: names are never renamed or reused, so a cached one stays right. */
  nameOf(id: number): string {
    const cached = this.names.get(id);
    if (cached !== undefined) return cached;
    const name = this.byId.get(id);
    if (name === undefined) throw new Error(`no name for id ${id}`);
    this.remember(name, id);
    return name;
  }

  /** After a rollback: ids handed out inside it no longer exist. */
  forget(): void {
    this.ids.clear();
    this.names.clear();
  }

  private remember(name: string, id: number): number {
    this.ids.set(name, id);
    this.names.set(id, name);
    return id;
  }
}
