// The county office (县级汇总): the same program started with --county (its PostgreSQL on this PC, county/server.ts)
// or --pg URL (the county's own server). Its own ledger holds its staff, settings and audit as a township's does;
// the townships' copies and the county's notes are in PostgreSQL, reached through this pool.
import path from 'node:path';

import pg from 'pg';

import type { CountyOffice } from '../core/dispatch';
import { type CountyServer, startCountyServer } from './server';
import { migrateCounty } from './store';

/** How the office was started: its server's URL (--pg), or none for the one beside the ledger. */
export interface OfficeStart {
  pg?: string;
}

/** The folder of the server --county starts: beside the office's ledger, so a backup of the folder has both. */
export const serverDirOf = (ledgerFile: string) => path.join(path.dirname(path.resolve(ledgerFile)), 'county-pg');

export async function openOffice(ledgerFile: string, how: OfficeStart): Promise<CountyOffice> {
  let server: CountyServer | null = null;
  const url = how.pg ?? (server = await startCountyServer(serverDirOf(ledgerFile))).url;
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'bianmin county office' });
  pool.on('error', () => {}); // an idle connection lost: the next query reconnects or reports
  try {
    const client = await pool.connect();
    try {
      await migrateCounty(client);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    await server?.stop();
    throw e;
  }
  return {
    pool,
    url,
    close: async () => {
      await pool.end();
      await server?.stop();
    },
  };
}
