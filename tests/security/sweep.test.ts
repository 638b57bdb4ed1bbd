// A clerk's sweep of every read, export and list print on a --demo ledger with a year's work in it: no payload and no
// exported file holds a full ID number, a payout account or a household's phone (its own page shows the phone to
// the counter, by rule). A new read channel fails this test until it is added to the sweep.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { DEMO_PASSWORD, seedDemo } from '../../main/demo/year';
import { newSession, type Session } from '../../main/dispatch';
import { contract } from '../../shared/contract';
import { must, world } from '../unit/helpers';

/** The text of every cell of an .xlsx, so that a number inside the zip is found too. */
async function xlsxText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text)))));
  return cells.join('\n');
}

/** The text of a .docx: its document XML, where every paragraph and table cell is. */
async function docxText(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  return zip.file('word/document.xml')!.async('string');
}

test('a clerk sweeps every list, get, export and print: no full ID, account or phone in any of them', async () => {
  const w = await world();
  assert.ok(await seedDemo(w.ledger, w.clock.now()));
  const clerk = newSession();
  must(await w.call(clerk, 'session.signIn', { username: 'shouli', password: DEMO_PASSWORD }));
  const db = w.ledger.db;
  // The demo's year has rows everywhere: a case paid monthly, a paired household with a card, a posted batch.
  const first = <T>(sql: string) => db.prepare(sql).get() as T;
  const { id, h } =
    first<{ id: number; h: number }>(
      `SELECT a.id, a.household_id AS h
      FROM applications a
      JOIN entitlements e ON e.application_id = a.id
      JOIN service_cards c ON c.household_id = a.household_id
      LIMIT 1`,
    ) ??
    first<{ id: number; h: number }>(`SELECT id, household_id AS h FROM applications WHERE state = 'paid' LIMIT 1`);
  const batch = first<{ id: number }>(`SELECT id FROM payroll_batches WHERE state = 'posted' LIMIT 1`);
  const cadre = first<{ id: number }>('SELECT cadre_id AS id FROM pairings LIMIT 1');
  const payment = first<{ id: number }>('SELECT id FROM payments LIMIT 1').id;
  const wish = first<{ id: number; phone: string }>(`SELECT id, phone FROM wishes WHERE phone <> '' LIMIT 1`);
  const suggestion = first<{ id: number }>(`SELECT id FROM suggestions WHERE resident <> '' LIMIT 1`);
  const dispute = first<{ id: number }>(
    `SELECT d.id
      FROM disputes d
      JOIN dispute_parties p ON p.dispute_id = d.id
      WHERE d.agreement = 'written' AND p.id_number IS NOT NULL AND p.phone <> ''
      LIMIT 1`,
  );
  const disputePhones = new Set(
    (db.prepare('SELECT phone AS s FROM dispute_parties WHERE dispute_id = ?').all(dispute.id) as { s: string }[]).map(
      (r) => r.s,
    ),
  );

  // What may not appear: every ID number, every account, every household's and member's phone.
  const secrets = [
    ...(db.prepare('SELECT id_number AS s FROM persons').all() as { s: string }[]),
    ...(db.prepare(`SELECT account AS s FROM households WHERE account <> ''`).all() as { s: string }[]),
    ...(db.prepare(`SELECT phone AS s FROM households WHERE phone <> ''`).all() as { s: string }[]),
    ...(db.prepare(`SELECT phone AS s FROM persons WHERE phone <> ''`).all() as { s: string }[]),
    ...(db.prepare(`SELECT phone AS s FROM wishes WHERE phone <> ''`).all() as { s: string }[]),
    ...(db.prepare(`SELECT id_number AS s FROM dispute_parties WHERE id_number IS NOT NULL`).all() as { s: string }[]),
    ...(db.prepare(`SELECT phone AS s FROM dispute_parties WHERE phone <> ''`).all() as { s: string }[]),
  ].map((r) => r.s);
  assert.ok(secrets.length > 600, `the demo ledger holds ${secrets.length} numbers to look for`);
  const phones = new Set((db.prepare(`SELECT phone AS s FROM households`).all() as { s: string }[]).map((r) => r.s));

  const sweep: Record<string, Record<string, unknown>> = {
    'setup.state': {},
    'session.state': {},
    // With a ledger open both refuse (they run only before a sign-in, main/desk.ts), and say nothing of it.
    'setup.encrypt': { username: 'admin', password: 'admin-pass-1', folder: w.dir },
    'setup.restore': { file: path.join(w.dir, 'x.sqlite'), username: 'admin', password: 'admin-pass-1' },
    'session.touch': {},
    'settings.get': {},
    'areas.list': {},
    'categories.list': {},
    'households.list': { limit: 500 },
    'households.get': { id: h },
    'households.export': {},
    'persons.checkId': { idNumber: secrets[0] },
    'reliefKinds.list': {},
    'calendar.list': { year: 2026 },
    'applications.get': { id },
    'applications.list': { limit: 500 },
    'applications.due': {},
    'applications.queues': {},
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
    'pairings.ofHousehold': { householdId: h },
    'pairings.unpaired': { limit: 500 },
    'visits.list': {},
    'visits.due': {},
    'cadence.list': {},
    'cards.prepare': { householdIds: [h] },
    'cards.list': {},
    'choices.list': {},
    'wishes.list': { limit: 500 },
    'wishes.get': { id: wish.id },
    'wishes.xlsx': {},
    'wishes.wall': {},
    'suggestions.list': { limit: 500 },
    'suggestions.get': { id: suggestion.id },
    'suggestions.xlsx': {},
    'disputes.list': { limit: 500 },
    'disputes.get': { id: dispute.id },
    'disputes.xlsx': {},
    'disputes.agreement': { id: dispute.id },
    'reports.annual': { year: 2026 },
    'reports.xlsx': { year: 2026 },
    'reports.docx': { year: 2026 },
    // Not enrolled with a county: the state says so, and a push refuses without a word of the ledger.
    'county.state': {},
    'county.push': {},
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
    const file = r.ok ? (r.value as { base64?: string; fileName: string }) : undefined;
    if (file?.base64)
      text += file.fileName.endsWith('.docx') ? await docxText(file.base64) : await xlsxText(file.base64);
    for (const s of secrets) {
      if (!text.includes(s)) continue;
      if (channel === 'households.get' && phones.has(s)) continue; // the counter calls from the household page
      if (channel === 'wishes.get' && s === wish.phone) continue; // and the resident from the wish's page
      if (channel === 'disputes.get' && disputePhones.has(s)) continue; // and the parties from the dispute's page
      leaks.push(`${channel}: ${s.slice(0, 4)}…`);
    }
  }
  assert.deepEqual(leaks, []);
});
