// Import at county scale: a 10,000-row 户籍花名册 (households of one to four, categories, accounts) read and checked
// to its preview, then confirmed; against exceljs reading the same file and raw SQLite inserting the same rows. And
// the host's stall meanwhile: the longest a session.state call waits while the preview is read and checked.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import ExcelJS from 'exceljs';

import { createDispatcher, newSession, type Session } from '../../main/core/dispatch';
import { Ledger } from '../../main/core/ledger';
import { fullPinyin, initials } from '../../main/core/pinyin';
import { Keyring, keysFileOf } from '../../main/db/keys';
import { AREAS } from '../../main/demo/fictional';
import { handlers } from '../../main/handlers';
import { tempDir } from '../e2e/host';
import { benchClock, type Figure, measure } from './harness';
import { rosterRows, rosterXlsx } from './rosters';

/** An empty ledger with the fictional township's areas and a signed-in admin, closed, to be copied per run. */
export async function emptyLedger(dir: string): Promise<string> {
  const file = path.join(dir, 'empty.sqlite');
  const ledger = await Ledger.open(file, { clock: benchClock });
  const d = createDispatcher(ledger, handlers);
  const s = newSession();
  await d.dispatch(s, 'setup.createAdmin', { username: 'admin', displayName: '管理员', password: 'bench-pass-1' });
  await d.dispatch(s, 'session.signIn', { username: 'admin', password: 'bench-pass-1' });
  for (const name of AREAS) await d.dispatch(s, 'areas.save', { name });
  await ledger.close({ backup: false });
  return file;
}

export async function openCopy(
  fixture: string,
): Promise<{ ledger: Ledger; call: (c: string, i: unknown) => Promise<unknown> }> {
  const dir = tempDir('bianmin-import-');
  const file = path.join(dir, 'ledger.sqlite');
  fs.copyFileSync(fixture, file);
  fs.copyFileSync(keysFileOf(fixture), keysFileOf(file));
  const keys = Keyring.unlock(file, 'admin', 'bench-pass-1', benchClock());
  const ledger = await Ledger.open(file, { clock: benchClock, keys });
  const d = createDispatcher(ledger, handlers);
  const s: Session = newSession();
  const call = async (channel: string, input: unknown) => {
    const r = await d.dispatch(s, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  };
  await call('session.signIn', { username: 'admin', password: 'bench-pass-1' });
  return { ledger, call };
}

export async function importFigures(): Promise<Figure[]> {
  const dir = tempDir('bianmin-bench-import-');
  const rows = rosterRows(10_000);
  const file = await rosterXlsx(rows);
  const base64 = file.toString('base64');
  const fixture = await emptyLedger(dir);
  let open = await openCopy(fixture);
  let job = '';

  const read = await measure(
    'import: read + check a 10,000-row roster to its preview',
    async () => {
      job = randomUUID();
      await open.call('imports.open', { job, kind: 'households', fileName: '花名册.xlsx', base64 });
    },
    async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as never);
    },
    { runs: 10, warm: 1, budgetRatio: 4, budgetP95Ms: 3000 },
  );

  const stall = await stallFigure(open.call, base64);

  // The same rows as raw inserts: values computed beforehand, one transaction, the ledger's own connection.
  const areaIds = new Map(AREAS.map((a, i) => [a, i + 1]));
  const insertRaw = () => {
    const db = open.ledger.db;
    const at = '2026-11-23T09:00:00+08:00';
    const h = db.prepare(
      `INSERT INTO households (area_id, head_name, head_pinyin, account, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const p = db.prepare(
      `INSERT INTO persons (household_id, name, name_initials, id_number, id_reversed, gender, birth_date, relation,
         phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
    );
    const head = db.prepare('UPDATE households SET head_person_id = ? WHERE id = ?');
    const c = db.prepare('INSERT INTO household_categories (household_id, category_code, from_date) VALUES (?, ?, ?)');
    db.transaction(() => {
      let household = 0;
      for (const r of prepared) {
        if (r.head) {
          household = Number(h.run(r.area, r.name, r.pinyin, r.account, at, at).lastInsertRowid);
          const id = Number(
            p.run(household, r.name, r.initials, r.id, r.reversed, r.gender, r.birth, r.relation, at, at)
              .lastInsertRowid,
          );
          head.run(id, household);
          c.run(household, 'dibao', '2024-01-01');
        } else p.run(household, r.name, r.initials, r.id, r.reversed, r.gender, r.birth, r.relation, at, at);
      }
    })();
  };
  const prepared = rows.slice(1).map((r) => ({
    head: r[3] === '户主',
    name: r[1],
    pinyin: fullPinyin(r[1]),
    initials: initials(r[1]),
    id: r[2],
    reversed: [...r[2]].reverse().join(''),
    gender: Number(r[2][16]) % 2 ? 'male' : 'female',
    birth: `${r[2].slice(6, 10)}-${r[2].slice(10, 12)}-${r[2].slice(12, 14)}`,
    relation: r[3],
    area: areaIds.get(r[4]) ?? 1,
    account: r[6],
  }));
  let fresh = true;
  const write = await measure(
    'import: confirm a 10,000-row roster (one transaction)',
    async () => {
      await open.call('imports.confirm', { job });
    },
    insertRaw,
    {
      runs: 5,
      warm: 1,
      budgetRatio: 2,
      // Untimed: a fresh empty ledger and a preview of the file on it, before each timed run.
      prepare: async () => {
        if (!fresh) await open.ledger.close({ backup: false });
        fresh = false;
        open = await openCopy(fixture);
        job = randomUUID();
        await open.call('imports.open', { job, kind: 'households', fileName: '花名册.xlsx', base64 });
      },
    },
  );
  await open.ledger.close({ backup: false });
  return [read, stall, write];
}

/**
 * The longest a call waits for the host while `work` runs: a session.state call falls due every 5 ms, as a screen's
 * would arrive, and is timed from then to its answer (a call due while the host is busy waits for it).
 */
async function longestWait(call: (c: string, i: unknown) => Promise<unknown>, work: () => Promise<unknown>) {
  let over = false;
  let longest = 0;
  const probe = (async () => {
    for (let due = performance.now(); !over; due += 5) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await call('session.state', {});
      longest = Math.max(longest, performance.now() - due);
    }
  })();
  try {
    await work();
  } finally {
    over = true;
    await probe;
  }
  return longest;
}

/**
 * The longest stall of a concurrent call during the 10,000-row preview (the file read, parsed and checked in the
 * import worker), beside the same probe's longest wait on an idle host for as long. Budget: 100 ms, absolute (the
 * ratio to an idle host's millisecond says nothing).
 */
async function stallFigure(call: (c: string, i: unknown) => Promise<unknown>, base64: string): Promise<Figure> {
  const runs = 5;
  const busy: number[] = [];
  const idle: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const stall = await longestWait(call, () =>
      call('imports.open', { job: randomUUID(), kind: 'households', fileName: '花名册.xlsx', base64 }),
    );
    const took = performance.now() - t;
    const quiet = await longestWait(call, () => new Promise((r) => setTimeout(r, took)));
    // The first run warms the worker's code and the statements.
    if (i > 0) busy.push(stall);
    if (i > 0) idle.push(quiet);
  }
  const at = (l: number[], p: number) => [...l].sort((a, b) => a - b)[Math.min(l.length - 1, Math.floor(p * l.length))];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const p95 = at(busy, 0.95);
  return {
    figure: 'import: longest stall of a concurrent session.state during the 10,000-row preview',
    p50_ms: round(at(busy, 0.5)),
    p95_ms: round(p95),
    baseline_ms: round(at(idle, 0.95)),
    ratio: round(p95 / at(idle, 0.95)),
    budget_ratio: Number.POSITIVE_INFINITY,
    budget_p95_ms: 100,
    within: p95 <= 100,
  };
}
