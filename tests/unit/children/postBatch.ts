// Child process of the crash-safety test: opens the ledger, signs in the approver, says "posting", posts the batch.
// The parent kills it with SIGKILL at a random moment after that line.
import { createDispatcher, newSession } from '../../../main/core/dispatch';
import { Ledger } from '../../../main/core/ledger';
import { Keyring } from '../../../main/db/keys';
import { handlers } from '../../../main/handlers';

async function main() {
  const [file, batchId] = process.argv.slice(2);
  const clock = () => new Date('2026-11-23T09:00:00+08:00');
  const ledger = await Ledger.open(file, { clock, keys: Keyring.unlock(file, 'admin', 'admin-pass-1', clock()) });
  const dispatcher = createDispatcher(ledger, handlers);
  const session = newSession();
  const signedIn = await dispatcher.dispatch(session, 'session.signIn', { username: 'appr', password: 'staff-pass-1' });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  process.stdout.write('posting\n');
  const t = performance.now();
  const r = await dispatcher.dispatch(session, 'payroll.approve', { id: Number(batchId) });
  process.stdout.write(`${JSON.stringify({ ok: r.ok, ms: performance.now() - t })}\n`);
  process.exit(0); // no clean close: the parent reads the file as a crash would leave it
}
void main();
