// Child process of the re-key crash test: opens the ledger with the admin's password and re-keys it, saying each step.
// With a step named, it stops dead after saying it (so the parent's kill lands exactly there); without, the parent
// kills it at a random moment of the copy.
import { Ledger } from '../../../main/core/ledger';
import { rekeyLedger, type RekeyStep } from '../../../main/core/rekey';
import { Keyring } from '../../../main/db/keys';

async function main() {
  const [file, stopAt] = process.argv.slice(2);
  const clock = () => new Date('2026-11-23T17:00:00+08:00');
  const ledger = await Ledger.open(file, { clock, keys: Keyring.unlock(file, 'admin', 'admin-pass-1', clock()) });
  const step = (s: RekeyStep) => {
    process.stdout.write(`${s}\n`);
    // Blocks the thread: nothing of the re-key runs on until the kill.
    if (s === stopAt) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
  };
  const done = await rekeyLedger(ledger, 'crash test', { step });
  process.stdout.write(`${JSON.stringify({ phase: done.phase, message: done.message })}\n`);
  process.exit(0); // no clean close: as a crash would leave it
}
void main();
