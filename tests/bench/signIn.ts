// Sign-in and the demo year, against what they cannot do without:
// - at the counter's first sign-in the ledger is closed: the key file is read, the password derived once (scrypt at
//   today's cost, CURRENT_PARAMS), the ledger opened, the session signed in (createDesk, as main runs it); the raw
//   baseline derives once and opens the encrypted file. The budget: one derivation's worth, and ≤ 1 s.
// - a second window signs in with the ledger open: one derivation again (two staff alternate, since the sign-in
//   that just succeeded is not derived twice);
// - `--demo` seeds a year into a new ledger (seedDemo): the README's "about N seconds" is its budget, read from the
//   README itself so that the two cannot drift; the raw baseline derives a key for each account the demo makes and
//   inserts the same rows one by one into bare tables, in one transaction.
import fs from 'node:fs';
import path from 'node:path';

import { createDispatcher, newSession } from '../../main/core/dispatch';
import { Ledger } from '../../main/core/ledger';
import { openKeyed } from '../../main/db/open';
import { CURRENT_PARAMS, derive } from '../../main/db/password';
import { seedDemo } from '../../main/demo/year';
import { createDesk, type Desk } from '../../main/desk';
import { handlers } from '../../main/handlers';
import { ROOT, tempDir } from '../e2e/host';
import { benchClock, type Figure, measure } from './harness';

const PASSWORD = 'bench-pass-1';

/** "in about 4 seconds" in the README's paragraph on `--demo`, in ms. */
export function readmeDemoMs(readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')): number {
  const m = /`--demo`[^]*?in about (\d+) seconds/.exec(readme);
  if (!m) throw new Error('README.md: the --demo paragraph no longer says "in about N seconds"');
  return Number(m[1]) * 1000;
}

async function newLedger(dir: string): Promise<string> {
  const file = path.join(dir, 'ledger.sqlite');
  const ledger = await Ledger.open(file, { clock: benchClock });
  const d = createDispatcher(ledger, handlers);
  const s = newSession();
  for (const [channel, input] of [
    ['setup.createAdmin', { username: 'admin', displayName: '基准管理员', password: PASSWORD }],
    ['session.signIn', { username: 'admin', password: PASSWORD }],
    ['staff.create', { username: 'li', displayName: '李窗口', password: PASSWORD, roles: ['clerk'] }],
  ] as const) {
    const r = await d.dispatch(s, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  }
  await ledger.close({ backup: false });
  return file;
}

/** The demo's work done raw: one derivation per account, and each of its rows inserted by a prepared statement. */
function rawDemo(seeded: Ledger, file: string): void {
  const src = seeded.db;
  const { n } = src.prepare('SELECT count(*) AS n FROM staff').get() as { n: number };
  for (let i = 0; i < n; i++) derive(PASSWORD, Buffer.alloc(16, i), CURRENT_PARAMS);
  const tables = src
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  fs.writeFileSync(file, ''); // an empty file is a new database; openKeyed wants one that exists
  const db = openKeyed(file, seeded.keys.key);
  db.transaction(() => {
    for (const t of tables) {
      const cols = (src.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).map(
        (c) => `"${c}"`,
      );
      db.exec(`CREATE TABLE "${t}" (${cols.join(', ')})`);
      const ins = db.prepare(`INSERT INTO "${t}" VALUES (${cols.map(() => '?').join(', ')})`);
      const rows = src.prepare(`SELECT ${cols.join(', ')} FROM "${t}"`).raw();
      for (const row of rows.iterate()) ins.run(...(row as unknown[]));
    }
  })();
  db.close();
}

export async function signInFigures(): Promise<Figure[]> {
  const dir = tempDir('bianmin-signin-');
  const file = await newLedger(dir);
  const salt = Buffer.alloc(16, 7);
  const figures: Figure[] = [];

  // The ledger closed: each run starts a desk, as main does at start, and signs in through it.
  let desk: Desk | null = null;
  let key: Buffer | null = null;
  const closeDesk = async () => {
    await desk?.close();
    desk = null;
  };
  figures.push(
    await measure(
      'sign-in with the ledger closed (key file, one scrypt, open, signed in; raw: one scrypt, open)',
      async () => {
        desk = createDesk(file, { clock: benchClock, handlers });
        const r = await desk.dispatch(newSession(), 'session.signIn', { username: 'admin', password: PASSWORD });
        if (!r.ok) throw new Error(r.error.message);
        key ??= desk.ledger!.keys.key;
      },
      () => {
        derive(PASSWORD, salt, CURRENT_PARAMS);
        const db = openKeyed(file, key!, { readonly: true });
        db.prepare('SELECT count(*) FROM staff').get();
        db.close();
      },
      { runs: 8, warm: 1, budgetRatio: 1.3, budgetP95Ms: 1000, prepare: closeDesk },
    ),
  );
  await closeDesk();

  // The ledger open (its first sign-in done): two staff alternate on their own sessions.
  const d = createDesk(file, { clock: benchClock, handlers });
  await d.dispatch(newSession(), 'session.signIn', { username: 'admin', password: PASSWORD });
  let turn = 0;
  figures.push(
    await measure(
      'sign-in with the ledger open (another window; raw: one scrypt)',
      async () => {
        const username = turn++ % 2 ? 'admin' : 'li';
        const r = await d.dispatch(newSession(), 'session.signIn', { username, password: PASSWORD });
        if (!r.ok) throw new Error(r.error.message);
      },
      () => derive(PASSWORD, salt, CURRENT_PARAMS),
      { runs: 8, warm: 1, budgetRatio: 1.3, budgetP95Ms: 1000 },
    ),
  );
  await d.close();

  // --demo: a year seeded into a new ledger, each run into a fresh folder.
  let seeded: Ledger | null = null;
  let copy = 0;
  figures.push(
    await measure(
      'the demo year seeded into a new ledger (--demo; raw: a scrypt per account, its rows inserted one by one)',
      async () => {
        await seeded?.close({ backup: false });
        seeded = await Ledger.open(path.join(tempDir('bianmin-demo-'), 'ledger.sqlite'), { clock: benchClock });
        if (!(await seedDemo(seeded, benchClock()))) throw new Error('seedDemo: nothing seeded');
      },
      () => rawDemo(seeded!, path.join(dir, `demo-copy-${copy++}.sqlite`)),
      { runs: 3, warm: 0, budgetRatio: 2, budgetP95Ms: readmeDemoMs() },
    ),
  );
  await (seeded as Ledger | null)?.close({ backup: false });
  return figures;
}
