// 年度工作总结 .docx for the demo year: unzipped and read back; its paragraph, tables and figures are the screen's; its
// 主要做法, 存在问题 and 下一步打算 are drafted from figures this test counts in SQL of its own, until saved text replaces them.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import JSZip from 'jszip';

import { newSession } from '../../main/core/dispatch';
import { DEMO_PASSWORD, demoYear } from '../../main/demo/year';
import { dueVisits } from '../../main/pairings/visits';
import { ANNEX_HEADING, ANNEX_TITLES, kindRows, otherLines } from '../../main/reports/reportDocx';
import { formatYuan } from '../../shared/domain/money';
import { cnDay, dateCn } from '../../shared/domain/time';
import { SUMMARY_HEADINGS, SUMMARY_PROMPTS, summaryParagraphs } from '../../shared/domain/yearSummary';
import { demoWorld } from './fixtures';
import { must } from './helpers';

/** The text of each paragraph of word/document.xml (runs joined), in order. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

test('the year summary as .docx: headings, the paragraph, the tables and the chart, figures equal to the screen', async () => {
  const w = await demoWorld();
  const clerk = newSession();
  must(await w.call(clerk, 'session.signIn', { username: 'shouli', password: DEMO_PASSWORD }));
  const year = demoYear('2026-11-23');
  const screen = must(await w.call(clerk, 'reports.annual', { year }));
  const audits = w.count('audit_log');
  const file = must(await w.call(clerk, 'reports.docx', { year }));
  assert.equal(file.fileName, `青山镇便民服务中心（演示）${year}年度工作总结.docx`);
  assert.equal(w.count('audit_log'), audits + 1, 'the export is audited');

  const zip = await JSZip.loadAsync(Buffer.from(file.base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = paragraphs(xml);
  assert.equal(text[0], `青山镇便民服务中心（演示）${year}年度工作总结`);
  for (const h of ['一、基本情况', ANNEX_HEADING, ...ANNEX_TITLES]) assert.ok(text.includes(h), h);
  assert.ok(text.includes(screen.summary), 'the summary paragraph, word for word');
  for (const line of otherLines(screen)) assert.ok(text.includes(line), line);
  assert.ok(
    text.some((p) => p.startsWith(`微心愿：征集 ${screen.wishes!.total.collected} 个`)) &&
      text.some((p) => p.startsWith(`群众意见建议：收集 ${screen.suggestions!.total.collected} 条`)) &&
      text.some((p) => p.startsWith(`矛盾纠纷调解：受理 ${screen.disputes!.total.accepted} 件`)),
    "the year's wishes, suggestions and disputes",
  );
  // The kind table: every cell of the screen's table, in order, and the totals by name.
  const joined = text.join('|');
  assert.ok(joined.includes(kindRows(screen).flat().join('|')), 'the kind table cell by cell');
  assert.ok(joined.includes(`合计（净发放）|${screen.total.persons}|`));
  assert.ok(joined.includes(formatYuan(screen.netFen)));
  for (const m of screen.byMonth.filter((x) => x.fen > 0)) {
    const times = m.times.toLocaleString('zh-CN'); // date-free: a count, not a date
    assert.ok(joined.includes(`${Number(m.month.slice(5))}月|${times}|${formatYuan(m.fen)}`));
  }
  // The chart: an SVG with the months' labels, and its PNG for Word without SVG.
  const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
  const svg = media.find((f) => f.endsWith('.svg'));
  const png = media.find((f) => f.endsWith('.png'));
  assert.ok(svg && png, `media: ${media.join(', ')}`);
  assert.match(await zip.file(svg)!.async('string'), /11月/);
  const pngBytes = await zip.file(png)!.async('nodebuffer');
  assert.equal(pngBytes.subarray(1, 4).toString(), 'PNG');
  assert.equal(pngBytes.readUInt32BE(16), 1200, 'drawn at twice the picture width');
});

/** The paragraphs of each of the 工作总结's sections: from its heading to the next heading. */
function sectionsOf(text: string[]) {
  const at = (h: string) => text.indexOf(h);
  const headings = [...Object.values(SUMMARY_HEADINGS), ANNEX_HEADING];
  const order = headings.map(at);
  assert.ok(
    order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])),
    `headings in order: ${headings.join(' ')} at ${order.join(' ')}`,
  );
  const between = (k: number) => text.slice(order[k] + 1, order[k + 1]).filter(Boolean);
  return { practices: between(1), problems: between(2), plans: between(3) };
}

test('the .docx carries 主要做法, 存在问题 and 下一步打算 after 基本情况: drafted from the ledger, then the saved text instead', async () => {
  const w = await demoWorld();
  const clerk = newSession();
  must(await w.call(clerk, 'session.signIn', { username: 'shouli', password: DEMO_PASSWORD }));
  const year = demoYear('2026-11-23');
  const today = dateCn(w.clock.now());
  const docxText = async () => {
    const file = must(await w.call(clerk, 'reports.docx', { year }));
    const zip = await JSZip.loadAsync(Buffer.from(file.base64, 'base64'));
    return paragraphs(await zip.file('word/document.xml')!.async('string'));
  };
  const drafted = sectionsOf(await docxText());

  // The figures, asked of the ledger here in SQL of this test's own.
  const span = [`${year}-01-01`, `${year}-12-31`];
  const n = (sql: string, ...args: unknown[]) => w.one<{ n: number }>(sql, ...args).n;
  const accepted = n('SELECT count(*) AS n FROM applications WHERE accepted_on BETWEEN ? AND ?', ...span);
  const lateDecided = n(
    `SELECT count(*) AS n FROM applications WHERE accepted_on BETWEEN ? AND ? AND decided_on > deadline`,
    ...span,
  );
  const lateOpen = n(
    `SELECT count(*) AS n FROM applications WHERE accepted_on BETWEEN ? AND ? AND decided_on IS NULL
      AND state IN ('accepted', 'investigated', 'reviewed', 'publicized') AND deadline < ?`,
    ...span,
    today,
  );
  const s = w.one<Record<string, number>>(
    `SELECT count(*) AS collected, sum(status = 'closed') AS closed, sum(status IN ('collected', 'assigned')) AS open,
        sum(status = 'assigned' AND due_on < ?) AS openOverdue, sum(revisit IS NOT NULL) AS revisited,
        sum(revisit = 'unsatisfied') AS unsatisfied, sum(result = 'partial') AS partly,
        sum(result = 'unresolved') AS unresolved
      FROM suggestions
      WHERE collected_on BETWEEN ? AND ? AND status <> 'withdrawn'`,
    today,
    ...span,
  );
  // Visits behind their cadence: the year is not over, so as 首页 and the cadres list count them today.
  const paired = dueVisits(w.ledger.db, today);
  const behind = paired.filter((d) => d.overdueDays > 0);
  const screen = must(await w.call(clerk, 'reports.annual', { year }));
  // The demo year has every kind of problem, so each sentence below is there to be checked.
  assert.ok(lateDecided > 0 && lateOpen > 0 && s.open > 0 && s.unsatisfied > 0 && behind.length > 0, 'problems');
  const day = cnDay(today);
  const problems = [
    `全年受理救助申请${accepted}件，其中${lateDecided + lateOpen}件超过办理时限（逾期办结${lateDecided}件，` +
      `截至${day}超过时限仍未办结${lateOpen}件）。`,
    `全年收集的${s.collected}条群众意见建议中，截至${day}尚有${s.open}条未答复办结，其中${s.openOverdue}条已超过办理期限。`,
    `意见建议办理的效果还有差距，回访的${s.revisited}条中群众不满意${s.unsatisfied}条；` +
      `办结的${s.closed}条中部分解决${s.partly}条、未能解决${s.unresolved}条。`,
    `征集的${screen.wishes!.total.collected}个群众微心愿中，有${screen.wishes!.total.overdue}个超过完成期限（含逾期实现的和到期未实现的）。`,
    `受理的${screen.disputes!.total.accepted}件矛盾纠纷中，有${screen.disputes!.total.overdue}件超过调解期限。`,
    `截至${day}，结对帮扶的${paired.length}户中有${behind.length}户超过走访周期未走访，` +
      `最长的已超期${Math.max(...behind.map((d) => d.overdueDays))}天。`,
  ];
  assert.deepEqual(drafted.problems, [
    ...problems.map((p, i) => `（${'一二三四五六'[i]}）${p}`),
    SUMMARY_PROMPTS.problems,
  ]);
  assert.deepEqual(drafted.plans, [
    `（一）加强救助申请办理时限管理，对临近期限的申请提前督办，对超过时限仍未办结的${lateOpen}件尽快办结。`,
    `（二）对尚未答复办结的${s.open}条群众意见建议逐条跟进，按期答复。`,
    `（三）对回访不满意的${s.unsatisfied}条意见建议再次回访，查找原因，改进办理。`,
    '（四）加强微心愿和矛盾纠纷调解的期限管理，到期前提醒承办人。',
    `（五）督促结对干部对走访超期的${behind.length}户尽快走访，按走访周期落实走访。`,
    SUMMARY_PROMPTS.plans,
  ]);
  const steps = (action: string) =>
    n(
      'SELECT count(DISTINCT application_id) AS n FROM application_steps WHERE action = ? AND on_date BETWEEN ? AND ?',
      action,
      ...span,
    );
  const paid = w.one<{ times: number; bank: number }>(
    `SELECT count(*) AS times, sum(method = 'bank') AS bank
      FROM payments
      WHERE paid_on BETWEEN ? AND ? AND reverses_id IS NULL`,
    ...span,
  );
  assert.equal(
    drafted.practices[0],
    `（一）救助申请办理。全年入户调查${steps('investigate')}件，张榜公示${steps('publicize')}件，` +
      `对急难情形先行救助${steps('urgentApprove')}件。`,
  );
  assert.match(
    drafted.practices[1],
    new RegExp(`^（二）救助资金发放。全年发放救助资金${paid.times}笔，其中通过银行代发${paid.bank}笔`),
  );
  assert.equal(drafted.practices.at(-1), SUMMARY_PROMPTS.practices);
  // The screen's drafts are the same words.
  const shown = must(await w.call(clerk, 'reports.summary', { year }));
  for (const x of shown.sections) {
    assert.equal(x.saved, null);
    assert.equal(x.text, x.draft);
    assert.deepEqual(summaryParagraphs(x.text), drafted[x.section]);
  }

  // A reviewer saves the center's own words: they replace the drafts in the .docx, paragraph for paragraph.
  const reviewer = newSession();
  must(await w.call(reviewer, 'session.signIn', { username: 'shenhe', password: DEMO_PASSWORD }));
  const own = {
    practices: '（一）坚持每月集中研判救助对象。\n\n（二）推行“一门受理、协同办理”。',
    problems: '个别申请超过办理时限，意见建议回访不及时。',
    plans: '完善办理时限提醒，做实结对走访。',
  };
  must(await w.call(reviewer, 'reports.saveSummary', { year, ...own }));
  const saved = sectionsOf(await docxText());
  assert.deepEqual(saved, {
    practices: ['（一）坚持每月集中研判救助对象。', '（二）推行“一门受理、协同办理”。'],
    problems: [own.problems],
    plans: [own.plans],
  });
  const all = (await docxText()).join('\n');
  for (const p of [...drafted.problems, ...drafted.plans]) assert.ok(!all.includes(p), `the draft is gone: ${p}`);
});
