// A clerk's sweep of every read, export and list print on a --demo ledger with a year's work in it: no payload and no
// exported file holds a full ID number, a payout account or a household's phone (its own page shows the phone to
// the counter, by rule). A new read channel fails this test until it is added to the sweep.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import ExcelJS from 'exceljs';

import { seedDemo } from '../../main/demo/seed';
import type { Session } from '../../main/dispatch';
import { contract } from '../../shared/contract';
import { daysEarlier, must, world } from '../unit/helpers';

/** The text of every cell of an .xlsx, so that a number inside the zip is found too. */
async function xlsxText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text)))));
  return cells.join('\n');
}

test('a clerk sweeps every list, get, export and print: no full ID, account or phone in any of them', async () => {
  const w = await world();
  assert.ok(seedDemo(w.ledger.db, w.clock.now()));
  const clerk = await w.staff('li', ['clerk']);
  const reviewer = await w.staff('zhao', ['reviewer']);
  const approver = await w.staff('qian', ['approver']);
  const db = w.ledger.db;
  const h = must(await w.call(clerk, 'households.get', { id: 1 }));

  // A case carried to a monthly payment, a cadre paired with a visit, a card issued: every list has rows.
  const id = must(
    await w.call(clerk, 'applications.register', {
      householdId: h.id,
      personId: h.members[0].id,
      kindCode: 'elderly_allowance',
      reason: '高龄',
      amount: '200',
      materials: [],
    }),
  ).id;
  const visit = { id, investigators: ['李一', '王二'] as [string, string], visitedOn: '2026-11-23', findings: '属实' };
  must(await w.call(clerk, 'applications.investigate', visit));
  must(await w.call(reviewer, 'applications.review', { id, opinion: '同意' }));
  const notice = (day: string) => w.call(reviewer, 'applications.publicize', { id, fromDate: day });
  must(await daysEarlier(w, reviewer, 8, notice));
  must(await w.call(approver, 'applications.approve', { id, amount: '200' }));
  must(await w.call(clerk, 'entitlements.save', { applicationId: id, startMonth: '2026-11', endMonth: null }));
  const batch = must(await w.call(clerk, 'payroll.create', { month: '2026-11', kindCode: null }));
  must(await w.call(approver, 'payroll.approve', { id: batch.id }));
  const cadre = must(await w.call(clerk, 'cadres.save', { name: '李书记', unit: '镇党委', phone: '13900001111' }));
  const pair = { householdId: h.id, cadreId: cadre.id, role: 'primary' as const, fromDate: '2026-11-01' };
  must(await w.call(clerk, 'pairings.start', pair));
  const seen = { householdId: h.id, cadreId: cadre.id, visitedOn: '2026-11-20', mode: 'home' as const };
  must(await w.call(clerk, 'visits.create', { ...seen, findings: '身体尚可' }));
  must(await w.call(clerk, 'cards.issue', { householdIds: [h.id], format: 'cr80' }));
  const payment = (db.prepare('SELECT id FROM payments LIMIT 1').get() as { id: number }).id;

  // What may not appear: every ID number, every account, every household's and member's phone.
  const secrets = [
    ...(db.prepare('SELECT id_number AS s FROM persons').all() as { s: string }[]),
    ...(db.prepare(`SELECT account AS s FROM households WHERE account <> ''`).all() as { s: string }[]),
    ...(db.prepare(`SELECT phone AS s FROM households WHERE phone <> ''`).all() as { s: string }[]),
    ...(db.prepare(`SELECT phone AS s FROM persons WHERE phone <> ''`).all() as { s: string }[]),
  ].map((r) => r.s);
  assert.ok(secrets.length > 600, `the demo ledger holds ${secrets.length} numbers to look for`);
  const phones = new Set((db.prepare(`SELECT phone AS s FROM households`).all() as { s: string }[]).map((r) => r.s));

  const sweep: Record<string, Record<string, unknown>> = {
    'setup.state': {},
    'session.state': {},
    'session.touch': {},
    'settings.get': {},
    'areas.list': {},
    'categories.list': {},
    'households.list': { limit: 500 },
    'households.get': { id: h.id },
    'households.export': {},
    'persons.checkId': { idNumber: secrets[0] },
    'reliefKinds.list': {},
    'calendar.list': { year: 2026 },
    'applications.get': { id },
    'applications.list': { limit: 500 },
    'applications.due': {},
    'applications.publicity': {},
    'payments.get': { id: payment },
    'payments.list': { limit: 500 },
    'payments.ofCase': { applicationId: id },
    'payments.check': {},
    'payroll.get': { id: batch.id },
    'payroll.list': {},
    'payroll.rows': { batchId: batch.id },
    'payroll.roster': { id: batch.id },
    'payroll.rosterXlsx': { id: batch.id },
    'months.list': {},
    'cadres.list': {},
    'cadres.get': { id: cadre.id },
    'pairings.ofHousehold': { householdId: h.id },
    'pairings.unpaired': { limit: 500 },
    'visits.list': {},
    'visits.due': {},
    'cadence.list': {},
    'cards.prepare': { householdIds: [h.id] },
    'cards.list': {},
    'reports.annual': { year: 2026 },
    'reports.xlsx': { year: 2026 },
  };
  // Every channel that answers a clerk without changing the ledger is in the sweep (or is the clerk's own list).
  const reads = Object.entries(contract)
    .filter(([, d]) => d.mode !== 'mutation' && (d.access === 'signedIn' || d.access === 'public'))
    .map(([c]) => c);
  assert.deepEqual(
    reads.filter((c) => !(c in sweep)),
    [],
    'read channels missing from the sweep',
  );

  const leaks: string[] = [];
  for (const [channel, input] of Object.entries(sweep)) {
    const r = await w.dispatcher.dispatch(clerk as Session, channel, input);
    let text = JSON.stringify(r);
    const file = r.ok ? (r.value as { base64?: string }).base64 : undefined;
    if (file) text += await xlsxText(file);
    for (const s of secrets) {
      if (!text.includes(s)) continue;
      if (channel === 'households.get' && phones.has(s)) continue; // the counter calls from the household page
      leaks.push(`${channel}: ${s.slice(0, 4)}…`);
    }
  }
  assert.deepEqual(leaks, []);
});
