// One writer per ledger: a lock file beside it names the process that holds it open, so a second host (another
// `npm start`, the desktop app) is refused before it can write — a restore can never run under another writer.
import fs from 'node:fs';
import os from 'node:os';

import { LedgerOpenError, PRIVATE_FILE } from './open';

interface Holder {
  pid: number;
  host: string;
  at: string;
}

function holderOf(lock: string): Holder | null {
  try {
    return JSON.parse(fs.readFileSync(lock, 'utf8')) as Holder;
  } catch {
    return null; // unreadable or half-written: its writer died before finishing it
  }
}

/** A holder is gone when it was on this machine and its process no longer exists. */
function stillThere(h: Holder): boolean {
  if (h.host !== os.hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the ledger's lock (replacing a stale one) and answers the function that gives it back. */
export function lockLedger(file: string, at: string): () => void {
  const lock = `${file}.lock`;
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), at });
  for (;;) {
    try {
      fs.writeFileSync(lock, me, { flag: 'wx', mode: PRIVATE_FILE });
      return () => fs.rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const held = holderOf(lock);
    // This process holds it already (the desk from its start; the ledger it opens at sign-in): nothing to add.
    if (held && held.pid === process.pid && held.host === os.hostname()) return () => {};
    if (held && stillThere(held))
      throw new LedgerOpenError(
        `这个台账正在被另一个程序使用（${held.host} 上的进程 ${held.pid}，自 ${held.at.slice(0, 16).replace('T', ' ')} 起）。` +
          '请先关闭那个程序，或打开另一个台账文件。',
      );
    fs.rmSync(lock, { force: true });
  }
}
