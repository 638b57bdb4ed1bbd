// Office files that print as they look (issue 35). Every workbook and document the app writes, made by the real
// dispatcher on real ledgers, is printed to PDF by LibreOffice headless (one soffice start for them all, a profile of
// its own) and read back with poppler: each sheet's header cells on its first page (no column pushed onto a page of
// its own), as many pages as the rows need, landscape where the columns need it; the .docx's headings in order and
// its chart on the page. A PNG of each first page is left in test-results/ to look at. Before it, the page setup as
// the XML says it (core/pageSetup.ts): what WPS and Excel read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process'; // date-free: LibreOffice and poppler print no date here
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { newSession } from '../../main/core/dispatch';
import { FOOTER, MARGINS } from '../../main/core/pageSetup';
import { writeWorkbook } from '../../main/core/workbook';
import { DEMO_PASSWORD, demoYear } from '../../main/demo/year';
import { ANNEX_HEADING, ANNEX_TITLES } from '../../main/reports/reportDocx';
import { dateCn } from '../../shared/domain/time';
import { SUMMARY_HEADINGS } from '../../shared/domain/yearSummary';
import { buildEntitlements } from '../bench/payments';
import { buildRegistry } from '../bench/registry';
import { demoWorld } from './fixtures';
import { must, tempDir, world } from './helpers';
import { idOf, openFile, xlsx } from './importFixtures';

const xmlOf = async (zip: JSZip, name: string) => zip.file(name)!.async('string');
const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** The number format and border of a cell, looked up through its style index in styles.xml. */
function styleOf(sheet: string, styles: string, ref: string): { format: string; bordered: boolean } {
  const s = Number(new RegExp(`<c r="${ref}"[^>]*\\bs="(\\d+)"`).exec(sheet)?.[1] ?? 0);
  const xf = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf [^>]*>/g)][s][0];
  const id = Number(attr(xf, 'numFmtId'));
  const custom = new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"`).exec(styles)?.[1];
  const format =
    custom?.replace(/&quot;/g, '"') ?? { 0: 'General', 1: '0', 4: '#,##0.00', 49: '@' }[id] ?? `builtin ${id}`;
  const border = [.../<borders[^>]*>([\s\S]*?)<\/borders>/.exec(styles)![1].matchAll(/<border[ >][\s\S]*?<\/border>/g)][
    Number(attr(xf, 'borderId'))
  ][0];
  return { format, bordered: /<left style="thin"/.test(border) && /<bottom style="thin"/.test(border) };
}

test('the page setup as written: A4, turned for wide columns, one page wide with the flag, titles, footer, formats', async () => {
  const headers = [
    '序号',
    '村/社区',
    '姓名',
    '身份证号',
    '救助类别',
    '金额（元）',
    '账号后四位',
    '签字（手印）',
    '备注',
  ];
  const zip = await JSZip.loadAsync(
    await writeWorkbook([
      {
        name: '发放花名册',
        center: '东&西镇便民服务中心',
        title: '花名册',
        subtitle: '批次 2026-001',
        headers,
        widths: [6, 12, 10, 22, 20, 12, 12, 10, 14],
        text: [3, 6],
        numbers: { 0: 'count', 5: 'yuan' },
        rows: [[1, '东山村', '张三', '1101**********1234', '低保', 123456 / 100, '5678', '', '']],
        foot: [['合计', '', '1 人', '', '', 1234.56, '', '', ''], ['合计金额（大写）：壹仟贰佰叁拾肆元伍角陆分']],
        bordered: true,
        signature: 7,
      },
      {
        name: '申请办理',
        center: '东&西镇便民服务中心',
        headers: ['项目', '件数'],
        numbers: { 1: 'count' },
        rows: [['受理', 3]],
      },
    ]),
  );
  const [wide, narrow, book, styles] = await Promise.all(
    ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/workbook.xml', 'xl/styles.xml'].map((f) =>
      xmlOf(zip, f),
    ),
  );
  for (const [sheet, orientation] of [
    [wide, 'landscape'],
    [narrow, 'portrait'],
  ]) {
    // Without the flag every suite prints at 100 % whatever fitToWidth says.
    assert.match(sheet, /<sheetPr[^>]*>(?:(?!<\/sheetPr>).)*<pageSetUpPr fitToPage="1"\/>/s);
    const setup = /<pageSetup [^>]*\/>/.exec(sheet)![0];
    assert.equal(attr(setup, 'paperSize'), '9', 'A4');
    assert.equal(attr(setup, 'orientation'), orientation);
    assert.equal(attr(setup, 'fitToWidth'), '1');
    assert.equal(attr(setup, 'fitToHeight'), '0', 'as many pages long as the rows take');
    const margins = /<pageMargins [^>]*\/>/.exec(sheet)![0];
    assert.equal(Number(attr(margins, 'left')), MARGINS.left);
    assert.ok(MARGINS.left > MARGINS.right, 'room to bind on the left');
    assert.match(sheet, /<oddHeader>&amp;C东&amp;&amp;西镇便民服务中心<\/oddHeader>/, "the center, its '&' doubled");
    assert.match(sheet, new RegExp(`<oddFooter>&amp;C${FOOTER.replace(/&/g, '&amp;')}</oddFooter>`));
    assert.equal(FOOTER, '第 &P 页 共 &N 页');
    assert.doesNotMatch(sheet, /outlinePr|outlineLevel="[1-9]/, 'no grouping beside fitToPage (exceljs #1348)');
  }
  // The header row (under the title and its line) repeats on every page.
  assert.match(
    book,
    /<definedName name="_xlnm\.Print_Titles" localSheetId="0">&apos;发放花名册&apos;!\$3:\$3<\/definedName>/,
  );
  assert.match(
    book,
    /<definedName name="_xlnm\.Print_Titles" localSheetId="1">&apos;申请办理&apos;!\$1:\$1<\/definedName>/,
  );

  // The amount a number in yuan with two decimals, the count a whole number, the ID and the account text; grid lines.
  assert.match(wide, /<c r="F4" s="\d+"><v>1234\.56<\/v><\/c>/, 'the amount is a number, not text');
  assert.deepEqual(styleOf(wide, styles, 'F4'), { format: '#,##0.00', bordered: true });
  assert.deepEqual(styleOf(wide, styles, 'A4'), { format: '0', bordered: true });
  assert.deepEqual(styleOf(wide, styles, 'D4'), { format: '@', bordered: true });
  assert.deepEqual(styleOf(wide, styles, 'G4'), { format: '@', bordered: true });
  assert.deepEqual(styleOf(wide, styles, 'F5'), { format: '#,##0.00', bordered: true }, 'the total too');
  assert.equal(styleOf(narrow, styles, 'B2').format, '0');
  assert.equal(styleOf(narrow, styles, 'B2').bordered, false, 'only a table meant to be signed or filed is ruled');
  // The signature column widened to a hand and a thumbprint, and its rows as tall.
  assert.match(wide, /<col min="8" max="8" width="18"/);
  assert.match(wide, /<row r="4"[^>]* ht="22" customHeight="1"/);
});

const SOFFICE_PROFILE = 'bianmin-soffice-profile';

/** Every file into PDF in ONE LibreOffice start (each costs seconds), under a profile of its own. */
function toPdf(dir: string, files: string[]): void {
  const profile = path.join(dir, SOFFICE_PROFILE);
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files],
    { cwd: dir, stdio: 'pipe', timeout: 120_000 },
  );
}

const pdf = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
/** A PDF's pages, each its text as laid out without blanks (pdftotext spaces Chinese as it likes), and its shape. */
function readPdf(file: string): { pages: string[]; landscape: boolean } {
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(pdf('pdfinfo', [file]))!.map(Number);
  const pages = pdf('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1);
  return { pages: pages.map((p) => p.replace(/\s+/g, '')), landscape: w > h };
}

interface Made {
  /** ASCII names: the PDF and the PNG keep them. */
  name: string;
  ext: 'xlsx' | 'docx';
  base64: string;
}

test('every workbook and document the app writes prints through LibreOffice as it looks', async () => {
  // The 花名册 of 120 people, as the payments e2e test builds it.
  const rw = await world();
  await rw.admin();
  const maker = await rw.staff('clerk', ['clerk']);
  const checker = await rw.staff('appr', ['approver']);
  buildRegistry(rw.ledger.db, 360);
  buildEntitlements(rw.ledger.db, 120, 1);
  const batch = must(await rw.call(maker, 'payroll.create', { month: '2026-11', kindCode: null }));
  assert.equal(batch.rowCount, 120);
  must(await rw.call(checker, 'payroll.approve', { id: batch.id }));
  const roster = must(await rw.call(maker, 'payroll.rosterXlsx', { id: batch.id }));

  // Everything else on the demo year.
  const w = await demoWorld();
  const clerk = newSession();
  must(await w.call(clerk, 'session.signIn', { username: 'shouli', password: DEMO_PASSWORD }));
  const admin = newSession();
  must(await w.call(admin, 'session.signIn', { username: 'admin', password: DEMO_PASSWORD }));
  const year = demoYear(dateCn(w.clock.now()));
  // One village's rows where a list is long: enough for several pages, few enough for LibreOffice to print quickly.
  const areaId = w.one<{ id: number }>('SELECT id FROM areas ORDER BY sort_order, id LIMIT 1').id;
  const cadreId = w.one<{ id: number }>(
    'SELECT cadre_id AS id FROM visits GROUP BY cadre_id ORDER BY count(*) DESC',
  ).id;
  const bad = await openFile(
    w,
    clerk,
    'households',
    '花名册.xlsx',
    await xlsx([
      ['姓名', '身份证号', '与户主关系', '村（社区）'],
      ['张三', idOf('1960-01-01', 1), '户主', '东山村'],
      ['李四', '110101196001011230', '户主', '东山村'],
    ]),
  );
  const made: Made[] = [
    { name: 'roster', ext: 'xlsx', ...roster },
    { name: 'payments', ext: 'xlsx', ...must(await w.call(clerk, 'payments.xlsx', { year, areaId })) },
    { name: 'visits', ext: 'xlsx', ...must(await w.call(clerk, 'visits.xlsx', { year, cadreId })) },
    { name: 'applications', ext: 'xlsx', ...must(await w.call(clerk, 'applications.xlsx', {})) },
    { name: 'wishes', ext: 'xlsx', ...must(await w.call(clerk, 'wishes.xlsx', { year })) },
    { name: 'suggestions', ext: 'xlsx', ...must(await w.call(clerk, 'suggestions.xlsx', {})) },
    { name: 'disputes', ext: 'xlsx', ...must(await w.call(clerk, 'disputes.xlsx', {})) },
    { name: 'households', ext: 'xlsx', ...must(await w.call(clerk, 'households.export', { areaId })) },
    { name: 'householdsFull', ext: 'xlsx', ...must(await w.call(admin, 'households.exportFull', {})) },
    {
      name: 'audit',
      ext: 'xlsx',
      ...must(await w.call(admin, 'audit.xlsx', { entity: 'application', to: `${year}-03-31` })),
    },
    { name: 'template', ext: 'xlsx', ...must(await w.call(clerk, 'imports.template', { kind: 'households' })) },
    { name: 'problems', ext: 'xlsx', ...must(await w.call(clerk, 'imports.problems', { job: bad.job })) },
    { name: 'report', ext: 'xlsx', ...must(await w.call(clerk, 'reports.xlsx', { year })) },
    { name: 'summary', ext: 'docx', ...must(await w.call(clerk, 'reports.docx', { year })) },
  ];

  const dir = tempDir();
  const files = made.map((m) => {
    const file = path.join(dir, `${m.name}.${m.ext}`);
    fs.writeFileSync(file, Buffer.from(m.base64, 'base64'));
    return file;
  });
  const started = performance.now();
  toPdf(dir, files);
  console.log(`LibreOffice: ${made.length} files to PDF in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  fs.mkdirSync('test-results', { recursive: true });

  for (const m of made) {
    const file = path.join(dir, `${m.name}.pdf`);
    assert.ok(fs.existsSync(file), `${m.name}: converted`);
    const png = `test-results/office-${m.name}`;
    execFileSync('pdftoppm', [...'-png -r 60 -f 1 -l 1 -singlefile'.split(' '), file, png]);
    if (m.ext === 'docx') continue;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(m.base64, 'base64') as never);
    const sheets = wb.worksheets.filter((s) => s.state !== 'hidden');
    const { pages, landscape } = readPdf(file);
    const n = pages.length;
    // Each sheet starts on a page of its own; every header cell of a sheet is on that page.
    let first = 1;
    for (const ws of sheets) {
      const top = [1, 2, 3].find((r) => ws.getRow(r).cellCount > 1 && !ws.getCell(r, 2).isMerged)!;
      const headers = (ws.getRow(top).values as unknown[]).slice(1).map((h) => String(h).replace(/\s+/g, ''));
      const text = pages[first - 1];
      const missing = headers.filter((h) => !text.includes(h));
      assert.deepEqual(missing, [], `${m.name}, sheet ${ws.name} (page ${first}): its header cells on its first page`);
      first += sheets.length > 1 ? 1 : n;
    }
    const rows = sheets.reduce((s, ws) => s + ws.rowCount, 0);
    console.log(`${m.name}: ${sheets.length} sheets, ${rows} rows, ${n} pages${landscape ? ', landscape' : ''}`);
    // Turned as the page setup chose from the columns' widths (the first sheet: LibreOffice prints at one size).
    assert.equal(landscape, sheets[0].pageSetup.orientation === 'landscape', `${m.name}: orientation`);
    if (sheets.length > 1) assert.equal(n, sheets.length, `${m.name}: one page a sheet`);
    // At least ten rows a page: a sheet printed at 100 % over a page and a half in width took twice the pages.
    else assert.ok(n <= Math.max(1, Math.ceil(sheets[0].actualRowCount / 10)), `${m.name}: ${n} pages`);
  }

  // The 花名册: nine columns across A4 turned sideways, 120 people on 4 to 6 pages (it took 12 once).
  const rosterPdf = path.join(dir, 'roster.pdf');
  const sheet = readPdf(rosterPdf);
  assert.ok(sheet.landscape, 'the 花名册 landscape');
  const n = sheet.pages.length;
  assert.ok(n >= 4 && n <= 6, `the 花名册 of 120 on ${n} pages`);
  sheet.pages.forEach((text, p) => assert.ok(text.includes('签字（手印）'), `page ${p + 1}: the header row`));
  assert.ok(sheet.pages[n - 1].includes('合计金额（大写）'), 'the total in words on the last page');
  assert.ok(sheet.pages[0].includes(`第1页共${n}页`), 'the footer');

  // The 年度工作总结 in real styles: 标题 1 and 标题 2 with their outline levels (WPS's navigation pane), Chinese fonts
  // set as East Asian ones, the tables' header rows repeated and rows kept whole, the page numbers as fields.
  const docx = await JSZip.loadAsync(Buffer.from(made.find((m) => m.ext === 'docx')!.base64, 'base64'));
  const [styles, document, footer] = await Promise.all(
    ['word/styles.xml', 'word/document.xml', 'word/footer1.xml'].map((f) => xmlOf(docx, f)),
  );
  for (const [id, level] of [
    ['Heading1', 0],
    ['Heading2', 1],
  ] as const)
    assert.match(styles, new RegExp(`w:styleId="${id}">(?:(?!</w:style>).)*<w:outlineLvl w:val="${level}"/>`, 's'));
  assert.match(styles, /<w:docDefaults>(?:(?!<\/w:docDefaults>).)*w:eastAsia="仿宋"/s, 'the body in 仿宋');
  assert.match(styles, /<w:lang [^>]*w:eastAsia="zh-CN"/, 'a Chinese face where 仿宋 is missing');
  assert.match(styles, /w:styleId="TableText">(?:(?!<\/w:style>).)*w:eastAsia="宋体"/s, 'tables in 宋体');
  const styled = (style: string) =>
    [
      ...document.matchAll(new RegExp(`<w:pStyle w:val="${style}"/>(?:(?!</w:p>).)*?<w:t[^>]*>([^<]*)</w:t>`, 'gs')),
    ].map((m) => m[1]);
  assert.deepEqual(styled('Heading1'), [...Object.values(SUMMARY_HEADINGS), ANNEX_HEADING]);
  assert.deepEqual(styled('Heading2'), [...ANNEX_TITLES]);
  assert.equal((document.match(/<w:tbl>/g) ?? []).length, 3);
  // Their rules come from a Word table style, which a table an office adds can take too.
  assert.match(styles, /w:type="table" w:styleId="LedgerTable">(?:(?!<\/w:style>).)*<w:insideV w:val="single"/s);
  assert.equal((document.match(/<w:tblStyle w:val="LedgerTable"\/>/g) ?? []).length, 3, 'each table in that style');
  assert.doesNotMatch(document, /<w:tblBorders>/, 'no table draws its own rules');
  assert.equal((document.match(/<w:tblHeader\/>/g) ?? []).length, 3, "each table's first row repeats");
  assert.equal((document.match(/<w:cantSplit\/>/g) ?? []).length, (document.match(/<w:tr>/g) ?? []).length);
  assert.match(footer.replace(/<[^>]+>/g, ''), /^第 PAGE 页 共 NUMPAGES 页$/);

  // The 年度工作总结: its headings in order, the chart on 附表3's page.
  const docPdf = path.join(dir, 'summary.pdf');
  const docPages = readPdf(docPdf).pages;
  // Each heading a line of its own, in order.
  const lines = pdf('pdftotext', ['-layout', docPdf, '-'])
    .split(/[\n\f]/)
    .map((l) => l.replace(/\s+/g, ''));
  const SUMMARY_COUNT = Object.values(SUMMARY_HEADINGS).length;
  const headings = [...Object.values(SUMMARY_HEADINGS), ANNEX_HEADING, ...ANNEX_TITLES].map((h) =>
    h.replace(/\s+/g, ''),
  );
  let at = -1;
  for (const h of headings) {
    const next = lines.indexOf(h, at + 1);
    assert.ok(next > at, `the heading ${h} after the one before it`);
    at = next;
  }
  assert.ok(docPages[0].includes(`第1页共${docPages.length}页`), 'page numbers in the footer');
  const chartPage = docPages.findIndex((t) => t.includes(headings.at(-1)!)) + 1;
  const images = pdf('pdfimages', ['-list', docPdf])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => Number(l.trim().split(/\s+/)[0]));
  assert.ok(images.includes(chartPage), `the chart on page ${chartPage} (images on pages ${images.join(', ')})`);
  // The first 附表's page as a picture too: its rules come from the table style.
  const annex = String(docPages.findIndex((t) => t.includes(headings[SUMMARY_COUNT + 1])) + 1);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    annex,
    '-l',
    annex,
    '-singlefile',
    docPdf,
    'test-results/office-summary-annex',
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
});
