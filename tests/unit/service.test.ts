// 服务人员, 微心愿 and 群众意见建议 through the dispatcher on a real ledger: every step, every refusal (with nothing
// written), the masked 心愿墙, the photo, working-day deadlines, and the year's figures against the grids they open.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PNG as PNGImage } from 'pngjs';

import type { Session } from '../../main/core/dispatch';
import { SUGGESTION_FIGURES, WISH_FIGURES } from '../../shared/domain/service';
import { must, refused } from './helpers';
import { paymentsWorld } from './paymentsSetup';

// The suite's clock stands at 2026-11-23 (a Monday), 09:00 China time.
/** A 2×2 PNG of four colours. */
const PNG = (() => {
  const p = new PNGImage({ width: 2, height: 2 });
  p.data.set([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
  return PNGImage.sync.write(p);
})();

async function setup() {
  const pw = await paymentsWorld();
  const { w, clerk } = pw;
  const server = (name: string, kind: 'member' | 'volunteer' = 'volunteer') =>
    w.call(clerk, 'cadres.save', {
      name,
      kind,
      unit: '县供电公司',
      ...(kind === 'member' ? { reportedOn: '2026-03-01', post: '扶贫帮困' } : {}),
    });
  const wish = (
    o: Partial<{ resident: string; content: string; collectedOn: string; areaId: number; category: string }> = {},
  ) =>
    w.call(clerk, 'wishes.create', {
      resident: '张秀英',
      phone: '13912345678',
      areaId: pw.areaId,
      content: '希望有人帮忙修一下漏雨的屋顶',
      category: '扶贫帮困',
      channel: 'counter',
      collectedOn: '2026-11-20',
      ...o,
    });
  return { ...pw, server, wish };
}

/** Refused, and the ledger unchanged (no row of the aggregate and no audit row written). */
async function refusedUnchanged(
  w: Awaited<ReturnType<typeof setup>>['w'],
  result: Promise<Parameters<typeof refused>[0]>,
) {
  const before = [
    w.count('wishes'),
    w.count('wish_claims'),
    w.count('wish_photos'),
    w.count('suggestions'),
    w.count('audit_log'),
  ];
  const e = refused(await result);
  const after = [
    w.count('wishes'),
    w.count('wish_claims'),
    w.count('wish_photos'),
    w.count('suggestions'),
    w.count('audit_log'),
  ];
  assert.deepEqual(after, before, `nothing written when refused: ${e.message}`);
  return e;
}

test('servers: 在职党员 need a report date and a post from the list; cadres kept their history as 机关干部', async () => {
  const { w, clerk, server } = await setup();
  const old = must(await w.call(clerk, 'cadres.save', { name: '李书记', unit: '镇党委' }));
  assert.equal(old.kind, 'official');
  assert.equal(
    refused(await w.call(clerk, 'cadres.save', { name: '王党员', kind: 'member', post: '扶贫帮困' })).field,
    'reportedOn',
  );
  assert.equal(
    refused(
      await w.call(clerk, 'cadres.save', { name: '王党员', kind: 'member', reportedOn: '2026-03-01', post: '开飞机' }),
    ).field,
    'post',
  );
  const m = must(await server('王党员', 'member'));
  assert.deepEqual([m.kind, m.reportedOn, m.post], ['member', '2026-03-01', '扶贫帮困']);
  // Another kind keeps no report date or post.
  const v = must(await w.call(clerk, 'cadres.save', { ...m, id: m.id, kind: 'volunteer' }));
  assert.deepEqual([v.reportedOn, v.post], [null, null]);
  assert.equal(must(await w.call(clerk, 'cadres.list', { kind: 'volunteer' })).total, 1);
  // An admin adds a post; it is then offered and accepted.
  must(await w.call(await w.admin(), 'choices.save', { list: 'post', name: '助老助残' }));
  assert.ok(must(await w.call(clerk, 'choices.list', {})).some((c) => c.list === 'post' && c.name === '助老助残'));
  must(
    await w.call(clerk, 'cadres.save', { name: '赵党员', kind: 'member', reportedOn: '2026-04-01', post: '助老助残' }),
  );
  assert.equal(refused(await w.call(clerk, 'choices.save', { list: 'post', name: '又一个' })).code, 'FORBIDDEN');
});

test('wishes: taken, accepted, published masked, claimed by a group, fulfilled with a photo', async () => {
  const { w, clerk, reviewer, server, wish } = await setup();
  const zhang = must(await server('张党员', 'member'));
  // Bad input at the counter.
  assert.equal((await refusedUnchanged(w, wish({ content: '' }))).field, 'content');
  const long = await refusedUnchanged(w, wish({ content: '修'.repeat(2000) }));
  assert.deepEqual([long.field, /最多 500 个字，现在是 2000 个/.test(long.message)], ['content', true]);
  assert.equal((await refusedUnchanged(w, wish({ collectedOn: '2026-11-24' }))).field, 'collectedOn');
  assert.equal((await refusedUnchanged(w, wish({ category: '买彩票' }))).field, 'category');

  const a = must(await wish());
  assert.deepEqual([a.status, a.phone, a.timeline.length], ['collected', '13912345678', 1]);
  const listed = must(await w.call(clerk, 'wishes.list', {})).rows[0];
  assert.equal(listed.phone, '139****5678', 'phones masked in the list');

  // Only a reviewer decides; a deadline before the collection is refused.
  const accept = {
    decision: 'accept' as const,
    id: a.id,
    decidedOn: '2026-11-21',
    standard: '一周内修好',
    dueOn: '2026-11-30',
  };
  assert.equal((await refusedUnchanged(w, w.call(clerk, 'wishes.decide', accept))).code, 'FORBIDDEN');
  const early = await refusedUnchanged(w, w.call(reviewer, 'wishes.decide', { ...accept, dueOn: '2026-11-19' }));
  assert.equal(early.field, 'dueOn');
  // Not claimable before it is accepted; not fulfilled before it is claimed.
  const claim = { id: a.id, cadreIds: [zhang.id], units: ['县供电公司'], claimedOn: '2026-11-22' };
  assert.match((await refusedUnchanged(w, w.call(clerk, 'wishes.claim', claim))).message, /还没有审定/);
  must(await w.call(reviewer, 'wishes.decide', accept));
  const fulfil = { id: a.id, fulfilledOn: '2026-11-23', fulfilment: '更换了瓦片', value: '350.00', feedback: '很满意' };
  assert.match((await refusedUnchanged(w, w.call(clerk, 'wishes.fulfil', fulfil))).message, /还没有人认领/);

  // The 心愿墙: masked name, no phone, only accepted wishes.
  const wall = must(await w.call(clerk, 'wishes.wall', {}));
  assert.deepEqual(
    wall.rows.map((r) => [r.resident, r.content, r.dueOn]),
    [['张*英', '希望有人帮忙修一下漏雨的屋顶', '2026-11-30']],
  );
  assert.ok(!JSON.stringify(wall).includes('13912345678'));

  // A group claim: a party member and a unit; the same one again is refused.
  const claimed = must(await w.call(clerk, 'wishes.claim', claim));
  assert.deepEqual([claimed.status, claimed.claimers], ['claimed', '张党员、县供电公司']);
  assert.equal((await refusedUnchanged(w, w.call(clerk, 'wishes.claim', { ...claim, units: [] }))).field, 'cadreIds');
  assert.equal(must(await w.call(clerk, 'wishes.wall', {})).rows.length, 0, 'claimed wishes leave the wall');

  // The photo: not an image, or too large, is refused at its field.
  const notImage = { fileName: 'a.jpg', base64: Buffer.from('not an image').toString('base64') };
  assert.equal(
    (await refusedUnchanged(w, w.call(clerk, 'wishes.fulfil', { ...fulfil, photo: notImage }))).field,
    'photo',
  );
  const big = Buffer.alloc(5 * 1024 * 1024 + 1);
  PNG.copy(big);
  const tooBig = await refusedUnchanged(
    w,
    w.call(clerk, 'wishes.fulfil', { ...fulfil, photo: { fileName: 'big.png', base64: big.toString('base64') } }),
  );
  assert.deepEqual([tooBig.field, /不能超过 5 MB/.test(tooBig.message)], ['photo', true]);
  assert.equal(
    (await refusedUnchanged(w, w.call(clerk, 'wishes.fulfil', { ...fulfil, value: '3.505' }))).field,
    'value',
  );

  const done = must(
    await w.call(clerk, 'wishes.fulfil', {
      ...fulfil,
      photo: { fileName: 'roof.PNG', base64: PNG.toString('base64') },
    }),
  );
  assert.deepEqual([done.status, done.valueFen, done.photo?.mime], ['fulfilled', 35000, 'image/png']);
  // Written afresh from its pixels (service/photos.ts): the same picture, not the same bytes.
  const back = PNGImage.sync.read(Buffer.from(done.photo!.base64, 'base64'));
  assert.deepEqual([...back.data], [...PNGImage.sync.read(PNG).data], 'the photo comes back pixel for pixel');
  assert.deepEqual(
    done.timeline.map((t) => t.what.slice(0, 2)),
    ['征集', '审定', '认领', '认领', '实现'],
  );
  // Fulfilled and declined wishes are closed.
  assert.match(
    (await refusedUnchanged(w, w.call(clerk, 'wishes.claim', { ...claim, cadreIds: [] }))).message,
    /已经实现/,
  );
  assert.match(
    (await refusedUnchanged(w, w.call(clerk, 'wishes.withdraw', { id: a.id, reason: '录错了' }))).message,
    /已经实现/,
  );
  const b = must(await wish({ resident: '李四' }));
  must(
    await w.call(reviewer, 'wishes.decide', {
      decision: 'decline',
      id: b.id,
      decidedOn: '2026-11-23',
      reason: '不属于微心愿范围',
    }),
  );
  assert.match(
    (await refusedUnchanged(w, w.call(clerk, 'wishes.claim', { ...claim, id: b.id }))).message,
    /未被采纳，不能认领/,
  );
  // Withdrawal, never deletion: the row stays, with its reason.
  const c = must(await wish({ resident: '王五' }));
  const gone = must(await w.call(clerk, 'wishes.withdraw', { id: c.id, reason: '群众已自行解决' }));
  assert.deepEqual([gone.status, gone.withdrawReason], ['withdrawn', '群众已自行解决']);
  assert.equal(w.count('wishes'), 3);
  // Every step audited.
  assert.equal(w.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE entity = 'wish'").n, 8);
});

test('wishes: overdue while open, and fulfilled late counts as overdue', async () => {
  const { w, clerk, reviewer, server, wish, advanceDays } = await setup();
  const v = must(await server('志愿者甲'));
  const a = must(await wish());
  must(
    await w.call(reviewer, 'wishes.decide', {
      decision: 'accept',
      id: a.id,
      decidedOn: '2026-11-23',
      standard: '修好',
      dueOn: '2026-11-25',
    }),
  );
  assert.equal(must(await w.call(clerk, 'wishes.list', { overdue: true })).total, 0);
  await advanceDays(3);
  const late = must(await w.call(clerk, 'wishes.list', { overdue: true }));
  assert.deepEqual([late.total, late.rows[0].overdueDays], [1, 1]);
  must(await w.call(clerk, 'wishes.claim', { id: a.id, cadreIds: [v.id], claimedOn: '2026-11-26' }));
  must(await w.call(clerk, 'wishes.fulfil', { id: a.id, fulfilledOn: '2026-11-26', fulfilment: '已修好' }));
  assert.equal(must(await w.call(clerk, 'wishes.list', { overdue: true })).total, 0, 'no longer open');
  const r = must(await w.call(clerk, 'reports.annual', { year: 2026 }));
  assert.deepEqual([r.wishes!.total.overdue, r.wishes!.total.fulfilled, r.wishes!.avgDays], [1, 1, 6]);
  assert.deepEqual(r.wishes!.byServer, [{ cadreId: v.id, name: '志愿者甲', claimed: 1, fulfilled: 1 }]);
});

test('suggestions: answered on the spot, assigned on working days, answered late (overdue first), revisited', async () => {
  const { w, clerk, server, areaId, advanceDays } = await setup();
  const g = must(await server('网格员甲'));
  const base = {
    content: '村口路灯坏了，晚上出行不便',
    channel: 'visit' as const,
    category: '基础设施',
    areaId,
    collectedBy: g.id,
    collectedOn: '2026-11-23',
  };
  // Bad input.
  assert.equal(
    (await refusedUnchanged(w, w.call(clerk, 'suggestions.create', { ...base, content: ' ' }))).field,
    'content',
  );
  assert.equal(
    (await refusedUnchanged(w, w.call(clerk, 'suggestions.create', { ...base, category: '八卦' }))).field,
    'category',
  );
  const noAnswer = { ...base, answerNow: { answer: '', result: 'resolved' as const } };
  assert.equal((await refusedUnchanged(w, w.call(clerk, 'suggestions.create', noAnswer))).field, 'answerNow.answer');
  const noReason = { ...base, answerNow: { answer: '政策解释清楚了', result: 'partial' as const } };
  assert.equal(
    (await refusedUnchanged(w, w.call(clerk, 'suggestions.create', noReason))).field,
    'answerNow.resultReason',
  );

  // Anonymous, answered on the spot: closed the day it was taken.
  const spot = must(
    await w.call(clerk, 'suggestions.create', {
      ...base,
      content: '低保政策怎么申请',
      category: '政策咨询',
      channel: 'counter',
      answerNow: { answer: '已当场讲解申请条件和材料', result: 'resolved' },
    }),
  );
  assert.deepEqual([spot.status, spot.onTheSpot, spot.answeredOn, spot.resident], ['closed', true, '2026-11-23', '']);

  // Assigned with 3 working days from Friday 2026-11-20: due Wednesday 11-25 (the weekend does not count).
  const s = must(await w.call(clerk, 'suggestions.create', { ...base, resident: '赵大爷', collectedOn: '2026-11-20' }));
  const answer = { id: s.id, answeredOn: '2026-11-23', answer: '已更换灯泡', result: 'resolved' as const };
  assert.match((await refusedUnchanged(w, w.call(clerk, 'suggestions.answer', answer))).message, /请先交办/);
  const assign = { id: s.id, handler: '村委会', assignedOn: '2026-11-19', workingDays: 3 };
  assert.equal((await refusedUnchanged(w, w.call(clerk, 'suggestions.assign', assign))).field, 'assignedOn');
  const assigned = must(await w.call(clerk, 'suggestions.assign', { ...assign, assignedOn: '2026-11-20' }));
  assert.equal(assigned.dueOn, '2026-11-25');
  // Revisit before it is closed is refused; an answer needs its text.
  const revisit = { id: s.id, revisitedOn: '2026-11-30', revisit: 'satisfied' as const };
  assert.match((await refusedUnchanged(w, w.call(clerk, 'suggestions.revisit', revisit))).message, /办结后才能回访/);
  assert.equal(
    (await refusedUnchanged(w, w.call(clerk, 'suggestions.answer', { ...answer, answer: '' }))).field,
    'answer',
  );

  // Past the deadline it is overdue on 首页's list; answered later, it counts as overdue in the year's figures.
  await advanceDays(3);
  const overdue = must(await w.call(clerk, 'suggestions.list', { overdue: true }));
  assert.deepEqual([overdue.total, overdue.rows[0].id, overdue.rows[0].overdueDays], [1, s.id, 1]);
  const closed = must(await w.call(clerk, 'suggestions.answer', { ...answer, answeredOn: '2026-11-26' }));
  assert.deepEqual([closed.status, closed.overdueDays], ['closed', 1]);
  assert.equal(must(await w.call(clerk, 'suggestions.list', { overdue: true })).total, 0);
  assert.equal(
    (await refusedUnchanged(w, w.call(clerk, 'suggestions.revisit', { ...revisit, revisitedOn: '2026-11-25' }))).field,
    'revisitedOn',
  );
  const visited = must(await w.call(clerk, 'suggestions.revisit', { ...revisit, revisitedOn: '2026-11-26' }));
  assert.equal(visited.revisit, 'satisfied');
  assert.deepEqual(
    visited.timeline.map((t) => t.what.slice(0, 2)),
    ['收集', '交办', '答复', '回访'],
  );
  assert.match((await refusedUnchanged(w, w.call(clerk, 'suggestions.revisit', revisit))).message, /已经回访/);
  assert.match(
    (await refusedUnchanged(w, w.call(clerk, 'suggestions.withdraw', { id: s.id, reason: '重复登记' }))).message,
    /已经办结/,
  );

  const r = must(await w.call(clerk, 'reports.annual', { year: 2026 }));
  assert.deepEqual(r.suggestions!.total, {
    key: '',
    label: '合计',
    collected: 2,
    onTheSpot: 1,
    closed: 2,
    resolved: 2,
    overdue: 1,
  });
  assert.match(r.summary, /收集群众意见建议2条（其中当场答复1条），办结2条，解决2条，解决率100\.0%；超期1条。/);
});

/** Wishes and suggestions spread over two areas, categories and months, in every state. */
async function busyYear(setupResult: Awaited<ReturnType<typeof setup>>, second: number) {
  const { w, clerk, reviewer, server, wish, areaId } = setupResult;
  const v = must(await server('志愿者乙'));
  const cats = ['扶贫帮困', '医疗保健', '便民利民'];
  const sCats = ['民生', '基础设施', '环境卫生'];
  for (let i = 0; i < 24; i++) {
    const day = `2026-${String((i % 11) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const area = i % 3 === 0 ? second : areaId;
    const a = must(await wish({ resident: `居民${i}`, collectedOn: day, areaId: area, category: cats[i % 3] }));
    if (i % 6 === 5) must(await w.call(clerk, 'wishes.withdraw', { id: a.id, reason: '重复登记' }));
    else if (i % 5 === 4)
      must(
        await w.call(reviewer, 'wishes.decide', { decision: 'decline', id: a.id, decidedOn: day, reason: '超出范围' }),
      );
    else if (i % 4 !== 3) {
      const due = `2026-${String((i % 11) + 1).padStart(2, '0')}-28`;
      must(
        await w.call(reviewer, 'wishes.decide', {
          decision: 'accept',
          id: a.id,
          decidedOn: day,
          standard: '按时完成',
          dueOn: due,
        }),
      );
      if (i % 2 === 0) {
        must(await w.call(clerk, 'wishes.claim', { id: a.id, cadreIds: [v.id], claimedOn: day }));
        if (i % 4 === 0)
          must(
            await w.call(clerk, 'wishes.fulfil', {
              id: a.id,
              fulfilledOn: i % 8 === 0 ? '2026-11-23' : day,
              fulfilment: '已办',
            }),
          );
      }
    }
    const s = must(
      await w.call(clerk, 'suggestions.create', {
        content: `意见${i}`,
        channel: 'meeting',
        category: sCats[i % 3],
        areaId: area,
        collectedOn: day,
        ...(i % 5 === 0 ? { answerNow: { answer: '当场答复', result: 'resolved' as const } } : {}),
      }),
    );
    if (i % 5 !== 0 && i % 7 !== 6) {
      must(await w.call(clerk, 'suggestions.assign', { id: s.id, handler: '城建办', assignedOn: day, workingDays: 5 }));
      if (i % 3 !== 1)
        must(
          await w.call(clerk, 'suggestions.answer', {
            id: s.id,
            answeredOn: i % 2 ? '2026-11-23' : day,
            answer: '已处理',
            result: i % 4 === 0 ? 'partial' : 'resolved',
            resultReason: i % 4 === 0 ? '资金不足' : '',
          }),
        );
    }
  }
  // Last year's rows never count in this year's figures.
  must(await wish({ resident: '去年的', collectedOn: '2025-12-30' }));
}

test("the year's wish and suggestion figures equal the grid totals they open, and an independent count", async () => {
  const s = await setup();
  const { w, clerk, admin } = s;
  const second = must(await w.call(admin, 'areas.save', { name: '西山村' })).id;
  await busyYear(s, second);
  const r = must(await w.call(clerk, 'reports.annual', { year: 2026 }));
  const wishes = r.wishes!;
  const sugg = r.suggestions!;
  const total = async (who: Session, channel: 'wishes.list' | 'suggestions.list', input: object) =>
    must(await w.call(who, channel, { ...input, limit: 1 } as never)).total;
  // Every figure of every line opens a grid holding exactly that many rows.
  for (const f of WISH_FIGURES) {
    assert.equal(await total(clerk, 'wishes.list', { year: 2026, figure: f }), wishes.total[f], `wishes ${f}`);
    for (const l of wishes.byCategory)
      assert.equal(
        await total(clerk, 'wishes.list', { year: 2026, figure: f, category: l.key }),
        l[f],
        `${f} ${l.label}`,
      );
    for (const l of wishes.byArea)
      assert.equal(
        await total(clerk, 'wishes.list', { year: 2026, figure: f, areaId: Number(l.key) }),
        l[f],
        `${f} ${l.label}`,
      );
    for (const l of wishes.byMonth)
      assert.equal(await total(clerk, 'wishes.list', { year: 2026, figure: f, month: l.key }), l[f], `${f} ${l.key}`);
  }
  for (const f of SUGGESTION_FIGURES) {
    assert.equal(await total(clerk, 'suggestions.list', { year: 2026, figure: f }), sugg.total[f], `suggestions ${f}`);
    for (const l of [
      ...sugg.byArea.map((x) => ({ ...x, filter: { areaId: Number(x.key) } })),
      ...sugg.byCategory.map((x) => ({ ...x, filter: { category: x.key } })),
      ...sugg.byMonth.map((x) => ({ ...x, filter: { month: x.key } })),
    ])
      assert.equal(
        await total(clerk, 'suggestions.list', { year: 2026, figure: f, ...l.filter }),
        l[f],
        `${f} ${l.label}`,
      );
  }
  for (const l of wishes.byServer)
    assert.equal(
      await total(clerk, 'wishes.list', { year: 2026, figure: 'fulfilled', claimedBy: l.cadreId }),
      l.fulfilled,
    );
  // The lines add up to the total, and an independent count agrees.
  for (const f of WISH_FIGURES) {
    assert.equal(
      wishes.byArea.reduce((n, l) => n + l[f], 0),
      wishes.total[f],
    );
    assert.equal(
      wishes.byMonth.reduce((n, l) => n + l[f], 0),
      wishes.total[f],
    );
  }
  const count = (sql: string) => w.one<{ n: number }>(sql).n;
  assert.equal(
    wishes.total.collected,
    count("SELECT count(*) AS n FROM wishes WHERE status <> 'withdrawn' AND collected_on LIKE '2026-%'"),
  );
  assert.equal(
    wishes.total.fulfilled,
    count("SELECT count(*) AS n FROM wishes WHERE status = 'fulfilled' AND collected_on LIKE '2026-%'"),
  );
  assert.equal(
    wishes.total.overdue,
    count(`SELECT count(*) AS n FROM wishes WHERE collected_on LIKE '2026-%' AND status <> 'withdrawn'
      AND ((status IN ('accepted', 'claimed') AND due_on < '2026-11-23') OR fulfilled_on > due_on)`),
  );
  assert.equal(
    sugg.total.resolved,
    count("SELECT count(*) AS n FROM suggestions WHERE result = 'resolved' AND collected_on LIKE '2026-%'"),
  );
  assert.ok(wishes.total.collected > 10 && wishes.total.overdue > 0 && sugg.total.overdue > 0, 'the year is busy');
  // The .xlsx holds the rows the grid shows, and is audited.
  const file = must(await w.call(clerk, 'wishes.xlsx', { year: 2026, figure: 'accepted' }));
  assert.equal(file.rows, wishes.total.accepted);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  const ws = wb.worksheets[0];
  assert.equal(ws.rowCount, 2 + wishes.total.accepted);
  assert.equal(ws.getCell(2, 4).value, '电话');
  assert.match(String(ws.getCell(3, 4).value), /^139\*{4}5678$/, 'phones masked in the export');
  assert.equal(w.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE entity = 'export'").n, 1);
});

test('suggestions: reassigned while in hand (a new deadline), withdrawn with a reason; never deleted', async () => {
  const { w, clerk, areaId } = await setup();
  const s = must(
    await w.call(clerk, 'suggestions.create', {
      content: '建议在村委会门口装一个宣传栏',
      channel: 'meeting',
      category: '其他',
      areaId,
      collectedOn: '2026-11-23',
    }),
  );
  // No handler yet: it cannot be answered; an assignment with 0 working days is refused at its field.
  const zero = await refusedUnchanged(
    w,
    w.call(clerk, 'suggestions.assign', { id: s.id, handler: '村委会', assignedOn: '2026-11-23', workingDays: 0 }),
  );
  assert.equal(zero.field, 'workingDays');
  must(
    await w.call(clerk, 'suggestions.assign', {
      id: s.id,
      handler: '村委会',
      assignedOn: '2026-11-23',
      workingDays: 2,
    }),
  );
  const again = must(
    await w.call(clerk, 'suggestions.assign', {
      id: s.id,
      handler: '镇宣传办',
      assignedOn: '2026-11-23',
      workingDays: 10,
    }),
  );
  assert.deepEqual([again.handler, again.dueOn, again.status], ['镇宣传办', '2026-12-07', 'assigned']);
  assert.equal(
    (await refusedUnchanged(w, w.call(clerk, 'suggestions.withdraw', { id: s.id, reason: '' }))).field,
    'reason',
  );
  const gone = must(await w.call(clerk, 'suggestions.withdraw', { id: s.id, reason: '与第 3 条重复' }));
  assert.deepEqual([gone.status, gone.withdrawReason], ['withdrawn', '与第 3 条重复']);
  assert.equal(w.count('suggestions'), 1);
  assert.match(
    (
      await refusedUnchanged(
        w,
        w.call(clerk, 'suggestions.assign', { id: s.id, handler: '村委会', assignedOn: '2026-11-23', workingDays: 2 }),
      )
    ).message,
    /已撤回/,
  );
  // Withdrawn rows count in no figure of the year.
  assert.equal(must(await w.call(clerk, 'reports.annual', { year: 2026 })).suggestions, null);
  assert.equal(w.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE entity = 'suggestion'").n, 4);
});
