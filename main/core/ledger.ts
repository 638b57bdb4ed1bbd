// The open ledger: the one database handle main owns, its file, its key file, and what happens at open and at clean
// exit. A ledger is opened with the data key a sign-in unwrapped (desk.ts); a new one is made with a fresh key.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { isoCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import { Keyring, type KeyringOptions, keysFileOf, syncFolder } from '../db/keys';
import { lockLedger } from '../db/lock';
import { applyMigrations, loadMigrations, type Migration, pendingMigrations } from '../db/migrate';
import {
  checkPlace,
  type DB,
  isNetworkPath,
  isPlain,
  ledgerId,
  LedgerOpenError,
  networkShare,
  openLedger,
  type OpenOptions,
  plainLedger,
} from '../db/open';
import { dailyBackup, encryptPlainBackups, makeBackup, pruneBackups } from './backupFiles';
import type { Clock } from './clock';
import { finishInterrupted, rekeyRunning } from './rekey';

/** What to do with the key file of a ledger file that does not exist (or is empty). */
function keysWithoutLedger(file: string): void {
  const keysFile = keysFileOf(file);
  if (!Keyring.exists(keysFile)) return;
  // A first start that stopped before its administrator existed: no one can open what it made, and it holds nothing.
  if (Keyring.read(keysFile).unused) return fs.rmSync(keysFile);
  throw new LedgerOpenError(
    `找不到台账文件 ${file}，但它的钥匙文件还在。请把台账文件放回原处，或在登录页用“从备份恢复”找回台账。`,
  );
}

/** `hashParams` (KeyringOptions): a new ledger's scrypt cost, given only by tests that do not test hashing. */
export interface LedgerOpenOptions extends OpenOptions, KeyringOptions {
  clock: Clock;
  /** The key file, unlocked by a sign-in; absent when the ledger is to be made. */
  keys?: Keyring;
  migrations?: Migration[];
}

export class Ledger {
  private constructor(
    private conn: DB,
    readonly file: string,
    /** The ledger's only source of the time: backups, sessions, deadlines and "today" all read it. */
    readonly clock: Clock,
    readonly keys: Keyring,
    private readonly unlock: () => void,
  ) {}

  /** The connection; a restore swaps in another file and so another connection (core/backup.ts). */
  get db(): DB {
    return this.conn;
  }

  /** Set while a long write holds one transaction open across awaits (an import): other calls wait for it. */
  busy: Promise<unknown> | null = null;

  /** Runs `work` with every other call held until it settles. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    this.busy = running.catch(() => {});
    try {
      return await running;
    } finally {
      this.busy = null;
    }
  }

  /** This ledger's identity: a random id kept in its settings and its key file, and in every backup of it. */
  get id(): string {
    return this.keys.ledgerId;
  }

  /** Backups of this ledger: a folder of its own under backups/, so two ledgers in one folder never mix theirs. */
  get backupsDir(): string {
    return path.join(path.dirname(this.file), 'backups', this.id);
  }

  /**
   * Opens the ledger with the key in `opts.keys` (or makes a new one), backs up a ledger that holds data before
   * migrating it, and makes the daily backup.
   */
  static async open(file: string, opts: LedgerOpenOptions): Promise<Ledger> {
    if (isNetworkPath(file, '')) throw networkShare(file); // before path.resolve makes //server/share /server/share
    const abs = path.resolve(file);
    const made = !opts.keys;
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (made && stat?.isFile() && stat.size > 0)
      throw isPlain(abs) ? plainLedger(abs) : new LedgerOpenError(`台账文件 ${abs} 已存在，需要登录后才能打开`);
    if (made) {
      checkPlace(abs); // a clear refusal (and no key file) for a place the ledger cannot be made in
      keysWithoutLedger(abs);
    }
    const keys =
      opts.keys ??
      Keyring.create(keysFileOf(abs), crypto.randomUUID(), DEFAULT_CENTER.name, {
        hashParams: opts.hashParams,
      });
    // A re-key cut short by a kill: the key file keeps the generation whose key opens the file (core/rekey.ts).
    if (!made) finishInterrupted(abs, keys);
    let opened: ReturnType<typeof openLedger>;
    try {
      opened = openLedger(abs, keys.key, opts);
    } catch (e) {
      if (made) fs.rmSync(keys.file, { force: true });
      throw e;
    }
    const { db, created } = opened;
    let unlock = () => {};
    try {
      unlock = lockLedger(abs, isoCn(opts.clock()));
    } catch (e) {
      db.close();
      throw e;
    }
    const ledger = new Ledger(db, abs, opts.clock, keys, unlock);
    try {
      if (!created && ledgerId(db) !== keys.ledgerId)
        throw new LedgerOpenError(
          '钥匙文件不属于这个台账（两者的标识不同），已拒绝打开。请找回这个台账自己的钥匙文件。',
        );
      const pending = pendingMigrations(db, opts.migrations ?? loadMigrations());
      const holdsData = !created && (db.pragma('user_version', { simple: true }) as number) > 0;
      if (pending.length > 0 && holdsData) await makeBackup(ledger, `before-migrate-v${pending[0].version}`);
      applyMigrations(db, pending);
      if (created)
        db.prepare(`INSERT INTO settings (key, value) VALUES ('ledgerId', ?)`).run(JSON.stringify(ledger.id));
      keys.mirrorTo(path.join(ledger.backupsDir, 'bianmin.keys'));
      await encryptPlainBackups(ledger);
      if (!created) await dailyBackup(ledger);
      return ledger;
    } catch (e) {
      db.close();
      unlock();
      throw e;
    }
  }

  /**
   * Puts a verified, encrypted copy of this ledger (a backup being restored) in place of the file: the WAL folded
   * back and the connection closed, one rename, and a new connection. A crash leaves the old file or the new one.
   */
  swapIn(prepared: string): void {
    this.conn.pragma('wal_checkpoint(TRUNCATE)');
    this.conn.close();
    for (const f of [this.file + '-wal', this.file + '-shm']) fs.rmSync(f, { force: true });
    fs.renameSync(prepared, this.file);
    syncFolder(path.dirname(this.file));
    this.conn = openLedger(this.file, this.keys.key).db;
  }

  /** A new connection with the key file's current key (after a re-key's switch that failed its check). */
  reopen(): void {
    this.conn = openLedger(this.file, this.keys.key).db;
  }

  /** Clean exit: a re-key under way finishes, a verified backup, the WAL folded back into the file, then close. */
  async close(opts: { backup: boolean } = { backup: true }): Promise<void> {
    await rekeyRunning(this);
    if (!this.db.open) return;
    if (opts.backup) {
      await makeBackup(this, 'exit');
      pruneBackups(this.backupsDir);
    }
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
    this.unlock();
  }
}
