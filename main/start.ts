// `npm start`: Electron where its binary is installed, otherwise the web host on 127.0.0.1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { type Options, parseOptions, UsageError } from './cli';
import { systemClock } from './core/clock';
import { LedgerOpenError } from './db/open';
import { DEMO_PASSWORD, seedDemo } from './demo/year';
import { createDesk } from './desk';
import { electronBinary } from './electron/binary';
import { handlers } from './handlers';
import { startWebHost, type WebHost } from './webhost/server';

function openBrowser(url: string): void {
  const cmd = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(cmd, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => {}); // no browser on this machine: the printed address is enough
  child.unref();
}

async function runWebHost(opts: Options): Promise<void> {
  const desk = createDesk(opts.db, { clock: systemClock, handlers, office: opts.office });
  // Signals are handled from the start, so an early Ctrl+C still backs up and checkpoints an open ledger.
  let host: WebHost | null = null;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host?.close();
    await desk.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (opts.demo) {
    // Only a place without a ledger is filled; the demo ledger then stays open (its accounts are on the screen).
    const ledger =
      desk.ledger ?? (fs.existsSync(opts.db) && fs.statSync(opts.db).size > 0 ? null : await desk.create());
    const seeded = ledger && (await seedDemo(ledger, ledger.clock(), opts.demo));
    process.stderr.write(
      seeded
        ? `已填入演示数据（全部虚构）：自 ${seeded.from} 起的一年，${seeded.households} 户 ${seeded.persons} 人，` +
            `${seeded.cases} 件救助申请，${seeded.payments} 笔发放。演示账号 admin、shouli、shenhe、shenpi，` +
            `密码均为 ${DEMO_PASSWORD}\n`
        : '台账不是空的，没有填入演示数据。\n',
    );
  }
  host = await startWebHost({ dispatcher: desk, port: opts.port });
  if (stopping) return;
  process.stdout.write(`便民服务台账 listening on ${host.url}\n`);
  if (opts.open) openBrowser(host.url);
}

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  const bin = electronBinary();
  if (bin) {
    const child = spawn(bin, [path.join(__dirname, 'electron.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  try {
    await runWebHost(opts);
  } catch (e) {
    if (e instanceof LedgerOpenError || e instanceof UsageError) {
      process.stderr.write(`无法打开台账：${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

void main();
