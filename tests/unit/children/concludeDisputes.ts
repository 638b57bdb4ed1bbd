// Child process of the agreement-number crash test: signs in the admin, says "concluding", then concludes every open
// dispute with a written agreement, one transaction each. The parent kills it with SIGKILL at a random moment.
import { createDispatcher, newSession } from '../../../main/core/dispatch';
import { Ledger } from '../../../main/core/ledger';
import { Keyring } from '../../../main/db/keys';
import { handlers } from '../../../main/handlers';

async function main() {
  const [file] = process.argv.slice(2);
  const clock = () => new Date('2026-11-23T09:00:00+08:00');
  const ledger = await Ledger.open(file, { clock, keys: Keyring.unlock(file, 'admin', 'admin-pass-1', clock()) });
  const dispatcher = createDispatcher(ledger, handlers);
  const session = newSession();
  const signedIn = await dispatcher.dispatch(session, 'session.signIn', {
    username: 'admin',
    password: 'admin-pass-1',
  });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const open = ledger.db.prepare(`SELECT id FROM disputes WHERE status = 'open' ORDER BY id`).all() as { id: number }[];
  process.stdout.write('concluding\n');
  const t = performance.now();
  for (const { id } of open) {
    const r = await dispatcher.dispatch(session, 'disputes.conclude', {
      id,
      result: 'written',
      concludedOn: '2026-11-20',
      terms: '双方自愿和解。',
      performance: '当场履行。',
      copies: 3,
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  process.stdout.write(`${JSON.stringify({ ok: true, ms: performance.now() - t })}\n`);
  process.exit(0); // no clean close: the parent reads the file as a crash would leave it
}
void main();
