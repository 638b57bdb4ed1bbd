// Child process of the import crash test: previews the roster, says "writing", confirms it. The parent kills it with
// SIGKILL at a random moment after that line.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { createDispatcher, newSession } from '../../../main/core/dispatch';
import { Ledger } from '../../../main/core/ledger';
import { Keyring } from '../../../main/db/keys';
import { handlers } from '../../../main/handlers';

async function main() {
  const [file, roster] = process.argv.slice(2);
  const clock = () => new Date('2026-11-23T09:00:00+08:00');
  const ledger = await Ledger.open(file, { clock, keys: Keyring.unlock(file, 'admin', 'bench-pass-1', clock()) });
  const dispatcher = createDispatcher(ledger, handlers);
  const session = newSession();
  const call = async (channel: string, input: unknown) => {
    const r = await dispatcher.dispatch(session, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  };
  await call('session.signIn', { username: 'admin', password: 'bench-pass-1' });
  const job = randomUUID();
  const base64 = fs.readFileSync(roster).toString('base64');
  await call('imports.open', { job, kind: 'households', fileName: '花名册.xlsx', base64 });
  process.stdout.write('writing\n');
  const t = performance.now();
  await call('imports.confirm', { job });
  process.stdout.write(`${JSON.stringify({ ok: true, ms: performance.now() - t })}\n`);
  process.exit(0); // no clean close: the parent reads the file as a crash would leave it
}
void main();
