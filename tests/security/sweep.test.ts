// A clerk's sweep of every read, export and list print on a --demo ledger with a year's work in it: no payload and no
// exported file holds a full ID number, a payout account or a household's phone (its own page shows the phone to
// the counter, by rule). A new read channel fails this test until it is added to the sweep.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';

import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { newSession, type Session } from '../../main/core/dispatch';
import { LOOKUP_BUDGET } from '../../main/core/idLookups';
import { idNumberFor, rng } from '../../main/demo/fictional';
import { DEMO_PASSWORD } from '../../main/demo/year';
import { contract } from '../../shared/contract';
import { checkDigit } from '../../shared/domain/idNumber';
import { demoWorld } from '../unit/fixtures';
import { must } from '../unit/helpers';

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
  const w = await demoWorld();
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
    'applications.xlsx': {},
    'applications.print': {},
    'applications.due': {},
    'applications.queues': {},
    'applications.publicity': {},
    'payments.get': { id: payment },
    'payments.list': { limit: 500 },
    'payments.xlsx': {},
    'payments.print': {},
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
    'visits.xlsx': {},
    'visits.print': {},
    'visits.due': {},
    'cadence.list': {},
    'cards.prepare': { householdIds: [h] },
    'cards.list': {},
    'choices.list': {},
    'wishes.list': { limit: 500 },
    'wishes.get': { id: wish.id },
    'wishes.xlsx': {},
    'wishes.print': {},
    'wishes.wall': {},
    'suggestions.list': { limit: 500 },
    'suggestions.get': { id: suggestion.id },
    'suggestions.xlsx': {},
    'suggestions.print': {},
    'disputes.list': { limit: 500 },
    'disputes.get': { id: dispute.id },
    'disputes.xlsx': {},
    'disputes.print': {},
    'disputes.agreement': { id: dispute.id },
    'reports.annual': { year: 2026 },
    'reports.xlsx': { year: 2026 },
    'reports.docx': { year: 2026 },
    'reports.summary': { year: 2026 },
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

function shuffled<T>(xs: T[]): T[] {
  const next = rng(7);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Every valid ID number a clerk can form from what the screen shows: the masked number, the birth year and sex. */
function candidates(masked: { head: string; tail: string }, year: string): string[] {
  const out: string[] = [];
  for (let region = 0; region < 100; region++)
    for (let day = new Date(Date.UTC(Number(year), 0, 1)); day.getUTCFullYear() === Number(year);) {
      const first17 = `${masked.head}${String(region).padStart(2, '0')}${day.toISOString().slice(0, 10).replace(/-/g, '')}${masked.tail.slice(0, 3)}`;
      if (checkDigit(first17) === masked.tail[3]) out.push(first17 + masked.tail[3]);
      day = new Date(day.getTime() + 86_400_000);
    }
  return out;
}

test('oracle pass: a clerk probing digit by digit or by a list of candidates recovers no ID, on any channel', async () => {
  const w = await demoWorld();
  const db = w.ledger.db;
  const clerk = newSession();
  const signIn = async () =>
    must(await w.call(clerk, 'session.signIn', { username: 'shouli', password: DEMO_PASSWORD }));
  await signIn();
  // The attacker does not know which candidate is right, so tries them in no useful order (a fixed shuffle here); the
  // target is a head whose number is not among the first day's budget of tries, as most are not.
  const heads = db
    .prepare(
      `SELECT p.id_number AS idNumber, p.name, h.id AS householdId
        FROM households h
        JOIN persons p ON p.id = h.head_person_id
        WHERE length(p.id_number) = 18
        ORDER BY h.id
        LIMIT 40`,
    )
    .all() as { idNumber: string; name: string; householdId: number }[];
  const target = heads
    .map((t) => ({
      ...t,
      list: shuffled(candidates({ head: t.idNumber.slice(0, 4), tail: t.idNumber.slice(-4) }, t.idNumber.slice(6, 10))),
    }))
    .find((t) => t.list.indexOf(t.idNumber) >= LOOKUP_BUDGET.perDay)!;
  assert.ok(target, 'a target');
  assert.ok(target.list.length > 1000, `${target.list.length} candidates`);
  const spelled = (text: string) => text.includes(target.idNumber);
  /** Lookups that answered (n > 0), and the newest lookup row. */
  const lookups = () =>
    (
      db
        .prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'lookup' AND json_extract(after, '$.n') > 0`)
        .get() as { n: number }
    ).n;
  const lastLookup = () =>
    JSON.parse(
      (
        db.prepare(`SELECT after FROM audit_log WHERE entity = 'lookup' ORDER BY id DESC LIMIT 1`).get() as {
          after: string;
        }
      ).after,
    ) as { n: number; refused?: number; what: string };
  /** Runs one query as the attacker would: waits out the minute's limit, stops at the day's or at any other refusal. */
  const ask = async (channel: string, input: Record<string, unknown>) => {
    for (;;) {
      const r = await w.dispatcher.dispatch(clerk, channel, input);
      if (r.ok || !/过于频繁/.test(r.error.message)) return r;
      w.clock.advanceMinutes(1.1);
    }
  };
  const nextDay = async () => {
    w.clock.advanceMinutes(24 * 60);
    await signIn();
  };

  // Digit by digit, on every channel with a quick search: from the tail every list shows, one more digit a time.
  const searched = Object.entries(contract)
    .filter(([, d]) => 'shape' in d.input && 'q' in (d.input as unknown as { shape: object }).shape)
    .map(([c]) => c);
  assert.ok(searched.includes('households.list') && searched.includes('households.export'), searched.join(' '));
  for (const channel of searched) {
    await nextDay();
    let tail = target.idNumber.slice(-4);
    let stop = '';
    while (!stop && tail.length < 18) {
      let grown = '';
      for (const d of '0123456789') {
        const r = await ask(channel, { q: d + tail, limit: 50 });
        if (!r.ok) {
          stop = r.error.message;
          break;
        }
        if (JSON.stringify(r.value).includes(target.name)) grown ||= d + tail;
        const file = (r.value as { base64?: string }).base64;
        if (file && (await xlsxText(file)).includes(target.name)) grown ||= d + tail;
      }
      if (!grown) break;
      tail = grown;
    }
    assert.equal(tail.length, 4, `${channel}: grew the tail to ${tail.length} digits`);
    if (channel.startsWith('households.'))
      assert.match(stop, /请输入后 4 位/, `${channel}: the fifth digit is refused`);
  }

  // A list of candidates, one channel at a time, a day each: at most a day's budget answers, each one audited.
  const probes: Record<string, (id: string) => Record<string, unknown>> = {
    'households.list': (id) => ({ q: id }),
    'households.export': (id) => ({ q: id }),
    'persons.checkId': (id) => ({ idNumber: id }),
    'households.create': (id) => ({ areaId: 1, members: [{ name: '试探', idNumber: id, relation: '户主' }] }),
    'persons.add': (id) => ({
      householdId: target.householdId,
      member: { name: '试探', idNumber: id, relation: '子女' },
    }),
  };
  for (const [channel, input] of Object.entries(probes)) {
    await nextDay();
    const before = lookups();
    let answered = 0;
    let stop = '';
    for (const id of target.list) {
      const r = await ask(channel, input(id));
      if (!r.ok && /上限/.test(r.error.message)) {
        stop = r.error.message;
        break;
      }
      answered++;
      assert.ok(!spelled(JSON.stringify(r)), `${channel} answered with the number`);
    }
    assert.equal(answered, LOOKUP_BUDGET.perDay, `${channel}: a day's budget, then ${stop}`);
    assert.equal(lookups() - before, answered, `${channel}: every probe audited`);
    assert.deepEqual([lastLookup().n, lastLookup().refused], [0, 1], `${channel}: and the refusal`);
  }

  // The whole list in one roster: refused before anything is compared, and audited.
  await nextDay();
  const roster = ['姓名,身份证号,与户主关系,村（社区）', ...target.list.map((id) => `试探,${id},户主,东山村`)].join(
    '\r\n',
  );
  const imported = await w.call(clerk, 'imports.open', {
    job: randomUUID(),
    kind: 'households',
    fileName: '候选.csv',
    base64: Buffer.from(roster).toString('base64'),
  });
  assert.ok(!imported.ok && /这次要核对 \d+ 个/.test(imported.error.message), JSON.stringify(imported).slice(0, 200));
  assert.deepEqual(lastLookup(), { n: 0, refused: target.list.length, what: '导入文件“候选.csv”' });

  // Nor does a list order rows by one: members by their whole birth date would place a probe member added beside the
  // target before or after it by the day the clerk does not see (a binary search of the birth day in nine probes).
  await nextDay();
  const member = db
    .prepare(
      `SELECT p.household_id AS householdId, p.id, substr(p.birth_date, 1, 4) AS year
        FROM persons p
        JOIN households h ON h.id = p.household_id
        WHERE p.relation <> '户主' AND h.status = 'registered'
        LIMIT 1`,
    )
    .get() as { householdId: number; id: number; year: string };
  const places: boolean[] = [];
  for (const [day, nth] of [
    ['01-01', 401],
    ['12-31', 402],
  ] as const) {
    const probe = idNumberFor(`${member.year}-${day}`, nth, false);
    const got = must(
      await w.call(clerk, 'persons.add', {
        householdId: member.householdId,
        member: { name: '试探', idNumber: probe, relation: '其他' },
      }),
    );
    const ids = got.members.map((m) => m.id);
    // The probe just added has the newest person id; is it listed before the target?
    places.push(ids.indexOf(Math.max(...ids)) < ids.indexOf(member.id));
  }
  assert.equal(places[0], places[1], 'a probe born on 1 January and one on 31 December sit on the same side');

  // No sort orders rows by a hidden value (the order of a planted row would tell the digits of its neighbours).
  for (const [channel, d] of Object.entries(contract))
    for (const col of ['idNumber', 'idMasked', 'headIdMasked', 'phone', 'account', 'accountTail']) {
      const r = d.input.safeParse({ sort: { col, dir: 'asc' } });
      const sortOk = r.success || !r.error.issues.some((i) => i.path[0] === 'sort');
      assert.ok(
        !sortOk || !('sort' in ((d.input as unknown as { shape?: object }).shape ?? {})),
        `${channel} sorts by ${col}`,
      );
    }
});
