// The open ledger: the one database handle main owns, its file, and what happens at open and at clean exit.
import path from 'node:path';

import type { Clock } from './clock';
import { applyMigrations, loadMigrations, type Migration, pendingMigrations } from './db/migrate';
import { type DB, openLedger, type OpenOptions } from './db/open';
import { dailyBackup, makeBackup, pruneBackups } from './services/backup';

export class Ledger {
  private constructor(
    readonly db: DB,
    readonly file: string,
    /** The ledger's only source of the time: backups, sessions, deadlines and "today" all read it. */
    readonly clock: Clock,
  ) {}

  get backupsDir(): string {
    return path.join(path.dirname(this.file), 'backups');
  }

  /**
   * Opens (or creates) the ledger, backs up a ledger that holds data before migrating it, and makes the daily backup.
   */
  static async open(file: string, opts: OpenOptions & { clock: Clock; migrations?: Migration[] }): Promise<Ledger> {
    const { db, created } = openLedger(file, opts);
    const ledger = new Ledger(db, path.resolve(file), opts.clock);
    try {
      const pending = pendingMigrations(db, opts.migrations ?? loadMigrations());
      const holdsData = !created && (db.pragma('user_version', { simple: true }) as number) > 0;
      if (pending.length > 0 && holdsData) await makeBackup(ledger, `before-migrate-v${pending[0].version}`);
      applyMigrations(db, pending);
      if (!created) await dailyBackup(ledger);
      return ledger;
    } catch (e) {
      db.close();
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
  }
}
