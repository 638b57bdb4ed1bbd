// Child process of the county crash test: opens the ledger, says "pushing", pushes in small chunks. The parent kills
// it with SIGKILL at a random moment after that line.
import { push } from '../../../main/county/push';
import { Keyring } from '../../../main/db/keys';
import { DEMO_PASSWORD } from '../../../main/demo/year';
import { Ledger } from '../../../main/ledger';

async function main() {
  const [file] = process.argv.slice(2);
  const clock = () => new Date('2026-11-23T17:00:00+08:00');
  const ledger = await Ledger.open(file, { clock, keys: Keyring.unlock(file, 'admin', DEMO_PASSWORD, clock()) });
  process.stdout.write('pushing\n');
  await push(ledger, { lines: 400 });
  process.stdout.write('pushed\n');
  process.exit(0); // no clean close: as a crash would leave it, had the kill come later
}
void main();
