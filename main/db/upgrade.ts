// The first start of this version on a plain ledger: an administrator signs in against its staff table, a plain
// backup goes to a folder they choose, and the ledger is encrypted beside itself, verified, then renamed into place.
// Every staff member keeps their password: their slot is made from the scrypt the staff table already holds. A kill
// at any moment leaves the old plain ledger (which the next start encrypts again) or the new encrypted one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3-multiple-ciphers';

import { AppError } from '../../shared/domain/result';
import { isoCn, stampCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import { encryptCopy } from './encrypt';
import { groupsOfFour, Keyring, keysFileOf, syncFolder, wrongPassword } from './keys';
import { lockLedger } from './lock';
import type { DB } from './open';
import { verifyPassword } from './password';

interface LegacyStaff {
  id: number;
  username: string;
  active: number;
  admin: number;
  hash: Buffer;
  salt: Buffer;
  params: string;
}

const LEGACY_STAFF = `SELECT s.id, s.username, s.active, s.password_hash AS hash, s.password_salt AS salt,
    s.password_params AS params,
    EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = 'admin') AS admin
  FROM staff s`;

function setting<T>(db: DB, key: string): T | null {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as T) : null;
}

/** The plain ledger's administrator, checked as the version before this one did. */
function checkAdmin(staff: LegacyStaff[], username: string, password: string): LegacyStaff | AppError {
  const r = staff.find((s) => s.username.toLowerCase() === username.toLowerCase() && s.active === 1);
  if (!r || !verifyPassword(password, r.hash, r.salt, r.params)) return wrongPassword();
  if (!r.admin) return new AppError('FORBIDDEN', '台账需要加密：请由管理员登录来完成', 'username');
  return r;
}

/** A fault while copying (a full disk above all): the ledger is as it was, and the message says so. */
function notDone(e: Error): AppError {
  const full = /SQLITE_FULL|SQLITE_IOERR|disk is full|disk I\/O error|ENOSPC|EFBIG/i.test(
    `${e.message} ${String((e as { code?: string }).code)}`,
  );
  return new AppError(
    'INTERNAL',
    `加密没有完成，台账未作任何改动（仍是原来的未加密台账）。` +
      (full ? '磁盘空间不足：请腾出至少台账文件两倍大小的空间后再试。' : '') +
      `（${e.message}）`,
  );
}

export interface Upgraded {
  recoveryKey: string;
  plainBackup: string;
  keys: Keyring;
}

/**
 * Encrypts the plain ledger `file` after its administrator's password; its plain backup goes into `folder`. The
 * steps, each safe to die in: the plain backup; the encrypted copy (`.encrypting`), checked row for row; the key
 * file (atomic); the copy renamed over the ledger.
 */
export async function encryptLedger(
  file: string,
  opts: {
    username: string;
    password: string;
    folder: string;
    now: Date;
    /** Told each step as it ends (a progress line; the crash test kills from the first one on). */
    step?: (done: 'checked' | 'copied' | 'keyed') => void;
  },
): Promise<Upgraded> {
  const abs = path.resolve(file);
  if (!fs.statSync(opts.folder, { throwIfNoEntry: false })?.isDirectory())
    throw new AppError('VALIDATION', `文件夹不存在：${opts.folder}。请先插好 U 盘，再选择文件夹`, 'folder');
  const unlock = lockLedger(abs, isoCn(opts.now));
  const encrypting = `${abs}.encrypting`;
  try {
    const plain = new Database(abs, { fileMustExist: true });
    let ledgerId: string;
    let upgraded: Omit<Upgraded, 'keys'> & { keys: Keyring };
    try {
      const staff = plain.prepare(LEGACY_STAFF).all() as LegacyStaff[];
      const admin = checkAdmin(staff, opts.username, opts.password);
      if (admin instanceof AppError) throw admin;
      opts.step?.('checked');
      // Today's version gives every ledger its identity at its first open; one that never had it gets it now.
      ledgerId = setting<string>(plain, 'ledgerId') ?? crypto.randomUUID();
      if (!setting(plain, 'ledgerId'))
        plain.prepare(`INSERT INTO settings (key, value) VALUES ('ledgerId', ?)`).run(JSON.stringify(ledgerId));
      const plainBackup = path.join(opts.folder, `bianmin-${stampCn(opts.now)}-plain-before-encryption.sqlite`);
      const dataKey = crypto.randomBytes(32);
      try {
        await plain.backup(plainBackup);
        plain.pragma('wal_checkpoint(TRUNCATE)');
        await encryptCopy(abs, encrypting, dataKey);
      } catch (e) {
        fs.rmSync(plainBackup, { force: true });
        throw notDone(e as Error);
      }
      opts.step?.('copied');
      const center = setting<{ name: string }>(plain, 'center')?.name ?? DEFAULT_CENTER.name;
      const keys = Keyring.createWith(keysFileOf(abs), ledgerId, center, dataKey);
      for (const s of staff.filter((x) => x.active === 1))
        keys.setSlotFromScrypt(s.id, s.username, s.hash, s.salt, JSON.parse(s.params));
      upgraded = { recoveryKey: groupsOfFour(keys.newRecovery()), plainBackup, keys };
      opts.step?.('keyed');
    } finally {
      plain.close();
    }
    // The plain WAL was folded in and is empty: it must not be replayed onto the encrypted file.
    for (const f of [`${abs}-wal`, `${abs}-shm`]) fs.rmSync(f, { force: true });
    fs.renameSync(encrypting, abs);
    syncFolder(path.dirname(abs));
    return upgraded;
  } catch (e) {
    fs.rmSync(encrypting, { force: true });
    throw e;
  } finally {
    unlock();
  }
}
