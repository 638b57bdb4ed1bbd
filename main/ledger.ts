// The open ledger: the one database handle main owns, its file, and what happens at open and at clean exit.
import crypto from 'node:crypto';
import path from 'node:path';

import { isoCn } from '../shared/domain/time';
import type { Clock } from './clock';
import { lockLedger } from './db/lock';
import { applyMigrations, loadMigrations, type Migration, pendingMigrations } from './db/migrate';
import { type DB, openLedger, type OpenOptions } from './db/open';
import { dailyBackup, makeBackup, pruneBackups } from './services/backup';

/** The identity stored in a ledger (or a backup of it), if it has one yet. */
export function ledgerId(db: DB): string | null {
  const r = db.prepare(`SELECT value FROM settings WHERE key = 'ledgerId'`).get() as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as string) : null;
}

/** A ledger gets its identity at its first open by this version, before anything is backed up. */
function giveIdentity(db: DB): string {
  const id = ledgerId(db);
  if (id) return id;
  const made = crypto.randomUUID();
  db.prepare(`INSERT INTO settings (key, value) VALUES ('ledgerId', ?)`).run(JSON.stringify(made));
  return made;
}

export class Ledger {
  private constructor(
    readonly db: DB,
    readonly file: string,
    /** The ledger's only source of the time: backups, sessions, deadlines and "today" all read it. */
    readonly clock: Clock,
    private readonly unlock: () => void,
  ) {}

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

  /** This ledger's identity: a random id kept in its settings, so a backup can tell which ledger it belongs to. */
  id = '';

  /** Backups of this ledger: a folder of its own under backups/, so two ledgers in one folder never mix theirs. */
  get backupsDir(): string {
    return path.join(path.dirname(this.file), 'backups', this.id);
  }

  /**
   * Opens (or creates) the ledger, backs up a ledger that holds data before migrating it, and makes the daily backup.
   */
  static async open(file: string, opts: OpenOptions & { clock: Clock; migrations?: Migration[] }): Promise<Ledger> {
    const { db, created } = openLedger(file, opts);
    let unlock = () => {};
    try {
      unlock = lockLedger(path.resolve(file), isoCn(opts.clock()));
    } catch (e) {
      db.close();
      throw e;
    }
    const ledger = new Ledger(db, path.resolve(file), opts.clock, unlock);
    try {
      const pending = pendingMigrations(db, opts.migrations ?? loadMigrations());
      const holdsData = !created && (db.pragma('user_version', { simple: true }) as number) > 0;
      if (holdsData) ledger.id = giveIdentity(db);
      if (pending.length > 0 && holdsData) await makeBackup(ledger, `before-migrate-v${pending[0].version}`);
      applyMigrations(db, pending);
      ledger.id = giveIdentity(db);
      if (!created) await dailyBackup(ledger);
      return ledger;
    } catch (e) {
      db.close();
      unlock();
      throw e;
    }
  }

  /** Clean exit: a verified backup, the WAL folded back into the file, then close. */
  async close(opts: { backup: boolean } = { backup: true }): Promise<void> {
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
