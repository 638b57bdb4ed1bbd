// 年度工作总结 .docx for the demo year: unzipped and read back; its paragraph, tables and figures are the screen's.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import JSZip from 'jszip';

import { newSession } from '../../main/core/dispatch';
import { DEMO_PASSWORD, demoYear } from '../../main/demo/year';
import { kindRows, otherLines } from '../../main/reports/reportDocx';
import { formatYuan } from '../../shared/domain/money';
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
  for (const h of ['一、总体情况', '二、救助资金发放（按救助类别）', '四、救助资金发放（按月份）'])
    assert.ok(text.includes(h), h);
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
