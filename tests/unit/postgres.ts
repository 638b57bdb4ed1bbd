// A real PostgreSQL for the county tests and the bench: the county office's own server (main/county/server.ts) on a
// fresh data folder under the temp folder and a free port on 127.0.0.1, stopped and removed after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { type CountyServer, startCountyServer } from '../../main/county/server';

export interface Postgres extends Omit<CountyServer, 'stop'> {
  /** A client as the superuser, connected. */
  admin(): Promise<pg.Client>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** `settings`: server settings (name=value) beyond Debian's defaults. */
export async function startPostgres(settings: string[] = []): Promise<Postgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianmin-pg-'));
  const server = await startCountyServer(dir, settings);
  return {
    ...server,
    admin: async () => {
      const c = new pg.Client({ connectionString: server.url });
      c.on('error', () => {}); // a server killed by a test: the query in flight fails, and that is where it shows
      await c.connect();
      return c;
    },
    stop: async () => {
      await server.stop('immediate');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
