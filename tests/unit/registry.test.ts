// The registry on a real SQLite file: create, duplicate ID refused with its holder, move with history, masking, search.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { idNumberFor } from '../../main/demo/fictional';
import type { HouseholdDetail, MemberInput } from '../../shared/schemas/registry';
import { must, refused, type World, world } from './helpers';

const ID = (birth: string, nth: number, female = false) => idNumberFor(birth, nth, female);
const member = (name: string, idNumber: string, relation: MemberInput['relation'] = '户主'): MemberInput => ({
  name,
  idNumber,
  relation,
});

async function setup() {
  const w = await world();
  const admin = await w.admin();
  const east = must(await w.call(admin, 'areas.save', { name: '东山村' }));
  const west = must(await w.call(admin, 'areas.save', { name: '西河村' }));
  const clerk = await w.staff('li', ['clerk']);
  return { w, admin, clerk, east: east.id, west: west.id };
}

async function household(
  w: World,
  s: Awaited<ReturnType<typeof setup>>['clerk'],
  areaId: number,
  members: MemberInput[],
  categories: string[] = [],
) {
  return must(
    await w.call(s, 'households.create', { areaId, members, categories, account: '6217001234567890123' }),
  ) as HouseholdDetail;
}

test('a household with two members, categories and a masked account; names kept exactly', async () => {
  const { w, clerk, east } = await setup();
  const h = await household(
    w,
    clerk,
    east,
    [member('阿依古丽·买买提', ID('1960-03-01', 0, true)), member('𠮷㛃', ID('1990-07-15', 0), '子女')],
    ['dibao', 'severe_disability'],
  );
  assert.deepEqual(
    h.members.map((m) => m.name),
    ['阿依古丽·买买提', '𠮷㛃'],
  );
  assert.equal(h.members[0].idMasked, '9901**********' + ID('1960-03-01', 0, true).slice(-4));
  assert.equal(h.members[0].gender, 'female');
  // The clerk sees the birth year only; a reviewer the whole date.
  assert.equal(h.members[1].birthDate, '1990');
  const reviewer = await w.staff('rev', ['reviewer']);
  assert.equal(must(await w.call(reviewer, 'households.get', { id: h.id })).members[1].birthDate, '1990-07-15');
  assert.equal(h.accountTail, '****0123');
  assert.deepEqual(
    h.categories.map((c) => [c.name, c.fromDate, c.toDate]),
    [
      ['低保', '2026-11-23', null],
      ['重度残疾', '2026-11-23', null],
    ],
  );
  const raw = w.one<{ name: string; name_initials: string }>(
    'SELECT name, name_initials FROM persons WHERE relation = ?',
    '户主',
  );
  assert.deepEqual(raw, { name: '阿依古丽·买买提', name_initials: 'ayglmmt' });
  assert.equal(
    w.one(`SELECT count(*) AS n FROM audit_log WHERE channel = 'households.create' AND entity = 'household'`).n,
    1,
  );
});

test('a duplicate ID number names its holder and household and writes nothing', async () => {
  const { w, clerk, east } = await setup();
  const id = ID('1975-05-05', 0);
  const first = await household(w, clerk, east, [member('张三', id)]);
  const before = [w.count('households'), w.count('persons'), w.count('audit_log')];
  const e = refused(
    await w.call(clerk, 'households.create', {
      areaId: east,
      members: [member('王五', ID('1980-01-01', 0)), member('张三丰', id.toLowerCase(), '子女')],
    }),
  );
  assert.equal(e.code, 'CONFLICT');
  assert.equal(e.field, 'members.1.idNumber');
  // A clerk is not told whose number it is (that would confirm a guessed ID); a reviewer is, with a link.
  assert.equal(e.message, '这个身份证号已在台账中登记，不能重复登记。请审核人核对是哪一户');
  assert.equal(e.link, undefined);
  // Nothing is written but the lookups' own audit rows, one per member: the refusal answered, so it counts
  // (core/idLookups.ts), though the number held was looked up before today and costs nothing new.
  assert.deepEqual(
    [w.count('households'), w.count('persons'), w.count('audit_log')],
    [...before.slice(0, 2), before[2] + 2],
  );
  assert.equal(
    w.one(`SELECT count(*) AS n FROM audit_log WHERE entity = 'lookup' AND channel = 'households.create'`).n,
    3,
  );
  const reviewer = await w.staff('rev', ['reviewer']);
  const named = refused(await w.call(reviewer, 'persons.checkId', { idNumber: id }));
  assert.equal(named.message, `这个身份证号已登记：张三，东山村，户号 ${first.id}（户主 张三）`);
  assert.equal(named.link, `/ledger/household/${first.id}`);
  // The same on the field check, and for a 15-digit form of the same number.
  assert.equal(refused(await w.call(clerk, 'persons.checkId', { idNumber: id })).code, 'CONFLICT');
});

test('bad input: each refused at its field, nothing written', async () => {
  const { w, clerk, east } = await setup();
  const before = [w.count('households'), w.count('persons')];
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ members: [member('张三', '110105194912310021')] }, 'members.0.idNumber', /校验位不对/],
    [{ members: [member('张三', '3.30302E+17')] }, 'members.0.idNumber', /Excel/],
    [{ members: [member('', ID('1970-01-01', 0))] }, 'members.0.name', /请填写姓名/],
    [{ members: [member('张'.repeat(51), ID('1970-01-01', 0))] }, 'members.0.name', /最多 50 个字/],
    [{ members: [member('张三', ID('1970-01-01', 0), '子女')] }, 'members.0.relation', /第一位成员应为户主/],
    [{ members: [] }, 'members', /至少要登记户主/],
    [{ areaId: 999, members: [member('张三', ID('1970-01-01', 0))] }, 'areaId', /请选择村\/社区/],
    [{ phone: '12345', members: [member('张三', ID('1970-01-01', 0))] }, 'phone', /11 位手机号/],
    [{ account: '6217-0012', members: [member('张三', ID('1970-01-01', 0))] }, 'account', /10–30 位数字/],
    [{ notes: '备'.repeat(2000), members: [member('张三', ID('1970-01-01', 0))] }, 'notes', /最多 500 个字/],
    [{ categories: ['rich'], members: [member('张三', ID('1970-01-01', 0))] }, 'categories', /未知的困难类别/],
  ];
  for (const [patch, field, msg] of cases) {
    const e = refused(await w.call(clerk, 'households.create', { areaId: east, ...patch } as never));
    assert.equal(e.field, field, JSON.stringify(patch).slice(0, 60));
    assert.match(e.message, msg);
  }
  assert.deepEqual([w.count('households'), w.count('persons')], before);
});

test('moving a person keeps the history; an exited household cannot be changed', async () => {
  const { w, clerk, east, west } = await setup();
  const a = await household(w, clerk, east, [
    member('李大', ID('1950-01-01', 0)),
    member('李小', ID('1980-01-01', 0), '子女'),
  ]);
  const b = await household(w, clerk, west, [member('赵二', ID('1955-01-01', 0, true))]);
  const li = a.members.find((m) => m.name === '李小')!;
  const moved = must(
    await w.call(clerk, 'persons.move', {
      personId: li.id,
      toHouseholdId: b.id,
      relation: '配偶',
      movedOn: '2026-11-20',
      reason: '结婚',
    }),
  ) as HouseholdDetail;
  assert.deepEqual(moved.members.map((m) => m.name).sort(), ['李小', '赵二']);
  assert.deepEqual(
    moved.moves.map((m) => [m.personName, m.fromHouseholdId, m.toHouseholdId, m.reason]),
    [['李小', a.id, b.id, '结婚']],
  );
  const after = must(await w.call(clerk, 'households.get', { id: a.id })) as HouseholdDetail;
  assert.deepEqual(
    after.members.map((m) => m.name),
    ['李大'],
  );
  assert.equal(after.moves.length, 1, 'the old household still shows who left');
  assert.equal(
    refused(
      await w.call(clerk, 'persons.move', {
        personId: a.members[0].id,
        toHouseholdId: b.id,
        relation: '其他',
        movedOn: '2026-11-20',
        reason: 'x',
      }),
    ).code,
    'CONFLICT',
  );

  must(await w.call(clerk, 'households.exit', { id: b.id, exitedOn: '2026-11-23', reason: '收入超过标准' }));
  const e = refused(
    await w.call(clerk, 'persons.add', { householdId: b.id, member: member('新人', ID('2001-01-01', 0), '子女') }),
  );
  assert.equal(e.code, 'CONFLICT');
  assert.match(e.message, /已于 2026-11-23 退出台账/);
});

test('full ID numbers: never in the list payload; revealed only to reviewer/approver/admin, and audited', async () => {
  const { w, admin, clerk, east } = await setup();
  const id = ID('1966-06-06', 0, true);
  const h = await household(w, clerk, east, [member('钱七', id)]);
  const list = must(await w.call(clerk, 'households.list', {}));
  const payload = JSON.stringify(list) + JSON.stringify(must(await w.call(clerk, 'households.get', { id: h.id })));
  assert.ok(
    !payload.includes(id) && !payload.includes(id.slice(4, 14)),
    'no full or middle digits in list or page payloads',
  );
  assert.match(payload, /9901\*{10}\d{3}[\dX]/);
  const exported = must(await w.call(clerk, 'households.export', {}));
  assert.ok(!Buffer.from(exported.base64, 'base64').toString('latin1').includes(id.slice(4, 14)));

  assert.equal(refused(await w.call(clerk, 'persons.revealId', { id: h.members[0].id })).code, 'FORBIDDEN');
  const reviewer = await w.staff('rev', ['reviewer']);
  assert.equal(must(await w.call(reviewer, 'persons.revealId', { id: h.members[0].id })).idNumber, id);
  assert.equal(must(await w.call(admin, 'persons.revealId', { id: h.members[0].id })).idNumber, id);
  const audits = w.ledger.db
    .prepare(`SELECT staff_id AS staffId, after FROM audit_log WHERE channel = 'persons.revealId'`)
    .all() as { staffId: number; after: string }[];
  assert.deepEqual(
    audits.map((a) => a.staffId),
    [reviewer.staff!.id, admin.staff!.id],
  );
  assert.ok(
    audits.every((a) => !a.after.includes(id)),
    'the audit row does not repeat the number',
  );
});

test('quick search: pinyin initials (单 and 曾 as surnames), ID tail, phone, name; filters by area, category, status', async () => {
  const { w, clerk, east, west } = await setup();
  const shan = await household(w, clerk, east, [member('单雄信', ID('1960-01-01', 0))], ['dibao']);
  const zeng = await household(w, clerk, west, [member('曾小贤', ID('1961-01-01', 0))], ['tekun']);
  const zhang = await household(w, clerk, east, [
    member('张三', ID('1962-01-01', 0)),
    member('李四', ID('1990-02-02', 0), '配偶'),
  ]);
  must(await w.call(clerk, 'households.update', { id: zhang.id, areaId: east, phone: '13912345678' }));
  const find = async (input: Record<string, unknown>) =>
    (must(await w.call(clerk, 'households.list', input)).rows as { id: number }[]).map((r) => r.id);
  assert.deepEqual(await find({ q: 'sxx' }), [shan.id]);
  assert.deepEqual(await find({ q: 'zxx' }), [zeng.id]);
  assert.deepEqual(await find({ q: 'ZS' }), [zhang.id]);
  assert.deepEqual(await find({ q: 'ls' }), [zhang.id], 'a member, not only the head');
  assert.deepEqual(await find({ q: ID('1990-02-02', 0).slice(-4) }), [zhang.id]);
  // A longer tail spells the birth day a clerk does not see: refused for the clerk, answered (and counted) for a role
  // that sees full numbers.
  const six = ID('1960-01-01', 0).slice(-6);
  assert.equal(refused(await w.call(clerk, 'households.list', { q: six })).field, 'q');
  const reviewer = await w.staff('rev', ['reviewer']);
  assert.deepEqual(
    (must(await w.call(reviewer, 'households.list', { q: six })).rows as { id: number }[]).map((r) => r.id),
    [shan.id],
  );
  assert.deepEqual(await find({ q: '13912345678' }), [zhang.id]);
  assert.deepEqual(await find({ q: '曾' }), [zeng.id]);
  assert.deepEqual(
    await find({ areaId: east, sort: { col: 'headName', dir: 'asc' } }),
    [shan.id, zhang.id],
    'shan before zhang',
  );
  assert.deepEqual(await find({ category: 'tekun' }), [zeng.id]);
  must(await w.call(clerk, 'households.exit', { id: shan.id, exitedOn: '2026-11-23', reason: '迁出本镇' }));
  assert.deepEqual(await find({ status: 'registered', areaId: east }), [zhang.id]);
  assert.deepEqual(
    await find({ category: 'dibao' }),
    [shan.id],
    'category ended on the exit date still counts that day',
  );
});
