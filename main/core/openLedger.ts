// What the backups and the re-key need of the open ledger (ledger.ts), named apart from the Ledger class: the ledger
// calls them at its open and close, and they never import it back.
import type { Keyring } from '../db/keys';
import type { DB } from '../db/open';
import type { Clock } from './clock';

export interface OpenLedger {
  readonly db: DB;
  readonly file: string;
  readonly clock: Clock;
  readonly keys: Keyring;
  readonly id: string;
  readonly backupsDir: string;
  /** Set while a long write holds the connection (ledger.ts `hold`). */
  readonly busy: Promise<unknown> | null;
  hold<T>(work: () => Promise<T>): Promise<T>;
  swapIn(prepared: string): void;
  reopen(): void;
}
