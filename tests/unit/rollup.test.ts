// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// 县级汇总 through the dispatcher, as the county office's screens call it (--pg on a real PostgreSQL): an admin
// enrols two townships from the screen, they load their files and push; the county's figures, comparison, copy
// status and check of sameness agree with each township's own report; bad input is refused at its field with
// nothing written; a clerk sees no full number anywhere; a reveal needs a reason and is audited twice; the county's
// notes; a carried file through the screen; and a township's own ledger refuses these channels.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type pg from 'pg';

import { parseOptions, UsageError } from '../../main/cli';
import { type CountyOffice } from '../../main/core/dispatch';
import { writeCarry } from '../../main/county/carry';
import { countyPayments } from '../../main/county/figures';
import { openOffice } from '../../main/county/office';
import { push } from '../../main/county/push';
import { comparable, reportPayments } from '../../main/county/sameness';
import { countyColumns, type Enrolment } from '../../main/county/store';
import { SYNCED } from '../../main/db/synced';
import { annualReport, reportSections } from '../../main/reports/reports';
import { contract } from '../../shared/contract';
import { maskIdNumber } from '../../shared/domain/idNumber';
import { dateCn } from '../../shared/domain/time';
import { must, refused, type World, world } from './helpers';
import { type Postgres, startPostgres } from './postgres';
import { demoTownship, plantTwin, type Township } from './townships';

let pgs: Postgres;
let county: pg.Client;
let office: CountyOffice;
let desk: World;
before(async () => {
  pgs = await startPostgres();
  county = await pgs.admin();
  desk = await world({ office: (office = await openOffice('unused.sqlite', { pg: pgs.url })) });
});
after(async () => {
  await office.close();
  await county.end();
  await pgs.stop();
});

const townshipCount = async () => Number((await county.query('SELECT count(*) AS n FROM county.townships')).rows[0].n);
const enrolmentOf = (file: { base64: string }) =>
  JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as Enrolment;

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
    const file = must(await desk.call(admin, 'rollup.enrol', { ...t, url: pgs.url }));
    assert.equal(file.fileName, `${t.name}县级汇总登记文件.json`);
    const e = enrolmentOf(file);
    assert.deepEqual([e.code, e.county], [t.code, '青山县民政局']);
    assert.ok(!e.url.includes(e.key), 'the key is not in the address');
    return e;
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

test('cross-township checks through the screen: masked for a clerk everywhere, a reveal needs a reason and is audited in both logs', async () => {
  // A person of the later township, planted in the earlier one (in a month it has not closed).
  const [early, late] = towns;
  const twin = plantTwin(late.w, early.w);
  assert.ok(twin, 'a payment to plant');
  await push(early.w.ledger);
  const clerk = await desk.staff('kecheck', ['clerk']);
  const reviewer = await desk.staff('shenhe', ['reviewer']);
  const hits = must(await desk.call(clerk, 'rollup.checks', { year: 2026 }));
  assert.deepEqual(hits.map((h) => h.kind).sort(), ['paidTwice', 'registeredTwice', 'sharedAccount']);
  assert.ok(hits.every((h) => h.notes === 0 && h.topic));
  // A clerk's sweep of every county read: no full ID number or account in any answer.
  const sweep: Record<string, object> = {
    'rollup.year': { year: 2026 },
    'rollup.townships': { year: 2026 },
    'rollup.sections': { year: 2026 },
    'rollup.status': {},
    'rollup.sameness': {},
    'rollup.checks': { year: 2026 },
    'rollup.notes': {},
  };
  const reads = Object.entries(contract)
    .filter(([c, d]) => c.startsWith('rollup.') && d.mode === 'task' && !c.endsWith('addNote'))
    .filter(([, d]) => Array.isArray(d.access) && (d.access as readonly string[]).includes('clerk'))
    .map(([c]) => c);
  assert.deepEqual(
    reads.filter((c) => !(c in sweep)),
    [],
    'county reads missing from the sweep',
  );
  for (const [channel, input] of Object.entries(sweep)) {
    const text = JSON.stringify(await desk.dispatcher.dispatch(clerk, channel, input));
    assert.ok(!text.includes(twin.idNumber) && !text.includes(twin.account), `${channel} shows a full number`);
  }

  const ref = hits.find((h) => h.kind === 'paidTwice')!.ref!;
  assert.equal(refused(await desk.call(clerk, 'rollup.reveal', { ...ref, why: '核查' })).code, 'FORBIDDEN');
  assert.equal(refused(await desk.call(reviewer, 'rollup.reveal', { ...ref, why: ' ' })).field, 'why');
  const logged = () => desk.count('audit_log');
  const before = logged();
  const shown = must(await desk.call(reviewer, 'rollup.reveal', { ...ref, why: '重复享受核查' }));
  assert.equal(shown.idNumber, twin.idNumber);
  assert.equal(logged(), before + 1);
  const row = desk.one<{ after: string }>('SELECT after FROM audit_log ORDER BY id DESC LIMIT 1');
  assert.ok(row.after.includes(maskIdNumber(twin.idNumber)) && !row.after.includes(twin.idNumber));
  const { rows } = await county.query(`SELECT detail FROM county.audit_log WHERE action = 'reveal' ORDER BY id DESC`);
  assert.deepEqual([rows[0].detail.why, rows[0].detail.by], ['重复享受核查', '员工shenhe']);
  assert.ok(!JSON.stringify(rows[0].detail).includes(twin.idNumber));

  // A note on the hit, counted on it; an empty one and one for an unknown township are refused.
  const topic = hits.find((h) => h.kind === 'paidTwice')!.topic;
  must(await desk.call(clerk, 'rollup.addNote', { township: null, topic, body: '已电话联系两镇核对' }));
  assert.equal(refused(await desk.call(clerk, 'rollup.addNote', { township: null, topic, body: '  ' })).field, 'body');
  assert.equal(
    refused(await desk.call(clerk, 'rollup.addNote', { township: '999999999999', topic: '', body: '无此乡' })).field,
    'township',
  );
  const notes = must(await desk.call(clerk, 'rollup.notes', { topic }));
  assert.deepEqual(
    notes.map((n) => [n.author, n.body]),
    [['员工kecheck', '已电话联系两镇核对']],
  );
  const again = must(await desk.call(clerk, 'rollup.checks', { year: 2026 }));
  assert.equal(again.find((h) => h.topic === topic)!.notes, 1);
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
