// rollup.*: the county office's screens (县级汇总) over its PostgreSQL (county/office.ts): the year's figures for the
// county and each township by the township report's definitions, the comparison of townships, the cross-township
// checks with an audited reveal, whether each copy is complete, the check of sameness, enrolment and the county's
// notes. Nothing here writes a township's rows: they arrive only by push or carried file (county/store.ts).
import type pg from 'pg';

import { maskIdNumber } from '../../shared/domain/idNumber';
import { AppError } from '../../shared/domain/result';
import { dateCn } from '../../shared/domain/time';
import type { CheckRow, Note, RollupYear } from '../../shared/schemas/rollup';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { CountyOffice, Ctx, Handlers } from '../core/dispatch';
import { getSetting } from '../core/settings';
import { importCarry } from './carry';
import { crossChecks, revealId } from './checks';
import { completeness, countyPayments, namesOf, townshipComparison } from './figures';
import { makeReceipt } from './receipt';
import { sameness } from './sameness';
import { countySections } from './sections';
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

/** A township's ledger id by its code; refused when it has not pushed yet. */
async function ledgerOf(client: pg.ClientBase, code: string): Promise<{ ledgerId: string; name: string }> {
  const { rows } = await client.query<{ ledger_id: string | null; name: string }>(
    `SELECT ledger_id, name
      FROM county.townships
      WHERE code = $1`,
    [code],
  );
  if (!rows.length) throw new AppError('NOT_FOUND', `区划代码 ${code} 没有登记`, 'code');
  if (!rows[0].ledger_id) throw new AppError('VALIDATION', `${rows[0].name}还没有上报过`, 'code');
  return { ledgerId: rows[0].ledger_id, name: rows[0].name };
}

async function rollupYear(client: pg.ClientBase, year: number, today: string, code?: string): Promise<RollupYear> {
  const town = code ? await ledgerOf(client, code) : null;
  const c = await countyPayments(client, town?.ledgerId ?? null, year);
  const names = await namesOf(client, town?.ledgerId ?? null);
  // Over the county an area is a township's own: the county's lines are by kind, its townships side by side.
  const lines = c.lines
    .filter((l) => l.times > 0 && (town || l.areaId === 0))
    .map((l) => ({
      ...l,
      kind: l.kindCode ? (names.get(`k${l.kindCode}`) ?? l.kindCode) : '合计',
      area: l.areaId ? (names.get(`a${l.areaId}`) ?? String(l.areaId)) : '',
    }));
  const sections = town ? await countySections(client, town.ledgerId, year, today) : null;
  return { year, scope: town?.name ?? '全县', lines, reversals: c.reversals, byMonth: c.byMonth, sections };
}

/** A check's notes are kept under its topic: the person's row, or the account and its townships. */
const topicOf = (h: Omit<CheckRow, 'topic' | 'notes'>) =>
  h.ref ? `${h.kind}:${h.ref.ledgerId}:${h.ref.personId}` : `${h.kind}:${h.shown}:${h.townships.join(',')}`;

export const rollupHandlers = {
  'rollup.year': (ctx, input) => withClient(ctx, (c) => rollupYear(c, input.year, dateCn(ctx.now), input.code)),
  'rollup.townships': (ctx, input) => withClient(ctx, (c) => townshipComparison(c, input.year)),
  'rollup.sections': (ctx, input) =>
    withClient(ctx, async (c) => {
      const out = [];
      for (const t of await townshipComparison(c, input.year))
        if (t.ledgerId)
          out.push({
            code: t.code,
            name: t.name,
            sections: await countySections(c, t.ledgerId, input.year, dateCn(ctx.now)),
          });
      return out;
    }),
  'rollup.status': (ctx) => withClient(ctx, (c) => completeness(c)),
  'rollup.sameness': (ctx) => withClient(ctx, (c) => sameness(c)),
  'rollup.checks': (ctx, input) =>
    withClient(ctx, async (c) => {
      const hits = await crossChecks(c, input.year);
      const { rows } = await c.query<{ topic: string; n: string }>(
        `SELECT topic, count(*) AS n
          FROM county.notes
          WHERE topic <> ''
          GROUP BY topic`,
      );
      const notes = new Map(rows.map((r) => [r.topic, Number(r.n)]));
      return hits.map((h) => ({ ...h, topic: topicOf(h), notes: notes.get(topicOf(h)) ?? 0 }));
    }),
  // The full number, for county staff who may see one; the county's audit log and this office's both keep the reveal.
  'rollup.reveal': (ctx, input) =>
    withClient(ctx, async (c) => {
      const shown = await revealId(c, input, input.why, staffName(ctx));
      ctx.audit('rollup', input.personId, null, {
        what: '查看完整身份证号（跨乡镇核查）',
        ledgerId: input.ledgerId,
        shown: maskIdNumber(shown.id_number),
        why: input.why,
      });
      return { idNumber: shown.id_number, name: shown.name };
    }),
  // The enrolment file holds the township's key: it is made once and audited as an export.
  'rollup.enrol': (ctx, input) =>
    withClient(ctx, async (c) => {
      const county = getSetting(ctx.db, 'center', DEFAULT_CENTER).name;
      if (county === DEFAULT_CENTER.name)
        throw new AppError(
          'VALIDATION',
          '请先在 设置 → 中心信息 把名称改为本单位的名称（例如 青山县民政局）：它会写进发给乡镇的登记文件',
        );
      const e = await enrolTownship(c, county, input.url || officeOf(ctx).url, input);
      const fileName = `${input.name}县级汇总登记文件.json`;
      ctx.audit('export', input.code, null, { what: '县级汇总登记文件', fileName, township: input.name });
      return { fileName, base64: Buffer.from(JSON.stringify(e, null, 2)).toString('base64'), rows: 1 };
    }),
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
