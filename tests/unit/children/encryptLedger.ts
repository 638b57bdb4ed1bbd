// Child process of the upgrade crash test: encrypts the plain ledger it is given, as its administrator would from
// the sign-in screen, saying each step. The parent kills it with SIGKILL at a random moment after the admin's check.
import { encryptLedger } from '../../../main/db/upgrade';

async function main() {
  const [file, folder] = process.argv.slice(2);
  const now = new Date('2026-11-23T09:00:00+08:00');
  const step = (done: string) => process.stdout.write(`${done}\n`);
  await encryptLedger(file, { username: 'admin', password: 'admin-pass-1', folder, now, step });
  process.stdout.write('done\n');
}

void main();
