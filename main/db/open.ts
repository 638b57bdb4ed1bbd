// Opening the ledger file: refuse what is unsafe (a directory, an unwritable place, a network share, an old SQLite,
// a corrupt or plain file, a wrong key) with a clear Chinese message, before anything is written. Every ledger is
// encrypted whole (SQLite3 Multiple Ciphers, the SQLCipher scheme, a raw 256-bit key): its pages, its WAL, its backups.
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3-multiple-ciphers';

export type DB = Database.Database;

export class LedgerOpenError extends Error {}

/** A ledger of a version before encryption: it opens only to be encrypted (db/upgrade.ts). */
export class PlainLedgerError extends LedgerOpenError {}

/** The ledger, its backups and their folders are readable by the user alone. */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

export const MIN_SQLITE = '3.51.3';
const NETWORK_FS =
  /^(nfs4?|cifs|smb3?|smbfs|ncpfs|afs|ceph|glusterfs|9p|fuse\.sshfs|sshfs|fuse\.rclone|davfs|fuse\.davfs2?)$/;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The file system type of the mount holding `file`, from a /proc/mounts text (Linux). */
export function mountTypeOf(file: string, mounts: string): string | null {
  let best: { dir: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [, dir, type] = line.split(' ');
    if (!dir || !type) continue;
    const d = dir.replace(/\\040/g, ' ');
    const inside = file === d || file.startsWith(d.endsWith('/') ? d : d + '/');
    if (inside && (!best || d.length > best.dir.length)) best = { dir: d, type };
  }
  return best?.type ?? null;
}

export function isNetworkPath(file: string, mounts?: string): boolean {
  if (/^(\\\\|\/\/)[^\\/]/.test(file)) return true; // UNC path: \\server\share or //server/share
  if (mounts === undefined) {
    try {
      mounts = fs.readFileSync('/proc/mounts', 'utf8');
    } catch {
      return false;
    }
  }
  const type = mountTypeOf(file, mounts);
  return type !== null && NETWORK_FS.test(type);
}

export const networkShare = (file: string) =>
  new LedgerOpenError(`台账文件不能放在网络共享上（${file}）：断网或多人同时写入会损坏数据，请放在本机硬盘上。`);

/** The folders from the nearest existing ancestor down to the file's own folder (the ones still to create). */
function missingFolders(file: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let dir = path.dirname(file);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) {
    missing.unshift(dir);
    dir = path.dirname(dir);
  }
  return { existing: dir, missing };
}

export function checkPlace(file: string): { exists: boolean } {
  const { existing, missing } = missingFolders(file);
  const real = path.join(fs.realpathSync(existing), path.relative(existing, file));
  if (isNetworkPath(real)) throw networkShare(file);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw new LedgerOpenError(
      `台账路径是一个文件夹，不是文件：${file}。请指定文件，例如 ${path.join(file, 'ledger.sqlite')}`,
    );
  if (stat && !stat.isFile()) throw new LedgerOpenError(`台账路径不是普通文件：${file}`);
  const dir = path.dirname(file);
  try {
    // One level at a time: recursive mkdir spins forever where creation fails with ENOENT (e.g. under /proc).
    // Folders we make are the user's only (0700), like the files in them (0600).
    for (const d of missing) fs.mkdirSync(d, { mode: PRIVATE_DIR });
    // Root passes access() checks everywhere, so probe with a real (empty, removed) file.
    const probe = path.join(dir, `.bianmin-probe-${process.pid}`);
    fs.closeSync(fs.openSync(probe, 'wx'));
    fs.unlinkSync(probe);
    if (stat) fs.closeSync(fs.openSync(file, 'r+'));
  } catch (e) {
    throw new LedgerOpenError(
      `无法写入台账所在的文件夹 ${dir}（${(e as NodeJS.ErrnoException).code ?? '未知错误'}）。请换一个有写权限的位置。`,
    );
  }
  return { exists: !!stat && stat.size > 0 };
}

export const plainLedger = (file: string) =>
  new PlainLedgerError(`${file} 是旧版本的未加密台账，需要由管理员登录后加密，才能继续使用。`);

/** A plain SQLite file starts with its name; an encrypted one with random bytes. */
export function isPlain(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(16);
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  return head.equals(SQLITE_HEADER);
}

/** Gives a connection the ledger's key; a wrong key (or a file that is not a ledger) fails at the first read. */
export function useKey(db: DB, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw new LedgerOpenError('密钥与台账文件不符：这个文件不是本台账，或已损坏。文件未作任何改动。');
  }
  // The SQLCipher scheme must be the one in use, or pages would be written in another format (or in clear).
  if (db.pragma('cipher', { simple: true }) !== 'sqlcipher') throw new LedgerOpenError('台账未能以加密方式打开');
}

/** An encrypted database file (a ledger or a backup) opened with its key. */
export function openKeyed(file: string, key: Buffer, opts: { readonly?: boolean } = {}): DB {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: true });
  try {
    useKey(db, key);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Checks an existing file without writing to it: quick_check on a read-only connection, with the key (an encrypted
 * ledger) or without (a plain one of an earlier version, checked before the sign-in screen offers to encrypt it).
 */
export function checkIntact(file: string, key: Buffer | null): void {
  let problem: string | null = null;
  const ro = key
    ? openKeyed(file, key, { readonly: true })
    : new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = ro.pragma('quick_check') as { quick_check: string }[];
    if (rows[0]?.quick_check !== 'ok')
      problem = rows
        .slice(0, 3)
        .map((r) => r.quick_check)
        .join('；');
  } catch (e) {
    problem = (e as Error).message;
  } finally {
    ro.close();
  }
  if (problem)
    throw new LedgerOpenError(
      `台账文件已损坏，已拒绝打开，文件未作任何改动：${file}（${problem}）。请从 backups 文件夹中的备份恢复，或联系技术支持。`,
    );
}

export interface OpenOptions {
  /** For tests: pretend the linked SQLite is this version. */
  sqliteVersion?: string;
}

export function openLedger(file: string, key: Buffer, opts: OpenOptions = {}): { db: DB; created: boolean } {
  // Before resolving: path.resolve turns //server/share into /server/share.
  if (isNetworkPath(file, '')) throw networkShare(file);
  const abs = path.resolve(file);
  const { exists } = checkPlace(abs);
  if (exists && isPlain(abs)) throw plainLedger(abs);
  if (exists) checkIntact(abs, key);
  // The ledger is the user's only: created 0600 before SQLite opens it (its -wal and -shm take the same mode), and
  // an older world-readable one is closed up. On Windows these modes do nothing; the user-data folder's ACL applies.
  if (!exists) fs.closeSync(fs.openSync(abs, 'a', PRIVATE_FILE));
  for (const f of [abs, abs + '-wal', abs + '-shm']) if (fs.existsSync(f)) fs.chmodSync(f, PRIVATE_FILE);
  const db = new Database(abs);
  try {
    useKey(db, key);
    const version = opts.sqliteVersion ?? (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
    if (compareVersions(version, MIN_SQLITE) < 0)
      throw new LedgerOpenError(
        `SQLite 版本 ${version} 太旧（至少需要 ${MIN_SQLITE}，旧版本有已知的 WAL 数据损坏问题）。请升级本程序。`,
      );
    db.pragma('journal_mode = WAL');
    // better-sqlite3 leaves WAL at NORMAL, which can lose a confirmed payment on power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted rows (a withdrawn draft, a moved person's old row) are overwritten, not left readable in free pages.
    db.pragma('secure_delete = ON');
    // Pages are decrypted as they enter SQLite's cache: a larger cache (64 MiB, not the default 2) decrypts a
    // county's year of payments once, not again on every report.
    db.pragma('cache_size = -65536');
    // A sort or index build larger than the cache spills to temporary files, which SQLite writes in clear (etilqs_*):
    // names and ID numbers on disk, outside the cipher. Kept in memory, they never touch the disk.
    db.pragma('temp_store = MEMORY');
    return { db, created: !exists };
  } catch (e) {
    db.close();
    if (!exists) for (const f of [abs, abs + '-wal', abs + '-shm']) fs.rmSync(f, { force: true });
    throw e;
  }
}

const cache = new WeakMap<DB, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection: parsing SQL on every call costs more than most queries here. */
export function prep(db: DB, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

/** The identity stored in a ledger (or a backup of it), if it has one. */
export function ledgerId(db: DB): string | null {
  const r = db.prepare(`SELECT value FROM settings WHERE key = 'ledgerId'`).get() as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as string) : null;
}
