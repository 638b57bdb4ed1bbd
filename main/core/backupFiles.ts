// Backups of the ledger, always through SQLite (VACUUM INTO, never a file copy of a live database), encrypted with the
// ledger's own key, verified with integrity_check before they count: daily at the first sign-in of the day, at clean
// exit, before migrations and restores, and on demand to a folder the user picks (a USB stick, with the key file).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn, stampCn } from '../../shared/domain/time';
import type { BackupFile } from '../../shared/schemas/backup';
import { encryptCopy } from '../db/encrypt';
import { isPlain, ledgerId, openKeyed, PRIVATE_DIR, PRIVATE_FILE } from '../db/open';
import type { OpenLedger } from './openLedger';
import { rekeyRunning } from './rekey';

export const KEEP_BACKUPS = 30;
const NAME = /^bianmin-\d{4}-\d{2}-\d{2}T\d{6}-[\w-]+\.sqlite$/;

export function backupInfo(dir: string, file: string): BackupFile {
  const st = fs.statSync(path.join(dir, file));
  return { file, bytes: st.size, at: isoCn(st.mtime) };
}

export function listBackups(dir: string): BackupFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .reverse()
    .map((f) => backupInfo(dir, f));
}

/** Opens a finished backup with the key, checks it page by page, and makes it a single self-contained file. */
export function verifyBackup(file: string, key: Buffer): void {
  const db = openKeyed(file, key);
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows[0]?.integrity_check !== 'ok') throw new Error(rows.map((r) => r.integrity_check).join('; '));
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** The identity of the ledger a backup was made from (null for a backup made before ledgers had one). */
function backupOwner(file: string, key: Buffer): string | null {
  const db = openKeyed(file, key, { readonly: true });
  try {
    return ledgerId(db);
  } finally {
    db.close();
  }
}

/** Backs the ledger up into `dir`; the file appears under its final name only once verified. */
export async function makeBackup(
  ledger: OpenLedger,
  reason: string,
  dir = ledger.backupsDir,
  now = ledger.clock(),
): Promise<string> {
  // A re-key under way or about to start (a deactivation just committed) finishes first: a backup made meanwhile
  // would still open with the old key.
  await rekeyRunning(ledger);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  let name = `bianmin-${stampCn(now)}-${reason}.sqlite`;
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `bianmin-${stampCn(now)}-${reason}-${i}.sqlite`;
  const final = path.join(dir, name);
  const partial = final + '.partial';
  try {
    // Made empty and the user's only first (VACUUM INTO takes an empty file); it writes the copy with the
    // connection's cipher and key, so a backup is never plain.
    fs.closeSync(fs.openSync(partial, 'w', PRIVATE_FILE));
    ledger.db.prepare('VACUUM INTO ?').run(partial);
    verifyBackup(partial, ledger.keys.key);
    fs.renameSync(partial, final);
  } catch (e) {
    for (const f of [partial, partial + '-wal', partial + '-shm', partial + '-journal']) fs.rmSync(f, { force: true });
    throw new AppError('INTERNAL', `备份失败，未生成备份文件：${(e as Error).message}`);
  }
  return final;
}

/** Keeps the newest `keep` automatic backups beside the ledger. */
export function pruneBackups(dir: string, keep = KEEP_BACKUPS): void {
  for (const b of listBackups(dir).slice(keep)) fs.rmSync(path.join(dir, b.file), { force: true });
}

/** The first start of each (China) day makes a backup. */
export async function dailyBackup(ledger: OpenLedger, now = ledger.clock()): Promise<string | null> {
  // Not under a key that is due to change: the re-key that runs after this sign-in goes first (the exit backup waits).
  if (ledger.keys.rekeyDue) return null;
  const today = new RegExp(`^bianmin-${dateCn(now)}T\\d{6}-daily`);
  if (listBackups(ledger.backupsDir).some((b) => today.test(b.file))) return null;
  const file = await makeBackup(ledger, 'daily', ledger.backupsDir, now);
  pruneBackups(ledger.backupsDir);
  return file;
}

/** Old backups left plain by a version before encryption (or an upgrade cut short) are encrypted in place. */
export async function encryptPlainBackups(ledger: OpenLedger): Promise<void> {
  for (const b of listBackups(ledger.backupsDir)) {
    const file = path.join(ledger.backupsDir, b.file);
    if (!isPlain(file)) continue;
    const partial = file + '.partial';
    await encryptCopy(file, partial, ledger.keys.key);
    fs.renameSync(partial, file);
  }
}

/**
 * A backup one of this ledger's keys opens (the current one, or an older one for a backup made before a re-key),
 * which is a copy of this ledger (not of another one) and whole. Answers the key that opened it.
 */
export function checkBackup(source: string, keys: Buffer | Buffer[], id: string): Buffer {
  let owner: string | null = null;
  let key: Buffer | null = null;
  for (const k of Array.isArray(keys) ? keys : [keys]) {
    try {
      owner = backupOwner(source, k);
      key = k;
      break;
    } catch {
      // not this generation's key: the next one
    }
  }
  if (!key) throw new AppError('VALIDATION', '这个备份属于另一个台账（本台账的钥匙打不开它），不能用来恢复', 'file');
  if (owner !== id) throw new AppError('VALIDATION', '这个备份属于另一个台账，不能恢复到本台账', 'file');
  try {
    verifyBackup(source, key);
  } catch (e) {
    throw new AppError('VALIDATION', `这个备份已损坏，不能用来恢复：${(e as Error).message}`, 'file');
  }
  return key;
}

/**
 * A copy of a backup made before a re-key, given the ledger's current key before it becomes the ledger. The copy is
 * alone and in DELETE mode (verifyBackup), where SQLite3 Multiple Ciphers rekeys.
 */
export function rekeyCopy(file: string, from: Buffer, to: Buffer): void {
  if (from.equals(to)) return;
  const db = openKeyed(file, from);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = "x'${to.toString('hex')}'"`);
  } finally {
    db.close();
  }
  openKeyed(file, to, { readonly: true }).close();
}

/**
 * Marks a copy about to become the ledger (a backup being restored) with a new restore mark in its settings. The
 * county's link compares it with the mark it last knew (county/epochs.ts): a ledger that went back in time is never
 * taken for the one the county last heard from, and the county keeps its old copy and takes every row again.
 */
export function markRestored(file: string, key: Buffer, now: Date): void {
  const db = openKeyed(file, key);
  try {
    db.prepare(
      `INSERT INTO settings (key, value)
        VALUES ('restored', ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(JSON.stringify({ mark: crypto.randomUUID(), at: isoCn(now) }));
  } finally {
    db.close();
  }
}

/**
 * Restores a backup into the live ledger: the chosen backup is checked, the current ledger is backed up first, then
 * a copy of the backup takes the ledger file's place.
 */
export async function restoreBackup(ledger: OpenLedger, file: string, now = ledger.clock()): Promise<BackupFile> {
  const source = path.join(ledger.backupsDir, path.basename(file));
  if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', `找不到备份文件 ${file}`, 'file');
  const key = checkBackup(source, ledger.keys.allKeys, ledger.id);
  await makeBackup(ledger, 'before-restore', ledger.backupsDir, now);
  const prepared = `${ledger.file}.restoring`;
  fs.copyFileSync(source, prepared);
  fs.chmodSync(prepared, PRIVATE_FILE);
  rekeyCopy(prepared, key, ledger.keys.key);
  markRestored(prepared, ledger.keys.key, now);
  ledger.swapIn(prepared);
  const check = ledger.db.pragma('quick_check') as { quick_check: string }[];
  if (check[0]?.quick_check !== 'ok') throw new AppError('INTERNAL', '恢复后的台账未通过检查，请联系技术支持');
  return backupInfo(ledger.backupsDir, path.basename(source));
}
