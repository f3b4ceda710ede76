import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  decodeProjectModel,
  encodeProjectModel,
  type EncodedProjectModel,
  type ProjectModel,
  type ProjectRecord,
  storedProjectOf,
  type StoredProject,
} from '@kawasan/projections';

/**
 * The projection's snapshot: every project's fold with the position the views had reached, so a
 * restart loads folds instead of replaying the log. A SQLite file of its own (never the event
 * store's), so that
 *  - a save writes only the projects changed since the previous one, in one transaction with
 *    the position (a crash leaves the old snapshot or the new one, never a mix);
 *  - a restart reads the small `projects` table and is ready; each project's fold is read from
 *    `folds` the first time something needs it (ReadModel.restore).
 *
 * The snapshot is a cache of the log: a file that is unreadable or of another format is
 * replaced, and the views replay from zero. It names the log it was folded from (`origin`, the
 * id of the log's first event), so that a store replaced under it (a demo reset, a restored
 * backup) is not taken for the one it knew.
 */
const FORMAT = '3';

/**
 * A save runs over several turns of the event loop so reads keep being served: it yields after
 * this long (a busy project's fold costs tens of microseconds to encode).
 */
const SLICE_MS = 4;

const turn = () => new Promise((resolve) => setImmediate(resolve));

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS projects (
    project_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    events INTEGER NOT NULL,
    first_recorded_at TEXT NOT NULL,
    last_recorded_at TEXT NOT NULL,
    stale INTEGER NOT NULL,
    province TEXT
  ) WITHOUT ROWID;
  -- Folds apart from the list: a restart scans the list without touching the folds' pages.
  CREATE TABLE IF NOT EXISTS folds (project_id TEXT PRIMARY KEY, model TEXT NOT NULL);
`;

interface ProjectRow {
  project_id: string;
  position: bigint;
  events: bigint;
  first_recorded_at: string;
  last_recorded_at: string;
  stale: bigint;
  province: string | null;
}

export class SnapshotStore {
  readonly #db: Database.Database;
  readonly #statements;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#statements = {
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>(
        `INSERT INTO meta (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ),
      projects: db.prepare<[], ProjectRow>('SELECT * FROM projects').safeIntegers(true),
      fold: db.prepare<[string], { model: string }>('SELECT model FROM folds WHERE project_id = ?'),
      putProject: db.prepare<[string, bigint, number, string, string, number, string | null]>(
        `INSERT OR REPLACE INTO projects
           (project_id, position, events, first_recorded_at, last_recorded_at, stale, province)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      putFold: db.prepare<[string, string]>(
        'INSERT OR REPLACE INTO folds (project_id, model) VALUES (?, ?)',
      ),
      dropFold: db.prepare<[string]>('DELETE FROM folds WHERE project_id = ?'),
    };
  }

  /** Opens (or creates) the snapshot file; one that cannot be used is replaced by an empty one. */
  static open(file: string): SnapshotStore {
    mkdirSync(dirname(file), { recursive: true });
    try {
      return new SnapshotStore(openDatabase(file));
    } catch {
      // Not a snapshot of ours (garbage, another format, a cut file): start over.
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
      return new SnapshotStore(openDatabase(file));
    }
  }

  /** The position every project in the snapshot was folded up to at least; null: none saved yet. */
  position(): bigint | null {
    const row = this.#statements.meta.get('position');
    return row ? BigInt(row.value) : null;
  }

  /** The id of the first event of the log the snapshot was folded from; null: not known. */
  origin(): string | null {
    return this.#statements.meta.get('origin')?.value ?? null;
  }

  setOrigin(origin: string): void {
    this.#statements.setMeta.run('origin', origin);
  }

  /** Forgets every project and the position (the views replay), keeping the file. */
  clear(): void {
    this.#db.exec(`BEGIN;
      DELETE FROM projects; DELETE FROM folds; DELETE FROM meta WHERE key <> 'format';
      COMMIT;`);
  }

  /** The projects the snapshot holds, without their folds. */
  *projects(): Iterable<StoredProject> {
    for (const r of this.#statements.projects.iterate())
      yield {
        projectId: r.project_id,
        position: r.position,
        events: Number(r.events),
        firstRecordedAt: r.first_recorded_at,
        lastRecordedAt: r.last_recorded_at,
        stale: r.stale !== 0n,
        province: r.province,
      };
  }

  /** A project's fold as saved (null: none saved). */
  load(projectId: string): ProjectModel | null {
    const row = this.#statements.fold.get(projectId);
    return row ? decodeProjectModel(JSON.parse(row.model) as EncodedProjectModel) : null;
  }

  /**
   * Saves the records of `projectIds` and moves the position to `position`, atomically. The
   * records are read over several turns while new events are folded: each is at least as new as
   * `position`, and a restored model skips what a project already has. Returns how many it wrote.
   */
  async save(
    position: bigint,
    projectIds: Iterable<string>,
    recordOf: (projectId: string) => ProjectRecord | null,
  ): Promise<number> {
    const s = this.#statements;
    let written = 0;
    this.#db.exec('BEGIN');
    try {
      let sliceStart = performance.now();
      for (const projectId of projectIds) {
        const r = recordOf(projectId);
        if (!r) continue;
        const p = storedProjectOf(r);
        s.putProject.run(
          projectId,
          p.position,
          p.events,
          p.firstRecordedAt,
          p.lastRecordedAt,
          p.stale ? 1 : 0,
          p.province,
        );
        if (r.model) s.putFold.run(projectId, JSON.stringify(encodeProjectModel(r.model)));
        else s.dropFold.run(projectId);
        written++;
        if (performance.now() - sliceStart > SLICE_MS) {
          await turn();
          sliceStart = performance.now();
        }
      }
      s.setMeta.run('position', position.toString());
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
    return written;
  }

  close(): void {
    this.#db.close();
  }
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    // A snapshot is a cache of the log: losing the last save to a power cut costs a longer
    // catch-up, never a wrong view (the save and its position commit together). A rollback
    // journal, not WAL: the first save after a replay writes ~1 GB, and in WAL mode the commit's
    // checkpoint copied all of it into the file at once, blocking the service for 5 s; here pages
    // reach the file as the save goes and the commit is one fsync (0.7 s at 100k projects).
    db.pragma('journal_mode = TRUNCATE');
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    const format = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'format'`).get(); // prettier-ignore
    if (format === undefined) {
      const empty = db.prepare('SELECT 1 FROM projects LIMIT 1').get() === undefined;
      if (!empty) throw new Error('a snapshot without a format');
      db.prepare(`INSERT INTO meta (key, value) VALUES ('format', ?)`).run(FORMAT);
    } else if (format.value !== FORMAT) throw new Error(`snapshot format ${format.value}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
