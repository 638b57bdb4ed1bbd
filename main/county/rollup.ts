// rollup.*: the county office's screens (县级汇总) over its PostgreSQL (county/office.ts): the year's figures for the
// county and each township by the township report's definitions, the comparison of townships, the cross-township
// checks (paged, marked 核实 → 已处理, a reveal only within a current hit), whether each copy is complete, the check
// of sameness, enrolment and the county's notes; each screen printed and exported (screens.ts), and the county's
// 年度工作总结 as .docx. Nothing here writes a township's rows: they arrive only by push or carried file (store.ts).
import type pg from 'pg';

import { maskIdNumber } from '../../shared/domain/idNumber';
import { AppError } from '../../shared/domain/result';
import { CHECK_STATE_LABELS, ROLLUP_SCREEN_TITLES } from '../../shared/domain/rollup';
import { cnDay, dateCn } from '../../shared/domain/time';
import type { Note } from '../../shared/schemas/rollup';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { CountyOffice, Ctx, Handlers } from '../core/dispatch';
import { lookup } from '../core/idLookups';
import { getSetting } from '../core/settings';
import { writeWorkbook } from '../core/workbook';
import { reportDocx } from '../reports';
import { importCarry } from './carry';
import { checkPage, markHit, revealId } from './checks';
import { countyReport, countySummary, rollupYear, townshipSections } from './countyReport';
import { completeness, townshipComparison } from './figures';
import { enrolAddress, enrolmentReach } from './office';
import { makeReceipt } from './receipt';
import { sameness } from './sameness';
import { rowsOf, screenDoc, screenPrint, screenSheets } from './screens';
import { enrolTownship, revokeTownship } from './store';

function officeOf(ctx: Ctx): CountyOffice {
  if (!ctx.office)
    throw new AppError('FORBIDDEN', '这是乡镇台账：县级汇总请用 npm start -- --county（或 --pg 县里数据库地址）启动');
  return ctx.office;
}

/** One pooled connection for the work, given back after. */
async function withClient<T>(ctx: Ctx, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await officeOf(ctx).pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

const staffName = (ctx: Ctx) => ctx.session.staff?.displayName ?? '';
const centerOf = (ctx: Ctx) => getSetting(ctx.db, 'center', DEFAULT_CENTER).name;

export const rollupHandlers = {
  'rollup.year': (ctx, input) => withClient(ctx, (c) => rollupYear(c, input.year, dateCn(ctx.now), input.code)),
  'rollup.townships': (ctx, input) => withClient(ctx, (c) => townshipComparison(c, input.year)),
  'rollup.sections': (ctx, input) => withClient(ctx, (c) => townshipSections(c, input.year, dateCn(ctx.now))),
  'rollup.status': (ctx) => withClient(ctx, (c) => completeness(c)),
  'rollup.sameness': (ctx) => withClient(ctx, (c) => sameness(c)),
  'rollup.checks': (ctx, { year, offset, limit, ...filters }) =>
    withClient(ctx, (c) => checkPage(c, year, filters, { offset, limit })),
  // Only for a person in one of the year's current hits, with a reason, within the staff member's reveal budget
  // (counted from this office's audit rows, so no restart refills it); kept in this office's log and the county's.
  'rollup.reveal': (ctx, input) =>
    withClient(ctx, async (c) => {
      const what = (id: string) => `跨乡镇核查：${maskIdNumber(id)}，原因：${input.why}`;
      const shown = await revealId(c, input, input.why, staffName(ctx), (id) => lookup(ctx, 'reveal', [id], what(id)));
      ctx.audit('rollup', input.key, null, {
        what: '查看完整身份证号（跨乡镇核查）',
        shown: shown.shown,
        why: input.why,
      });
      return { idNumber: shown.idNumber, name: shown.name };
    }),
  // 核实 → 已处理: in the county's tables and its audit log (checks.ts), and in this office's audit log.
  'rollup.mark': (ctx, input) =>
    withClient(ctx, async (c) => {
      const m = await markHit(c, input, input.state, input.note, { name: staffName(ctx), at: ctx.now });
      ctx.audit(
        'rollup',
        input.key,
        { state: CHECK_STATE_LABELS[m.from] },
        { what: '跨乡镇核查', shown: m.shown, state: CHECK_STATE_LABELS[input.state], note: input.note },
      );
      return { state: input.state };
    }),
  // A screen as the clerk sees it, to print (the A4 route) or as .xlsx; each audited as the township's lists are.
  'rollup.print': (ctx, { screen, ...input }) =>
    withClient(ctx, async (c) => {
      const doc = await screenDoc(c, { screen, ...input }, dateCn(ctx.now));
      const what = ROLLUP_SCREEN_TITLES[screen];
      ctx.audit('print', null, null, { what, rows: rowsOf(doc), filters: input });
      return screenPrint(doc, centerOf(ctx), dateCn(ctx.now));
    }),
  'rollup.xlsx': (ctx, { screen, ...input }) =>
    withClient(ctx, async (c) => {
      const doc = await screenDoc(c, { screen, ...input }, dateCn(ctx.now));
      const buf = await writeWorkbook(screenSheets(doc, centerOf(ctx), screen));
      const what = ROLLUP_SCREEN_TITLES[screen];
      const fileName = `${doc.title}-${dateCn(ctx.now)}.xlsx`;
      ctx.audit('export', null, null, { what, fileName, rows: rowsOf(doc), filters: input });
      return { fileName, base64: buf.toString('base64'), rows: rowsOf(doc) };
    }),
  // 年度工作总结 of the county (or of one township as the county holds it), by the township's own docx builder.
  'rollup.docx': (ctx, input) =>
    withClient(ctx, async (c) => {
      const { scope, report } = await countyReport(c, input.year, dateCn(ctx.now), input.code);
      const summary = await countySummary(c, input.year, input.code);
      const county = centerOf(ctx);
      const center = input.code ? `${county}（${scope}）` : county;
      const buf = await reportDocx(report, summary, center, cnDay(dateCn(ctx.now)), input.code ? '村/社区' : '乡镇');
      const fileName = `${center}${input.year}年度工作总结.docx`;
      ctx.audit('export', null, null, { what: '年度工作总结（县级汇总）', fileName, rows: report.byKind.length });
      return { fileName, base64: buf.toString('base64'), rows: report.byKind.length };
    }),
  // The enrolment file holds the township's key: it is made once and audited as an export.
  'rollup.enrol': (ctx, input) =>
    withClient(ctx, async (c) => {
      const county = centerOf(ctx);
      if (county === DEFAULT_CENTER.name)
        throw new AppError(
          'VALIDATION',
          '请先在 设置 → 中心信息 把名称改为本单位的名称（例如 青山县民政局）：它会写进发给乡镇的登记文件',
        );
      const e = await enrolTownship(c, county, enrolmentReach(officeOf(ctx), input.url), input);
      const fileName = `${input.name}县级汇总登记文件.json`;
      ctx.audit('export', input.code, null, { what: '县级汇总登记文件', fileName, township: input.name, url: e.url });
      // The file holds the key sealed; the code that opens it goes to this screen only, never to a log.
      const base64 = Buffer.from(JSON.stringify(e.file, null, 2)).toString('base64');
      return { fileName, base64, rows: 1, oneTimeCode: e.oneTimeCode, url: e.url };
    }),
  'rollup.address': (ctx) => Promise.resolve(enrolAddress(officeOf(ctx))),
  'rollup.revoke': (ctx, input) =>
    withClient(ctx, async (c) => {
      await revokeTownship(c, input.code);
      ctx.audit('rollup', input.code, null, { what: '停用乡镇登记', code: input.code });
      return { revoked: true as const };
    }),
  'rollup.carry': (ctx, input) =>
    withClient(ctx, async (c) => {
      const r = await importCarry(c, Buffer.from(input.base64, 'base64'));
      ctx.audit('rollup', r.code, null, { what: '导入离线报送文件', fileName: input.fileName, ...r });
      const { fileName, text } = await makeReceipt(c, r.code);
      const receipt = { fileName, base64: Buffer.from(text).toString('base64') };
      return { township: r.township, batch: r.batch, applied: r.applied, skipped: r.skipped, receipt };
    }),
  // Also after a refused file (缺少第 N 批): the 回执 is what makes the township's next file start where it should.
  'rollup.receipt': (ctx, input) =>
    withClient(ctx, async (c) => {
      const { fileName, text } = await makeReceipt(c, input.code);
      ctx.audit('export', input.code, null, { what: '乡镇回执', fileName });
      return { fileName, base64: Buffer.from(text).toString('base64'), rows: 1 };
    }),
  'rollup.notes': (ctx, input) =>
    withClient(ctx, async (c) => {
      const { rows } = await c.query<Note & { at: Date }>(
        `SELECT id::int AS id, at, author, township, topic, body
          FROM county.notes
          WHERE $1::text IS NULL
            OR topic = $1
          ORDER BY at DESC, id DESC
          LIMIT 200`,
        [input.topic ?? null],
      );
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    }),
  'rollup.addNote': (ctx, input) =>
    withClient(ctx, async (c) => {
      if (
        input.township &&
        !(await c.query('SELECT 1 FROM county.townships WHERE code = $1', [input.township])).rowCount
      )
        throw new AppError('NOT_FOUND', `区划代码 ${input.township} 没有登记`, 'township');
      const { rows } = await c.query<{ id: number }>(
        `INSERT INTO county.notes (author, township, topic, body)
          VALUES ($1, $2, $3, $4)
          RETURNING id::int AS id`,
        [staffName(ctx), input.township, input.topic, input.body],
      );
      ctx.audit('rollup', rows[0].id, null, { what: '县级备注', topic: input.topic, day: dateCn(ctx.now) });
      return { id: rows[0].id };
    }),
} satisfies Partial<Handlers>;
