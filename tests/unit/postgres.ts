// A real PostgreSQL for the county tests and the bench: Debian's server binaries, a fresh data directory under the
// temp folder and a free port on 127.0.0.1, stopped and removed after. As root (CI) the server runs as `postgres`,
// since it refuses to run as root. faketime is not passed on: the server keeps the real clock.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const found = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'))
    .find((d) => fs.existsSync(path.join(d, 'initdb')));
  if (!found) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql (.ci/run does)');
  return found;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export interface Postgres {
  /** The superuser's URL, password included. */
  url: string;
  port: number;
  /** A client as the superuser, connected. */
  admin(): Promise<pg.Client>;
  /** kill -9 of the server, for the crash tests; start() brings it back on the same data. */
  kill(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `settings`: server settings (name=value) beyond Debian's defaults. */
export async function startPostgres(settings: string[] = []): Promise<Postgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianmin-pg-'));
  const data = path.join(dir, 'data');
  const password = 'county-test-superuser';
  fs.writeFileSync(path.join(dir, 'pw'), password);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  fs.chmodSync(dir, 0o700);
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C.UTF-8' };
  delete env.LD_PRELOAD;
  delete env.FAKETIME;
  const run = (cmd: string, args: string[]) =>
    (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  execFileSync(
    ...run(path.join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${path.join(dir, 'pw')}`,
      '-E',
      'UTF8',
      '--no-instructions',
    ]),
    { env, stdio: 'pipe' },
  );
  const port = await freePort();
  let server: ChildProcess | null = null;
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;

  const start = async () => {
    server = spawn(
      ...run(path.join(bin, 'postgres'), [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        ...settings.flatMap((x) => ['-c', x]),
      ]),
      { env, stdio: 'ignore' },
    );
    for (let i = 0; i < 200; i++) {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        await c.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('PostgreSQL did not start');
  };
  const exited = () =>
    new Promise<void>((resolve) => {
      if (!server || server.exitCode !== null || server.signalCode) return resolve();
      server.once('exit', () => resolve());
    });
  await start();
  return {
    url,
    port,
    admin: async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => {}); // a server killed by a test: the query in flight fails, and that is where it shows
      await c.connect();
      return c;
    },
    kill: () => {
      // The postmaster and its backends at once, as a power cut would take them.
      const pid = fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
      const children = execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' }).split('\n').filter(Boolean);
      execFileSync('kill', ['-9', pid, ...children]);
    },
    start: async () => {
      await exited();
      await start();
    },
    stop: async () => {
      if (server && server.exitCode === null) {
        execFileSync(...run(path.join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate']), { env, stdio: 'pipe' });
        await exited();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
