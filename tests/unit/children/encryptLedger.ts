// Child process of the upgrade crash test: encrypts the plain ledger it is given, as its administrator would from
// the sign-in screen. The parent kills it with SIGKILL at a random moment.
import { encryptLedger } from '../../../main/db/upgrade';

async function main() {
  const [file, folder] = process.argv.slice(2);
  process.stdout.write('encrypting\n');
  const now = new Date('2026-11-23T09:00:00+08:00');
  await encryptLedger(file, { username: 'admin', password: 'admin-pass-1', folder, now });
  process.stdout.write('done\n');
}

void main();
