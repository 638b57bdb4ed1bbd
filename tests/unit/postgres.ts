// A real PostgreSQL for the county tests and the bench: the county office's own server (main/county/server.ts) on a
// fresh data folder under the temp folder and a port of this process's own on 127.0.0.1, stopped and removed after.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import type { PgPrograms } from '../../main/county/pgBinaries';
import { type CountyServer, type Listen, startCountyServer } from '../../main/county/server';
import { migrateCounty } from '../../main/county/store';

export interface Postgres extends Omit<CountyServer, 'stop'> {
  /** A client as the superuser, connected. */
  admin(): Promise<pg.Client>;
  /** The file of the server's CA, as a county names it in --pg's sslrootcert. */
  caFile: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/**
 * A port of this process alone, for test files that run side by side (tests/tools/unit.mjs), each with its server:
 * in 20000–29999, below the kernel's ephemeral range (32768–60999), so no one's listen(0) takes it while the server
 * is down between a kill and its restart; claimed by an exclusive file naming this process under the temp folder (a
 * dead process's claim is taken over), and free when claimed.
 */
async function claimPort(): Promise<{ port: number; release: () => void }> {
  const claims = path.join(os.tmpdir(), 'bianmin-pg-ports');
  fs.mkdirSync(claims, { recursive: true });
  for (let i = 0; i < 500; i++) {
    const port = 20_000 + crypto.randomInt(10_000);
    const claim = path.join(claims, String(port));
    try {
      fs.writeFileSync(claim, String(process.pid), { flag: 'wx' });
    } catch {
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(claim, 'utf8'));
      } catch {
        // released meanwhile
      }
      if (owner > 0 && !alive(owner)) fs.rmSync(claim, { force: true });
      continue;
    }
    if (await bindable(port)) return { port, release: () => fs.rmSync(claim, { force: true }) };
    fs.rmSync(claim, { force: true });
  }
  throw new Error('no port free for PostgreSQL in 20000–29999');
}

/**
 * `settings`: server settings (name=value) beyond Debian's defaults; `listen`: a LAN address too (--listen);
 * `programs`: the embedded package's instead of Debian's (county/pgBinaries.ts).
 */
export async function startPostgres(
  settings: string[] = [],
  listen?: Listen,
  programs?: PgPrograms,
): Promise<Postgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianmin-pg-'));
  // The server makes its folder on a port it picks (any free one), then moves to this process's own before use.
  await (await startCountyServer(dir, settings, undefined, programs)).stop('fast');
  const { port, release } = await claimPort();
  fs.writeFileSync(path.join(dir, 'port'), String(port));
  const server = await startCountyServer(dir, settings, listen, programs);
  return {
    ...server,
    caFile: path.join(dir, 'ca.crt'),
    admin: async () => {
      const c = new pg.Client({ connectionString: server.url });
      c.on('error', () => {}); // a server killed by a test: the query in flight fails, and that is where it shows
      await c.connect();
      return c;
    },
    stop: async () => {
      await server.stop('immediate');
      release();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server holding the county's schema (its migrations applied), and a superuser client on it. */
export async function startCounty(): Promise<{ pgs: Postgres; county: pg.Client }> {
  const pgs = await startPostgres();
  const county = await pgs.admin();
  await migrateCounty(county);
  return { pgs, county };
}
