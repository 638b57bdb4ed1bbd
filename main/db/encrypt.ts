// A plain SQLite file (a ledger or a backup of a version before encryption) copied into an encrypted one: the copy
// through the backup API, then rekeyed alone, then checked against the original. The original is never written.
import fs from 'node:fs';

import Database from 'better-sqlite3-multiple-ciphers';

import { openKeyed, PRIVATE_FILE } from './open';

function counts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare(
      `SELECT name
        FROM sqlite_master
        WHERE type = 'table'
          AND name NOT LIKE 'sqlite_%'`,
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** Writes `target` as an encrypted copy of the plain `source`, verified; on any fault `target` is removed. */
export async function encryptCopy(source: string, target: string, key: Buffer): Promise<void> {
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    fs.rmSync(target, { force: true });
    await src.backup(target);
    fs.chmodSync(target, PRIVATE_FILE);
    const copy = new Database(target, { fileMustExist: true });
    try {
      // SQLite3 Multiple Ciphers rekeys only outside WAL; the copy is alone, so this is safe.
      copy.pragma('journal_mode = DELETE');
      copy.pragma(`cipher = 'sqlcipher'`);
      copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    const enc = openKeyed(target, key, { readonly: true });
    try {
      const check = enc.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`加密后的副本未通过检查：${String(check)}`);
      if (JSON.stringify(counts(enc)) !== JSON.stringify(counts(src)))
        throw new Error('加密后的副本与原文件行数不一致');
    } finally {
      enc.close();
    }
  } catch (e) {
    for (const f of [target, target + '-journal', target + '-wal', target + '-shm']) fs.rmSync(f, { force: true });
    throw e;
  } finally {
    src.close();
  }
}
