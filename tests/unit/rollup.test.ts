// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// 县级汇总 through the dispatcher, as the county office's screens call it (--pg on a real PostgreSQL): an admin
// enrols two townships from the screen, they load their files and push; the county's figures, comparison, copy
// status and check of sameness agree with each township's own report; bad input is refused at its field with
// nothing written; a clerk sees no full number anywhere; a reveal needs a reason and is audited twice; the county's
// notes; a carried file through the screen; and a township's own ledger refuses these channels.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type pg from 'pg';

import { parseOptions, UsageError } from '../../main/cli';
import { type CountyOffice, type Session } from '../../main/core/dispatch';
import { REVEAL_BUDGET } from '../../main/core/idLookups';
import { writeCarry } from '../../main/county/carry';
import { countyPayments } from '../../main/county/figures';
import { openOffice } from '../../main/county/office';
import { push } from '../../main/county/push';
import { comparable, reportPayments } from '../../main/county/sameness';
import { countyColumns, type EnrolmentFile } from '../../main/county/store';
import { SYNCED } from '../../main/db/synced';
import { annualReport, reportSections } from '../../main/reports/reports';
import { contract } from '../../shared/contract';
import { maskIdNumber } from '../../shared/domain/idNumber';
import { formatYuan } from '../../shared/domain/money';
import { adviceOf, ROLLUP_SCREENS, SECTION_COLUMNS } from '../../shared/domain/rollup';
import { dateCn } from '../../shared/domain/time';
import { must, refused, type World, world } from './helpers';
import { type Postgres, startPostgres } from './postgres';
import { demoTownship, plantTwin, type Township, type Twin } from './townships';

let pgs: Postgres;
let county: pg.Client;
let office: CountyOffice;
let desk: World;
before(async () => {
  pgs = await startPostgres();
  county = await pgs.admin();
  // --pg as a county's own server over TLS: its CA named by sslrootcert, which enrolment files then carry.
  const pgUrl = `${pgs.url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(pgs.caFile)}`;
  desk = await world({ office: (office = await openOffice('unused.sqlite', { pg: pgUrl })) });
});
after(async () => {
  await office.close();
  await county.end();
  await pgs.stop();
});

const townshipCount = async () => Number((await county.query('SELECT count(*) AS n FROM county.townships')).rows[0].n);
const enrolmentOf = (file: { base64: string }) =>
  JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as EnrolmentFile;

const towns: Township[] = [];

test('the county office enrols townships from its screen; its figures, comparison and checks agree with each township report', async () => {
  const admin = await desk.admin();
  // The county's name goes into every enrolment file: the office's default name is refused until it is set.
  const nameless = refused(await desk.call(admin, 'rollup.enrol', { code: '330122300000', name: '第1乡' }));
  assert.match(nameless.message, /设置 → 中心信息/);
  const center = must(await desk.call(admin, 'settings.get', {}));
  must(await desk.call(admin, 'settings.save', { ...center, name: '青山县民政局' }));
  // Enrolled from the screen: the file is what the township's admin loads under 设置 → 县级上报.
  const enrol = async (t: { code: string; name: string }) => {
    const out = must(await desk.call(admin, 'rollup.enrol', { ...t, url: pgs.url }));
    assert.equal(out.fileName, `${t.name}县级汇总登记文件.json`);
    const file = enrolmentOf(out);
    assert.deepEqual([file.code, file.county], [t.code, '青山县民政局']);
    // The key is sealed under the code shown once; the county server's CA travels in the file, for verify-full.
    assert.ok(!('key' in file) && file.sealed.key, 'the key is sealed');
    assert.match(out.oneTimeCode, /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    assert.match(file.url, /^postgres:\/\/township_[0-9a-f]{16}@127\.0\.0\.1:\d+\/postgres\?sslmode=verify-full$/);
    assert.ok(file.ca?.includes('BEGIN CERTIFICATE'));
    return { file, oneTimeCode: out.oneTimeCode };
  };
  for (const day of ['2026-09-15', '2026-11-20']) {
    const t = await demoTownship(day, enrol);
    must(await t.w.call(t.admin, 'county.push', {}));
    towns.push(t);
  }
  const year = 2026;
  const rows = must(await desk.call(admin, 'rollup.townships', { year }));
  for (const t of towns) {
    const own = annualReport(t.w.ledger.db, year, dateCn(t.w.clock.now()));
    const row = rows.find((r) => r.code === t.e.code)!;
    assert.deepEqual(
      [row.persons, row.households, row.times, row.fen, row.reversalFen, row.revoked],
      [own.total.persons, own.total.households, own.total.times, own.total.fen, own.reversals.fen, false],
    );
    // The township's own figures through the screen's channel, by kind and area, to the fen.
    const shown = must(await desk.call(admin, 'rollup.year', { year, code: t.e.code }));
    assert.equal(shown.scope, t.e.township);
    const mine = reportPayments(own);
    assert.deepEqual(
      comparable({ ...shown, lines: shown.lines.map(({ kind: _, area: __, ...l }) => l) }).lines,
      mine.lines,
    );
    assert.ok(
      shown.lines.some((l) => l.areaId && l.area && !/^\d+$/.test(l.area)),
      'areas by name',
    );
    assert.deepEqual(shown.byMonth, mine.byMonth);
    // And its other sections, by the township's own code over the county's copy.
    const today = dateCn(desk.clock.now());
    assert.deepEqual(shown.sections, reportSections(t.w.ledger.db, year, today));
    assert.ok(shown.sections?.wishes && shown.sections.disputes && shown.sections.pairing);
  }
  const sections = must(await desk.call(admin, 'rollup.sections', { year }));
  assert.deepEqual(
    sections.map((s) => [s.code, s.sections.applications.accepted]),
    towns.map((t) => [t.e.code, reportSections(t.w.ledger.db, year, dateCn(desk.clock.now())).applications.accepted]),
  );
  // Over the county: lines by kind only (an area is one township's), persons added over townships.
  const all = must(await desk.call(admin, 'rollup.year', { year }));
  assert.equal(all.scope, '全县');
  assert.ok(all.lines.every((l) => l.areaId === 0));
  const total = all.lines.find((l) => !l.kindCode)!;
  assert.equal(total.kind, '合计');
  assert.equal(total.fen, (await countyPayments(county, null, year)).lines.find((l) => !l.kindCode && !l.areaId)!.fen);
  assert.equal(
    total.persons,
    towns.reduce((s, t) => s + annualReport(t.w.ledger.db, year, dateCn(t.w.clock.now())).total.persons, 0),
  );
  // Each copy complete, each report the same as the county's figures for it.
  const status = must(await desk.call(admin, 'rollup.status', {}));
  for (const t of towns) assert.ok(status.find((s) => s.code === t.e.code)!.complete);
  const same = must(await desk.call(admin, 'rollup.sameness', {}));
  const ours = same.filter((s) => towns.some((t) => t.e.code === s.code));
  assert.ok(ours.some((s) => s.year === year));
  assert.ok(ours.every((s) => s.same && s.differences.length === 0));
});

test('enrolment from the screen: bad input refused at its field, nothing written; a clerk may not enrol', async () => {
  const admin = await desk.admin();
  const before = await townshipCount();
  const bad: [object, string][] = [
    [{ code: '33012', name: '短码乡' }, 'code'],
    [{ code: '33012230a000', name: '字母乡' }, 'code'],
    [{ code: towns[0].e.code, name: '重复乡', url: pgs.url }, 'code'],
    [{ code: '330122399000', name: '  ' }, 'name'],
    [{ code: '330122399000', name: '地址乡', url: 'http://10.0.0.5/county' }, 'url'],
  ];
  for (const [input, field] of bad) {
    const e = refused(await desk.call(admin, 'rollup.enrol', input as never));
    assert.equal(e.field, field, `${JSON.stringify(input)}: ${e.message}`);
    assert.match(e.message, /[\u4e00-\u9fa5]/);
  }
  const clerk = await desk.staff('kelerk', ['clerk']);
  assert.equal(
    refused(await desk.call(clerk, 'rollup.enrol', { code: '330122399000', name: '越权乡' })).code,
    'FORBIDDEN',
  );
  assert.equal(await townshipCount(), before);
  const e = refused(await desk.call(admin, 'rollup.revoke', { code: '330122399000' }));
  assert.deepEqual([e.code, e.field], ['NOT_FOUND', 'code']);
});

/** The text of every XML part of an .xlsx or .docx the office hands out (base64). */
async function filePlainText(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
  return parts.join('\n');
}

/** Reverses the planted payment and exits the planted household: the person is no longer a hit of township `b`. */
function unplant(b: World, twin: Twin) {
  const db = b.ledger.db;
  const pay = b.one<{ id: number; householdId: number }>(
    `SELECT y.id, y.household_id AS householdId
      FROM payments y
      JOIN persons p ON p.id = y.person_id
      WHERE p.id_number = ?
        AND y.reverses_id IS NULL`,
    twin.idNumber,
  );
  db.transaction(() => {
    db.prepare(
      `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen, paid_on,
          method, account, posted_by, posted_at, reverses_id, cause)
        SELECT application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen, paid_on, method,
            account, posted_by, posted_at, id, 'manual'
          FROM payments
          WHERE id = ?`,
    ).run(pay.id);
    db.prepare(`UPDATE households SET status = 'exited', exited_on = ?, exit_reason = '迁出' WHERE id = ?`).run(
      twin.paidOn,
      pay.householdId,
    );
  })();
}

const twins: Twin[] = [];

test('cross-township checks through the screen: one row per person or account, paged and filtered in SQL, masked for a clerk everywhere, each with what to do', async () => {
  // A person of the later township, planted in the earlier one (in a month it has not closed).
  const [early, late] = towns;
  twins.push(plantTwin(late.w, early.w));
  await push(early.w.ledger);
  const twin = twins[0];
  const clerk = await desk.staff('kecheck', ['clerk']);
  const page = must(await desk.call(clerk, 'rollup.checks', { year: 2026 }));
  // The person paid twice and registered twice is one row; the account shared is another.
  assert.equal(page.total, 2);
  const person = page.rows.find((h) => h.subject === 'person')!;
  const account = page.rows.find((h) => h.subject === 'account')!;
  assert.deepEqual(person.kinds, ['paidTwice', 'registeredTwice']);
  assert.deepEqual(account.kinds, ['sharedAccount']);
  assert.deepEqual(person.townships, [early.e.township, late.e.township].sort());
  assert.equal(person.shown, maskIdNumber(twin.idNumber));
  assert.match(person.detail, new RegExp(`${twin.paidOn.slice(0, 7)} 在多个乡镇发放；在册户：`));
  assert.equal(person.advice, adviceOf(['paidTwice', 'registeredTwice']));
  assert.match(account.advice, /核实账户归属/);
  assert.ok(
    page.rows.every((h) => h.state === 'open' && h.mark === null && h.notes === 0 && /^[0-9a-f]{32}$/.test(h.key)),
  );
  // Paged in SQL: a page of one, the next, one past the end (the total still said).
  const first = must(await desk.call(clerk, 'rollup.checks', { year: 2026, limit: 1 }));
  const second = must(await desk.call(clerk, 'rollup.checks', { year: 2026, limit: 1, offset: 1 }));
  const beyond = must(await desk.call(clerk, 'rollup.checks', { year: 2026, limit: 1, offset: 5 }));
  assert.deepEqual([first.total, second.total, beyond.total, beyond.rows.length], [2, 2, 2, 0]);
  assert.deepEqual([first.rows[0].key, second.rows[0].key].sort(), page.rows.map((h) => h.key).sort());
  // Filtered by kind, by township, by state; a bad filter refused at its field.
  const keys = async (f: object) =>
    must(await desk.call(clerk, 'rollup.checks', { year: 2026, ...f })).rows.map((h) => h.key);
  assert.deepEqual(await keys({ kind: 'sharedAccount' }), [account.key]);
  assert.deepEqual(await keys({ kind: 'registeredTwice' }), [person.key]);
  assert.deepEqual((await keys({ township: early.e.code })).length, 2);
  assert.deepEqual(await keys({ township: '330122399000' }), []);
  assert.deepEqual(await keys({ state: 'done' }), []);
  assert.equal(refused(await desk.call(clerk, 'rollup.checks', { year: 2026, kind: 'x' as never })).field, 'kind');
  assert.equal(refused(await desk.call(clerk, 'rollup.checks', { year: 2026, township: '1' })).field, 'township');

  // A clerk's sweep of every county read, files opened: no full ID number or account in any answer.
  const sweep: Record<string, object[]> = {
    'rollup.year': [{ year: 2026 }, { year: 2026, code: early.e.code }],
    'rollup.townships': [{ year: 2026 }],
    'rollup.sections': [{ year: 2026 }],
    'rollup.status': [{}],
    'rollup.sameness': [{}],
    'rollup.checks': [{ year: 2026 }],
    'rollup.notes': [{}],
    'rollup.print': ROLLUP_SCREENS.map((screen) => ({ year: 2026, screen })),
    'rollup.xlsx': ROLLUP_SCREENS.map((screen) => ({ year: 2026, screen })),
    'rollup.docx': [{ year: 2026 }, { year: 2026, code: early.e.code }],
  };
  const reads = Object.entries(contract)
    .filter(([c, d]) => c.startsWith('rollup.') && d.mode === 'task' && !/addNote|mark$/.test(c))
    .filter(([, d]) => Array.isArray(d.access) && (d.access as readonly string[]).includes('clerk'))
    .map(([c]) => c);
  assert.deepEqual(
    reads.filter((c) => !(c in sweep)),
    [],
    'county reads missing from the sweep',
  );
  for (const [channel, inputs] of Object.entries(sweep))
    for (const input of inputs) {
      const answer = await desk.dispatcher.dispatch(clerk, channel, input);
      assert.ok(answer.ok, `${channel} ${JSON.stringify(input)}: ${JSON.stringify(answer)}`);
      const file = (answer.value as { base64?: string }).base64;
      const text = file ? await filePlainText(file) : JSON.stringify(answer);
      assert.ok(!text.includes(twin.idNumber) && !text.includes(twin.account), `${channel} shows a full number`);
    }
});

test('a reveal is only for a person in a current hit, needs a reason at its field, is rate-limited and audited in both logs', async () => {
  const [early, late] = towns;
  const twin = twins[0];
  const clerk = await desk.staff('kereveal', ['clerk']);
  const reviewer = await desk.staff('shenhe', ['reviewer']);
  const hits = must(await desk.call(reviewer, 'rollup.checks', { year: 2026 })).rows;
  const person = hits.find((h) => h.subject === 'person')!;
  const account = hits.find((h) => h.subject === 'account')!;
  const ask = (s: Session, input: object) => desk.call(s, 'rollup.reveal', { year: 2026, ...input } as never);
  assert.equal(refused(await ask(clerk, { key: person.key, why: '核查' })).code, 'FORBIDDEN');
  // Without a reason, or a blank one: refused at the field, in Chinese.
  for (const why of [undefined, '', ' ']) {
    const e = refused(await ask(reviewer, { key: person.key, why }));
    assert.deepEqual([e.field, e.message], ['why', '请写明查看原因']);
  }
  // Anybody else's row, as the old channel took it: refused (it names no hit).
  const stranger = early.w.one<{ id: number }>(`SELECT min(id) AS id FROM persons`);
  const old = refused(await ask(reviewer, { ledgerId: early.w.ledger.id, personId: stranger.id, why: '随便看看' }));
  assert.equal(old.field, 'key');
  // A key that names no hit, and an account's hit (it has no ID number): refused.
  assert.equal(refused(await ask(reviewer, { key: '0'.repeat(32), why: '核查' })).code, 'FORBIDDEN');
  assert.equal(refused(await ask(reviewer, { key: account.key, why: '核查' })).field, 'key');
  const logged = () => desk.count('audit_log');
  const before = logged();
  const shown = must(await ask(reviewer, { key: person.key, why: '重复享受核查' }));
  assert.deepEqual([shown.idNumber, shown.name], [twin.idNumber, twin.name]);
  // Two rows here: what it cost of the reveal budget, and the reveal itself; neither holds the number.
  assert.equal(logged(), before + 2);
  const rows = desk.ledger.db.prepare('SELECT entity, after FROM audit_log ORDER BY id DESC LIMIT 2').all() as {
    entity: string;
    after: string;
  }[];
  assert.deepEqual(rows.map((r) => r.entity).sort(), ['lookup', 'rollup']);
  for (const r of rows) assert.ok(r.after.includes(maskIdNumber(twin.idNumber)) && !r.after.includes(twin.idNumber));
  const county1 = await county.query(`SELECT detail FROM county.audit_log WHERE action = 'reveal' ORDER BY id DESC`);
  assert.deepEqual([county1.rows[0].detail.why, county1.rows[0].detail.by], ['重复享受核查', '员工shenhe']);
  assert.ok(!JSON.stringify(county1.rows[0].detail).includes(twin.idNumber));

  // The budget: more people in hits than a staff member may reveal in a minute.
  for (let nth = 1; nth <= REVEAL_BUDGET.perMinute; nth++) twins.push(plantTwin(late.w, early.w, nth));
  await push(early.w.ledger);
  const people = must(await desk.call(reviewer, 'rollup.checks', { year: 2026, kind: 'paidTwice' })).rows;
  assert.equal(people.length, REVEAL_BUDGET.perMinute + 1);
  const others = people.filter((h) => h.key !== person.key);
  for (const h of others.slice(0, REVEAL_BUDGET.perMinute - 1)) must(await ask(reviewer, { key: h.key, why: '核查' }));
  const countyRows = async () => Number((await county.query(`SELECT count(*) AS n FROM county.audit_log`)).rows[0].n);
  const stood = await countyRows();
  const tooMany = refused(await ask(reviewer, { key: others.at(-1)!.key, why: '核查' }));
  assert.match(tooMany.message, /查看完整身份证号过于频繁（每人每分钟最多 5 次）/);
  assert.equal(await countyRows(), stood, 'a refused reveal leaves no row at the county');
  // A number already shown today costs nothing; a minute later the next is shown; each staff member has their own.
  must(await ask(reviewer, { key: person.key, why: '再次核对' }));
  const approver = await desk.staff('shenpi', ['approver']);
  must(await ask(approver, { key: others.at(-1)!.key, why: '核查' }));
  desk.clock.advanceMinutes(1.5);
  must(await ask(reviewer, { key: others.at(-1)!.key, why: '核查' }));

  // Outside a current hit: the person's payment reversed and household exited in one township, the key refused.
  unplant(early.w, twin);
  await push(early.w.ledger);
  const gone = refused(await ask(reviewer, { key: person.key, why: '核查' }));
  assert.deepEqual([gone.code, gone.field], ['FORBIDDEN', 'key']);
  assert.match(gone.message, /已不在2026年跨乡镇核查的结果中/);
});

test('核实 → 已处理: a hit marked with a note, audited in both logs; it opens again when it grows; notes on it', async () => {
  const [early] = towns;
  const clerk = await desk.staff('kemark', ['clerk']);
  const accounts = must(await desk.call(clerk, 'rollup.checks', { year: 2026, kind: 'sharedAccount' })).rows;
  const hit = accounts.find((h) => h.shown === `****${twins[1].account.slice(-4)}`)!;
  const mark = (state: 'checking' | 'done', note?: string) =>
    desk.call(clerk, 'rollup.mark', { year: 2026, key: hit.key, state, note } as never);
  assert.deepEqual(
    [refused(await mark('checking', ' ')).field, refused(await mark('checking', ' ')).message],
    ['note', '请写明核实情况或处理结果'],
  );
  assert.equal(refused(await mark('checking')).field, 'note');
  const countyAudit = async () =>
    (await county.query(`SELECT detail FROM county.audit_log WHERE action = 'check' ORDER BY id`)).rows.map(
      (r) => r.detail as { state: string; note: string; by: string },
    );
  assert.deepEqual(await countyAudit(), []);
  must(await mark('checking', '已电话联系两镇核对账户'));
  assert.equal(refused(await mark('checking', '再来一次')).field, 'state');
  must(await mark('done', '第1镇已改为本人账户'));
  assert.deepEqual(
    (await countyAudit()).map((d) => [d.state, d.note, d.by]),
    [
      ['checking', '已电话联系两镇核对账户', '员工kemark'],
      ['done', '第1镇已改为本人账户', '员工kemark'],
    ],
  );
  const office = desk.ledger.db
    .prepare(`SELECT before, after FROM audit_log WHERE channel = 'rollup.mark' ORDER BY id`)
    .all() as { before: string; after: string }[];
  assert.deepEqual(
    office.map((r) => [JSON.parse(r.before).state, JSON.parse(r.after).state]),
    [
      ['待核实', '核实中'],
      ['核实中', '已处理'],
    ],
  );
  const done = must(await desk.call(clerk, 'rollup.checks', { year: 2026, state: 'done' })).rows;
  assert.deepEqual(
    done.map((h) => [h.key, h.mark?.note, h.notes]),
    [[hit.key, '第1镇已改为本人账户', 2]],
  );
  const notes = must(await desk.call(clerk, 'rollup.notes', { topic: hit.topic }));
  assert.deepEqual(
    notes.map((n) => n.body),
    ['【已处理】第1镇已改为本人账户', '【核实中】已电话联系两镇核对账户'],
  );
  // A note written on the hit is counted on it.
  must(await desk.call(clerk, 'rollup.addNote', { township: null, topic: hit.topic, body: '县里已抽查' }));
  assert.equal(
    refused(await desk.call(clerk, 'rollup.addNote', { township: null, topic: hit.topic, body: '  ' })).field,
    'body',
  );
  assert.equal(
    refused(await desk.call(clerk, 'rollup.addNote', { township: '999999999999', topic: '', body: '无此乡' })).field,
    'township',
  );
  // A third household takes up the account: the hit has grown since it was marked, so it is 待核实 again.
  early.w.ledger.db
    .prepare(
      `INSERT INTO households (area_id, head_name, head_pinyin, account, created_at, updated_at)
        VALUES (1, '新户', 'xh', ?, '2026-11-01T09:00:00+08:00', '2026-11-01T09:00:00+08:00')`,
    )
    .run(twins[1].account);
  await push(early.w.ledger);
  const again = must(await desk.call(clerk, 'rollup.checks', { year: 2026, kind: 'sharedAccount' })).rows;
  const grown = again.find((h) => h.key === hit.key)!;
  assert.deepEqual([grown.state, grown.mark?.state, grown.notes], ['open', 'done', 3]);
  assert.match(grown.detail, /3 户共用此账户/);
});

test("every county screen prints and exports; the .xlsx and the .docx read back hold the screen channels' figures", async () => {
  const admin = await desk.admin();
  const year = 2026;
  const rows = must(await desk.call(admin, 'rollup.townships', { year }));
  const sections = must(await desk.call(admin, 'rollup.sections', { year }));
  const exported = desk.count('audit_log');
  // Every screen: a print layout and a workbook on A4, one sheet a table, the header row on every page.
  for (const screen of ROLLUP_SCREENS) {
    const print = must(await desk.call(admin, 'rollup.print', { year, screen }));
    assert.equal(print.center, '青山县民政局');
    assert.ok(print.tables.length > 0 && print.tables.every((t) => t.rows.every((r) => r.length === t.headers.length)));
    const file = must(await desk.call(admin, 'rollup.xlsx', { year, screen }));
    assert.match(file.fileName, /\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    assert.equal(wb.worksheets.length, print.tables.length, screen);
    for (const ws of wb.worksheets) {
      assert.equal(ws.pageSetup.paperSize, 9, `${screen} ${ws.name}: A4`);
      assert.equal(ws.pageSetup.fitToWidth, 1);
    }
  }
  assert.equal(desk.count('audit_log'), exported + 2 * ROLLUP_SCREENS.length);
  const audit = desk.ledger.db
    .prepare(
      `SELECT entity, after FROM audit_log WHERE channel IN ('rollup.print', 'rollup.xlsx') ORDER BY id DESC LIMIT 2`,
    )
    .all() as { entity: string; after: string }[];
  assert.deepEqual(
    audit.map((a) => [a.entity, JSON.parse(a.after).what]),
    [
      ['export', '县级备注'],
      ['print', '县级备注'],
    ],
  );

  // 乡镇对比 read back: each township's figures as the screen's channel gives them, amounts in yuan as numbers.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    Buffer.from(must(await desk.call(admin, 'rollup.xlsx', { year, screen: 'townships' })).base64, 'base64') as never,
  );
  const values = (name: string) =>
    wb
      .getWorksheet(name)!
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
  const paid = values('发放情况');
  const head = paid.findIndex((r) => r[0] === '乡镇');
  for (const t of rows) {
    const r = paid.find((x) => x[1] === t.code)!;
    assert.deepEqual(r.slice(0, 7), [
      t.name,
      t.code,
      t.persons,
      t.households,
      t.times,
      t.fen / 100,
      t.reversalFen / 100,
    ]);
  }
  assert.equal(paid.at(-1)![5], rows.reduce((s, t) => s + t.fen, 0) / 100);
  assert.ok(head >= 0 && paid.length === head + 1 + rows.length + 1);
  const other = values('其他部分');
  for (const t of sections) {
    const r = other.find((x) => x[0] === t.name)!;
    assert.deepEqual(
      r.slice(1),
      SECTION_COLUMNS.map((c) => c.value(t.sections)),
    );
  }
  // Its print: the same figures as the screen shows them.
  const print = must(await desk.call(admin, 'rollup.print', { year, screen: 'townships' }));
  for (const t of rows) assert.ok(print.tables[0].rows.some((r) => r[0] === t.name && r[5] === formatYuan(t.fen)));

  // 跨乡镇核查 read back, filtered as on the screen.
  const checks = must(await desk.call(admin, 'rollup.checks', { year, kind: 'paidTwice' })).rows;
  const cw = new ExcelJS.Workbook();
  await cw.xlsx.load(
    Buffer.from(
      must(await desk.call(admin, 'rollup.xlsx', { year, screen: 'checks', kind: 'paidTwice' })).base64,
      'base64',
    ) as never,
  );
  const listed = cw.worksheets[0]
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1));
  const body = listed.slice(listed.findIndex((r) => r[0] === '序号') + 1);
  assert.deepEqual(
    body.map((r) => [r[2], r[5]]),
    checks.map((h) => [h.shown, h.advice]),
  );
  assert.ok(
    listed.some((r) => /筛选：类型：重复享受/.test(String(r[0]))),
    'the filter above the table',
  );

  // 全县总数 as the county's 年度工作总结: the county's total, its townships as the areas, by the township's builder.
  const all = must(await desk.call(admin, 'rollup.year', { year }));
  const total = all.lines.find((l) => !l.kindCode)!;
  const docx = must(await desk.call(admin, 'rollup.docx', { year }));
  assert.equal(docx.fileName, '青山县民政局2026年度工作总结.docx');
  const xml = await (
    await JSZip.loadAsync(Buffer.from(docx.base64, 'base64'))
  )
    .file('word/document.xml')!
    .async('string');
  const words = xml.replace(/<[^>]+>/g, '');
  assert.ok(words.includes(`全年发放救助资金${formatYuan(total.fen)}元`), 'the county total in 基本情况');
  assert.ok(words.includes('附表2　救助资金发放情况（按乡镇）'));
  for (const t of rows) assert.ok(words.includes(`${t.name}`) && words.includes(formatYuan(t.fen)), t.name);
  assert.ok(words.includes('跨乡镇核查'), 'drafted from the checks');
  const one = must(await desk.call(admin, 'rollup.docx', { year, code: towns[0].e.code }));
  assert.equal(one.fileName, `青山县民政局（${towns[0].e.township}）2026年度工作总结.docx`);
});

test('a carried file through the screen: applied as a push, again applies nothing, a flipped byte is refused whole', async () => {
  const admin = await desk.admin();
  const t = towns[1];
  // A change made offline, carried on a USB stick.
  t.w.ledger.db.prepare(`UPDATE areas SET name = name || '（新）' WHERE id = 1`).run();
  const file = writeCarry(t.w.ledger);
  const base64 = file.data.toString('base64');
  const tampered = Buffer.from(file.data);
  tampered[tampered.length - 5] ^= 1;
  const e = refused(
    await desk.call(admin, 'rollup.carry', { fileName: 'x.bmcarry', base64: tampered.toString('base64') }),
  );
  assert.equal(e.field, 'file');
  const got = must(await desk.call(admin, 'rollup.carry', { fileName: 'x.bmcarry', base64 }));
  assert.deepEqual([got.township, got.applied], [t.e.township, file.chunks]);
  assert.equal(must(await desk.call(admin, 'rollup.carry', { fileName: 'x.bmcarry', base64 })).applied, 0);
  const { rows } = await county.query(`SELECT name FROM county.areas WHERE ledger_id = $1 AND id = 1`, [t.w.ledger.id]);
  assert.match(rows[0].name, /（新）$/);
  // The 回执 it hands back, loaded at the township: the file is acknowledged there. A clerk may not make one.
  assert.equal(got.batch, file.batch);
  const text = Buffer.from(got.receipt.base64, 'base64').toString('utf8');
  const back = must(await t.w.call(t.admin, 'county.receipt', { fileName: got.receipt.fileName, text }));
  assert.deepEqual([back.outcome, must(await t.w.call(t.admin, 'county.state', {})).carried], ['acked', []]);
  const again = must(await desk.call(admin, 'rollup.receipt', { code: t.e.code }));
  assert.match(again.fileName, new RegExp(`^${t.e.township}回执第${file.batch}批-\\d{8}\\.bmreceipt$`));
  const clerk = await desk.staff('rclerk', ['clerk']);
  assert.equal(refused(await desk.call(clerk, 'rollup.receipt', { code: t.e.code })).code, 'FORBIDDEN');
  // Revoked from the screen: its next push is refused, its rows stay.
  must(await desk.call(admin, 'rollup.revoke', { code: t.e.code }));
  await assert.rejects(push(t.w.ledger), /停用/);
  assert.ok(must(await desk.call(admin, 'rollup.townships', { year: 2026 })).find((r) => r.code === t.e.code)!.revoked);
});

test("a township's own ledger refuses the county's channels, saying how the county office starts", async () => {
  const t = towns[0];
  const e = refused(await t.w.call(t.admin, 'rollup.year', { year: 2026 }));
  assert.equal(e.code, 'FORBIDDEN');
  assert.match(e.message, /--county/);
  assert.equal(must(await t.w.call(t.admin, 'setup.state', {})).county, false);
  assert.equal(must(await desk.call(await desk.admin(), 'setup.state', {})).county, true);
});

test('what the county keeps is declared once: every synced table has its outbox triggers in the ledger and its columns in the county', async () => {
  const t = towns[0];
  const triggers = new Set(
    (t.w.ledger.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const missing = SYNCED.flatMap((s) =>
    ['insert', 'update', 'delete']
      .filter((e) => !(s.insertOnly && e !== 'insert'))
      .map((e) => `${s.table}_outbox_${e}`)
      .filter((n) => !triggers.has(n)),
  );
  assert.deepEqual(missing, []);
  const outboxed = [...triggers].filter((n) => n.includes('_outbox_')).map((n) => n.replace(/_outbox_\w+$/, ''));
  assert.deepEqual([...new Set(outboxed)].sort(), SYNCED.map((s) => s.table).sort());
  // The county's catalog has every column (countyColumns refuses otherwise), and each ledger column exists too.
  const types = await countyColumns(county);
  for (const s of SYNCED) {
    const mine = (t.w.ledger.db.prepare(`PRAGMA table_info(${s.table})`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    assert.deepEqual(
      s.columns.filter((c) => !mine.includes(c)),
      [],
      s.table,
    );
    assert.deepEqual(
      s.columns.filter((c) => !types.get(s.table)!.has(c)),
      [],
      s.table,
    );
  }
});

test('the county office starts with --county (its own server) or --pg URL; a --pg that is not an address is refused', () => {
  const db = ['--db', '/tmp/office.sqlite'];
  assert.deepEqual(parseOptions([...db, '--county'], {}).office, {});
  assert.deepEqual(parseOptions([...db, '--pg', 'postgres://county@10.0.0.5:5432/county'], {}).office, {
    pg: 'postgres://county@10.0.0.5:5432/county',
  });
  assert.equal(parseOptions(db, {}).office, undefined);
  assert.throws(() => parseOptions([...db, '--pg', 'http://10.0.0.5/county'], {}), UsageError);
  assert.throws(() => parseOptions([...db, '--pg'], {}), UsageError);
});
