// Numbered SQL migrations (migrations/0001_*.sql …), tracked by PRAGMA user_version, applied in one transaction
// after a verified backup of a ledger that already holds data.
import fs from 'node:fs';
import path from 'node:path';

import type { DB } from './open';

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
      return { version, name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') };
    });
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
