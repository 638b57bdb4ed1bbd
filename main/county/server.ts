// The county's PostgreSQL when the county office starts with --county and no --pg: Debian's server binaries
// (apt-get install postgresql) on a data folder beside the office's ledger, listening on 127.0.0.1 only. Made on the
// first start (initdb, a random superuser password kept in a file only this user reads), started with the program
// and stopped with it. The tests and the bench start one on a temp folder the same way.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import pg from 'pg';

import { AppError } from '../../shared/domain/result';

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const found = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'))
    .find((d) => fs.existsSync(path.join(d, 'initdb')));
  if (!found)
    throw new AppError(
      'VALIDATION',
      '找不到 PostgreSQL：请先安装（apt-get install postgresql），或用 --pg 连接县里已有的数据库',
    );
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

export interface CountyServer {
  /** The superuser's URL, password included. */
  url: string;
  port: number;
  /** kill -9 of the server and its backends, as a power cut (the crash tests); start() brings it back. */
  kill(): void;
  start(): Promise<void>;
  /** Stops the server: 'fast' closes its sessions and checkpoints, 'immediate' is a crash without a power cut. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
}

/**
 * Starts the server of `dir` (made on first use) on its port: the one it first took, so townships' enrolment files
 * stay right. `settings`: server settings (name=value) beyond Debian's defaults.
 */
export async function startCountyServer(dir: string, settings: string[] = []): Promise<CountyServer> {
  const bin = binDir();
  const data = path.join(dir, 'data');
  const secret = path.join(dir, 'superuser');
  const portFile = path.join(dir, 'port');
  // The server refuses to run as root: as root (CI, a container) it runs as postgres.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C.UTF-8' };
  // The server keeps the real clock: faketime (the tests' far-off day) is not passed on.
  delete env.LD_PRELOAD;
  delete env.FAKETIME;
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(secret, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
    fs.writeFileSync(portFile, String(await freePort()), { mode: 0o600 });
    if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    execFileSync(
      ...run(path.join(bin, 'initdb'), [
        ...['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${secret}`],
        ...['-E', 'UTF8', '--no-instructions'],
      ]),
      { env, stdio: 'pipe' },
    );
  }
  const port = Number(fs.readFileSync(portFile, 'utf8'));
  const url = `postgres://postgres:${fs.readFileSync(secret, 'utf8').trim()}@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | null = null;
  const exited = () =>
    new Promise<void>((resolve) => {
      if (!server || server.exitCode !== null || server.signalCode) return resolve();
      server.once('exit', () => resolve());
    });

  const start = async () => {
    await exited();
    server = spawn(
      ...run(path.join(bin, 'postgres'), [
        ...['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'],
        ...settings.flatMap((x) => ['-c', x]),
      ]),
      { env, stdio: 'ignore' },
    );
    for (let i = 0; i < 300; i++) {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        await c.end();
        return;
      } catch {
        if (server.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new AppError('INTERNAL', `县级汇总库没能启动（数据文件夹 ${data}）`);
  };
  await start();
  return {
    url,
    port,
    kill: () => {
      const pid = fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
      const children = execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' }).split('\n').filter(Boolean);
      execFileSync('kill', ['-9', pid, ...children]);
    },
    start,
    stop: async (mode = 'fast') => {
      if (server && server.exitCode === null) {
        execFileSync(...run(path.join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', mode]), { env, stdio: 'pipe' });
        await exited();
      }
    },
  };
}
