// Numbered SQL migrations (migrations/0001_*.sql …), tracked by PRAGMA user_version, applied in one transaction
// after a verified backup of a ledger that already holds data.
import fs from 'node:fs';
import path from 'node:path';

import type { DB } from './open';
import { SYNCED } from './synced';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// tsx runs this file from main/db; the bundle runs from dist/main, where the build copies the folder.
export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f, i) => {
      const version = Number(f.slice(0, 4));
      if (version !== i + 1) throw new Error(`migration numbering has a gap at ${f}`);
      return { version, name: f, sql: expandOutbox(fs.readFileSync(path.join(dir, f), 'utf8')) };
    });
}

const syncedOf = (table: string) => {
  const s = SYNCED.find((x) => x.table === table);
  if (!s) throw new Error(`migration names ${table}, which db/synced.ts does not list`);
  return s;
};

/** A change to a table the county keeps writes an outbox line in the same transaction, once a county is enrolled. */
function outboxTriggers(table: string): string {
  const s = syncedOf(table);
  const events = s.insertOnly ? ['insert'] : ['insert', 'update', 'delete'];
  return events
    .map(
      (e) => `CREATE TRIGGER ${table}_outbox_${e} AFTER ${e.toUpperCase()} ON ${table}
  WHEN EXISTS (SELECT 1 FROM county_link)
  BEGIN INSERT INTO outbox (tbl, key) VALUES ('${table}', ${e === 'delete' ? 'OLD' : 'NEW'}.${s.key}); END;`,
    )
    .join('\n');
}

/** The lines that queue every row a table holds, for a township enrolled before its triggers existed. */
function outboxQueue(table: string): string {
  const { key } = syncedOf(table);
  return `INSERT INTO outbox (tbl, key)
  SELECT DISTINCT '${table}', ${key}
    FROM ${table}
    WHERE EXISTS (SELECT 1 FROM county_link)
    ORDER BY ${key};`;
}

/**
 * `-- @outbox t …` in a migration stands for the outbox triggers of those tables and `-- @outbox-queue t …` for the
 * lines queuing what they hold, written from db/synced.ts so the sixty triggers are one idea written once.
 */
export function expandOutbox(sql: string): string {
  return sql.replace(/^-- @(outbox|outbox-queue) ([\w ]+)$/gm, (_, what: string, tables: string) =>
    tables
      .trim()
      .split(/\s+/)
      .map(what === 'outbox' ? outboxTriggers : outboxQueue)
      .join('\n'),
  );
}

export function pendingMigrations(db: DB, all: Migration[]): Migration[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > all.length)
    throw new Error(`台账文件来自更新版本的程序（结构版本 ${current}），请升级本程序后再打开。`);
  return all.slice(current);
}

export function applyMigrations(db: DB, pending: Migration[]): void {
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}
