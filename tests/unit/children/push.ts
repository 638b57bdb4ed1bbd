// Child process of the county crash test: opens the ledger, says "pushing", pushes in small chunks (100 lines), so
// that a kill lands between commits. The parent kills it with SIGKILL at a random moment after that line.
import { Ledger } from '../../../main/core/ledger';
import { push } from '../../../main/county/push';
import { Keyring } from '../../../main/db/keys';
import { DEMO_PASSWORD } from '../../../main/demo/year';

async function main() {
  const [file] = process.argv.slice(2);
  const clock = () => new Date('2026-11-23T17:00:00+08:00');
  const ledger = await Ledger.open(file, { clock, keys: Keyring.unlock(file, 'admin', DEMO_PASSWORD, clock()) });
  process.stdout.write('pushing\n');
  const t = performance.now();
  await push(ledger, { lines: 100 });
  process.stdout.write(`pushed in ${Math.round(performance.now() - t)} ms\n`);
  process.exit(0); // no clean close: as a crash would leave it, had the kill come later
}
void main();
