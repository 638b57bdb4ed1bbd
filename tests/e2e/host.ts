// Starts the real CLI (`node dist/main/start.cjs`) as the web host on a temporary ledger and reads its one line.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type Database from 'better-sqlite3-multiple-ciphers';

import { Keyring } from '../../main/db/keys';
import { openKeyed } from '../../main/db/open';

export const ROOT = path.resolve(__dirname, '..', '..');
export const START = path.join(ROOT, 'dist', 'main', 'start.cjs');
export const LINE = /^便民服务台账 listening on (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([\w-]+)$/;

export interface Host {
  url: string;
  base: string;
  port: number;
  token: string;
  db: string;
  dir: string;
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDir(prefix = 'bianmin-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs the CLI to completion (for refusals): exit code and output. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [START, ...args], { env: { ...process.env, BIANMIN_WEB: '1', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts on `db` (default: a new temporary ledger); with `viaEnv` the path goes in BIANMIN_DB instead of --db. */
export async function startHost(opts: { db?: string; args?: string[]; viaEnv?: boolean } = {}): Promise<Host> {
  const dir = opts.db ? path.dirname(opts.db) : tempDir();
  const db = opts.db ?? path.join(dir, 'ledger.sqlite');
  const proc = spawn(
    process.execPath,
    [START, ...(opts.viaEnv ? [] : ['--db', db]), '--no-open', ...(opts.args ?? [])],
    {
      env: { ...process.env, BIANMIN_WEB: '1', ...(opts.viaEnv ? { BIANMIN_DB: db } : {}) },
    },
  );
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const first = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${err}`)), 20_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = LINE.exec(out.split('\n')[0]);
      if (m && out.includes('\n')) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    proc.on('exit', (code) => reject(new Error(`web host exited ${code}: ${err}`)));
  });
  return {
    url: `${first[1]}#token=${first[3]}`,
    base: first[1],
    port: Number(first[2]),
    token: first[3],
    db,
    dir,
    proc,
    stdout: () => out,
    stderr: () => err,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        proc.kill(signal);
      }),
  };
}

const keyCache = new Map<string, Keyring>();

/**
 * The ledger file opened beside the running host, with the key its administrator's password unwraps from the key
 * file (as a second program on the counter's PC would need to): the tests read what the app wrote.
 */
export function ledgerFile(
  file: string,
  opts: { readonly?: boolean } = {},
  who: { username: string; password: string } = { username: 'admin', password: 'admin-pass-1' },
): Database.Database {
  let keys = keyCache.get(file);
  if (!keys) keyCache.set(file, (keys = Keyring.unlock(file, who.username, who.password, new Date())));
  return openKeyed(file, keys.key, opts);
}
