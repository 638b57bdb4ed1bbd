// The county's PostgreSQL when the county office starts with --county and no --pg: Debian's server programs
// (apt-get install postgresql), or the county edition's own (pgBinaries.ts), on a data folder beside the office's
// ledger, on 127.0.0.1 and, with --listen, on an address of this PC on the LAN. Made on the first start (initdb, a
// random superuser password kept in a file only this user reads, a CA of its own and the server's TLS certificate:
// certs.ts), started with the program and stopped with it. The tests and the bench start one on a temp folder the
// same way.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import pg from 'pg';

import { AppError } from '../../shared/domain/result';
import { certNames, makeCa, makeServerCert } from './certs';
import { type PgPrograms, pgPrograms } from './pgBinaries';

/** Whether `port` can be taken on `host` now: the reason in the county's words when not. */
const bindable = (host: string, port: number) =>
  new Promise<string | null>((resolve) => {
    const s = net.createServer();
    s.once('error', (e: NodeJS.ErrnoException) =>
      resolve(
        e.code === 'EADDRNOTAVAIL'
          ? `本机没有地址 ${host}：--listen 应写本机在局域网中的地址（Windows 用 ipconfig、Linux 用 ip addr 查看）`
          : e.code === 'EADDRINUSE'
            ? `本机 ${host} 的端口 ${port} 已被别的程序占用：请换一个端口，例如 --listen ${host}:5433`
            : `不能在 ${host}:${port} 上监听（${e.code}）`,
      ),
    );
    s.listen(port, host, () => s.close(() => resolve(null)));
  });

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** Where townships reach the server besides this PC's own 127.0.0.1: --listen ADDR[:PORT]. */
export interface Listen {
  /** An address of this PC on the LAN (IPv4, IPv6) or its host name: the server's certificate names it. */
  host: string;
  /** Its port; without one the server keeps the port it took at its first start. */
  port?: number;
}

export interface CountyServer {
  /** The superuser's URL, password included. */
  url: string;
  port: number;
  /** The CA that signed the server's certificate (PEM): enrolment files carry it, townships trust it alone. */
  ca: string;
  /** The address townships push to, without a user: the LAN address with --listen, else 127.0.0.1 (this PC only). */
  townshipUrl: string;
  /** kill -9 of the server and its backends, as a power cut (the crash tests); start() brings it back. */
  kill(): void;
  start(): Promise<void>;
  /** Stops the server: 'fast' closes its sessions and checkpoints, 'immediate' is a crash without a power cut. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
}

/**
 * Who may sign in, written at every start (the file is this program's, not the county's to edit): the county's own
 * superuser from this PC only, and the roles of enrolled townships (members of county_township; a stopped township's
 * role is NOLOGIN and no longer a member) to the county's database alone, with their password (scram-sha-256). On
 * the LAN only over TLS; without --listen the server is on 127.0.0.1, where a township on this PC may also come
 * without it, as before. Membership rather than a line per township: an enrolment needs no reload, and a line
 * cannot be left behind for a township that was stopped.
 */
function hbaOf(database: string, lan: boolean): string {
  return [
    '# Written by 便民服务台账 at every start of the county server (main/county/server.ts): edits are overwritten.',
    '# TYPE  DATABASE  USER              ADDRESS       METHOD',
    'local   all       postgres                        scram-sha-256',
    'host    all       postgres          127.0.0.1/32  scram-sha-256',
    'host    all       postgres          ::1/128       scram-sha-256',
    lan
      ? `hostssl ${database}  +county_township  all           scram-sha-256`
      : `host    ${database}  +county_township  127.0.0.1/32  scram-sha-256`,
    '',
  ].join('\n');
}

/**
 * The CA (made once, in the server's folder: its key signs the server's certificates and nothing else) and the
 * server's certificate and key in the data folder (0600, as the server demands), made again when they do not name
 * every address the server listens on.
 */
function ensureTls(dir: string, data: string, names: string[]): string {
  const caFile = path.join(dir, 'ca.crt');
  const caKey = path.join(dir, 'ca.key');
  if (!fs.existsSync(caFile)) {
    const ca = makeCa(`bianmin county CA ${crypto.randomBytes(4).toString('hex')}`);
    fs.writeFileSync(caKey, ca.key, { mode: 0o600 });
    fs.writeFileSync(caFile, ca.cert, { mode: 0o644 });
  }
  const ca = { cert: fs.readFileSync(caFile, 'utf8'), key: fs.readFileSync(caKey, 'utf8') };
  const certFile = path.join(data, 'server.crt');
  const keyFile = path.join(data, 'server.key');
  if (!fs.existsSync(certFile) || !certNames(fs.readFileSync(certFile, 'utf8'), names)) {
    const server = makeServerCert(ca, names);
    fs.writeFileSync(keyFile, server.key, { mode: 0o600 });
    fs.writeFileSync(certFile, server.cert, { mode: 0o600 });
  }
  return ca.cert;
}

/**
 * Starts the server of `dir` (made on first use) on its port: the one it first took, so townships' enrolment files
 * stay right, unless `listen` names another. `settings`: server settings (name=value) beyond Debian's defaults;
 * `programs`: whose PostgreSQL runs it (the tests run both kinds).
 */
export async function startCountyServer(
  dir: string,
  settings: string[] = [],
  listen?: Listen,
  programs: PgPrograms = pgPrograms(),
): Promise<CountyServer> {
  const exe = programs.exe;
  const windows = process.platform === 'win32';
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
      ...run(exe('initdb'), [
        ...['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${secret}`],
        // Windows has no C.UTF-8 locale to take from the environment: the plain C locale, which sorts the same.
        ...['-E', 'UTF8', '--no-instructions', ...(windows ? ['--no-locale'] : [])],
      ]),
      { env, stdio: 'pipe' },
    );
  }
  if (listen?.port) fs.writeFileSync(portFile, String(listen.port), { mode: 0o600 });
  const port = Number(fs.readFileSync(portFile, 'utf8'));
  const url = `postgres://postgres:${fs.readFileSync(secret, 'utf8').trim()}@127.0.0.1:${port}/postgres`;
  const ca = ensureTls(dir, data, listen ? [listen.host, '127.0.0.1'] : ['127.0.0.1']);
  fs.writeFileSync(path.join(data, 'pg_hba.conf'), hbaOf('postgres', !!listen), { mode: 0o600 });
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', data]);
  const reach = new URL(`postgres://127.0.0.1:${port}/postgres?sslmode=verify-full`);
  if (listen) reach.hostname = net.isIPv6(listen.host) ? `[${listen.host}]` : listen.host;
  let server: ChildProcess | null = null;
  const exited = () =>
    new Promise<void>((resolve) => {
      if (!server || server.exitCode !== null || server.signalCode) return resolve();
      server.once('exit', () => resolve());
    });

  const start = async () => {
    await exited();
    const refused = listen && (await bindable(listen.host, port));
    if (refused) throw new AppError('VALIDATION', refused);
    server = spawn(
      ...run(exe('postgres'), [
        // The superuser's socket in the server's folder; none on Windows, where the office connects over 127.0.0.1.
        ...['-D', data, '-p', String(port), ...(windows ? ['-c', 'unix_socket_directories='] : ['-k', dir])],
        ...['-c', `listen_addresses=127.0.0.1${listen ? `,${listen.host}` : ''}`],
        ...['-c', 'ssl=on', '-c', 'ssl_cert_file=server.crt', '-c', 'ssl_key_file=server.key'],
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
    ca,
    townshipUrl: reach.toString(),
    kill: () => {
      const pid = fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
      const children = execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' }).split('\n').filter(Boolean);
      execFileSync('kill', ['-9', pid, ...children]);
    },
    start,
    stop: async (mode = 'fast') => {
      if (server && server.exitCode === null) {
        execFileSync(...run(exe('pg_ctl'), ['-D', data, 'stop', '-m', mode]), { env, stdio: 'pipe' });
        await exited();
      }
    },
  };
}
