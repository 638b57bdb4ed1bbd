// 全县总数 as the screen shows it (rollupYear), and as a 年度工作总结 in the township report's own shape
// (AnnualReport), so that the township's docx builder (reports/reportDocx.ts) writes the county's: the payments by the
// report's definitions over the copy (figures.ts), the other sections by the township's own code (sections.ts) and,
// over the county, added township by township with the townships in the place of the villages.
import type pg from 'pg';

import { annualSummary } from '../../shared/domain/reports';
import { AppError } from '../../shared/domain/result';
import { draftCountySummary } from '../../shared/domain/rollup';
import { SUMMARY_LABELS, SUMMARY_SECTIONS } from '../../shared/domain/yearSummary';
import type { AnnualReport, ReportSections, YearPayments, YearSummary } from '../../shared/schemas/reports';
import type { RollupYear } from '../../shared/schemas/rollup';
import { crossChecks } from './checks';
import { completeness, countyPayments, namesOf, townshipComparison } from './figures';
import { countySections } from './sections';

/** A township's ledger id by its code; refused when it has not pushed yet. */
export async function ledgerOf(client: pg.ClientBase, code: string): Promise<{ ledgerId: string; name: string }> {
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

/** 全县总数: the year over every township (lines by kind) or one (by kind and area, with its other sections). */
export async function rollupYear(
  client: pg.ClientBase,
  year: number,
  today: string,
  code?: string,
): Promise<RollupYear> {
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

const NONE = { persons: 0, households: 0, times: 0, fen: 0 };
const lineOf =
  ({ lines }: YearPayments) =>
  (kindCode = '', areaId = 0) => {
    const { persons, households, times, fen } =
      lines.find((l) => l.kindCode === kindCode && l.areaId === areaId) ?? NONE;
    return { persons, households, times, fen };
  };

type Numbers = Record<string, unknown>;
/** Lines of one shape added field by field (numbers summed, the rest from the first). */
function added<T extends Numbers>(lines: T[]): T {
  const out: Numbers = { ...lines[0] };
  for (const l of lines.slice(1))
    for (const [k, v] of Object.entries(l)) if (typeof v === 'number') out[k] = (out[k] as number) + v;
  return out as T;
}
/** Lines of several townships added where they name the same thing (a category, a month), in first-seen order. */
function mergedBy<L extends Numbers & { key: string }>(lines: L[]): L[] {
  const groups = new Map<string, L[]>();
  for (const l of lines) groups.set(l.key, [...(groups.get(l.key) ?? []), l]);
  return [...groups.values()].map(added);
}

/** A register's figures as they add up: every line keyed. */
type Keyed = Numbers & { key: string };
type Figures = { total: Keyed; byCategory: Keyed[]; byMonth: Keyed[] };

/**
 * The townships' sections added: a register's figures by category and month merged, by township in the place of
 * its areas; what does not add (a wish's average days, the lines by server or mediator) left out.
 */
export function addSections(towns: { code: string; name: string; sections: ReportSections }[]): ReportSections {
  const all = towns.map((t) => t.sections);
  const register = <K extends 'wishes' | 'suggestions' | 'disputes'>(k: K) => {
    const held = towns.filter((t) => t.sections[k]);
    if (!held.length) return null;
    const f = held.map((t) => t.sections[k] as unknown as Figures);
    return {
      total: added(f.map((x) => x.total)),
      byCategory: mergedBy(f.flatMap((x) => x.byCategory)),
      byArea: held.map((t, i) => ({ ...f[i].total, key: t.code, label: t.name })),
      byMonth: mergedBy(f.flatMap((x) => x.byMonth)),
      ...(k === 'wishes' && { avgDays: null, byServer: [] }),
      ...(k === 'disputes' && { byPerson: [] }),
    } as unknown as ReportSections[K];
  };
  const pairings = all.flatMap((s) => (s.pairing ? [s.pairing] : []));
  return {
    registry: added(all.map((s) => s.registry)),
    applications: added(all.map((s) => s.applications)),
    pairing: pairings.length ? added(pairings) : null,
    wishes: register('wishes'),
    suggestions: register('suggestions'),
    disputes: register('disputes'),
  };
}

/** Each pushed township's sections of the year, by its report's own code over the copy (乡镇对比). */
export async function townshipSections(client: pg.ClientBase, year: number, today: string) {
  const out = [];
  for (const t of await townshipComparison(client, year))
    if (t.ledgerId)
      out.push({ code: t.code, name: t.name, sections: await countySections(client, t.ledgerId, year, today) });
  return out;
}

/**
 * The county's year (or one township's) as the township report: by kind with last year's amounts, by area (over the
 * county: by township), by month, the other sections and the summary paragraph from them.
 */
export async function countyReport(
  client: pg.ClientBase,
  year: number,
  today: string,
  code?: string,
): Promise<{ scope: string; report: AnnualReport }> {
  const town = code ? await ledgerOf(client, code) : null;
  const ledgerId = town?.ledgerId ?? null;
  const paid = await countyPayments(client, ledgerId, year);
  const before = await countyPayments(client, ledgerId, year - 1);
  const [line, prevLine] = [lineOf(paid), lineOf(before)];
  const { rows: kinds } = await client.query<{ code: string; name: string }>(
    `SELECT code, min(name) AS name
      FROM county.relief_kinds
      WHERE parent_code IS NULL
        AND ($1::uuid IS NULL OR ledger_id = $1::uuid)
      GROUP BY code
      ORDER BY min(sort_order), code`,
    [ledgerId],
  );
  const paidKinds = new Set(
    [...paid.lines, ...before.lines].filter((l) => l.kindCode && !l.areaId && l.times).map((l) => l.kindCode),
  );
  const byKind = kinds
    .filter((k) => paidKinds.has(k.code))
    .map((k) => ({ ...line(k.code), kindCode: k.code, kind: k.name, prevFen: prevLine(k.code).fen }));
  let areas: AnnualReport['areas'];
  let byAreaKind: AnnualReport['byAreaKind'];
  let sections: ReportSections;
  if (town) {
    const names = await namesOf(client, ledgerId);
    byAreaKind = paid.lines
      .filter((l) => l.kindCode && l.areaId)
      .map(({ areaId, kindCode, persons, times, fen }) => ({ areaId, kindCode, persons, times, fen }));
    const ids = [...new Set(byAreaKind.map((a) => a.areaId))].sort((a, b) => a - b);
    areas = ids.map((areaId) => ({ areaId, area: names.get(`a${areaId}`) ?? String(areaId) }));
    sections = await countySections(client, town.ledgerId, year, today);
  } else {
    // Over the county its townships are its areas: numbered in the comparison's order (by code).
    const towns = (await townshipComparison(client, year)).filter((t) => t.ledgerId);
    areas = towns.map((t, i) => ({ areaId: i + 1, area: t.name }));
    byAreaKind = [];
    for (const [i, t] of towns.entries())
      for (const l of (await countyPayments(client, t.ledgerId, year)).lines)
        if (l.kindCode && !l.areaId && l.times)
          byAreaKind.push({ areaId: i + 1, kindCode: l.kindCode, persons: l.persons, times: l.times, fen: l.fen });
    sections = addSections(await townshipSections(client, year, today));
  }
  const total = line();
  const report = {
    year,
    byKind,
    reversals: paid.reversals,
    total: { ...total, kindCode: 'all', kind: '合计' },
    netFen: total.fen - paid.reversals.fen,
    prevTotal: { fen: prevLine().fen, netFen: prevLine().fen - before.reversals.fen },
    areas,
    byAreaKind,
    byMonth: paid.byMonth,
    ...sections,
  };
  return { scope: town?.name ?? '全县', report: { ...report, summary: annualSummary(report) } };
}

/**
 * 主要做法, 存在问题 and 下一步打算 of the county's 工作总结, drafted from what the county itself knows: how many
 * townships report and whether their copies are complete, and the cross-township checks and how far they are done.
 */
export async function countySummary(client: pg.ClientBase, year: number, code?: string): Promise<YearSummary> {
  const status = (await completeness(client)).filter((s) => !code || s.code === code);
  const hits = await crossChecks(client, year, code ? { township: code } : {});
  const count = (kind: string) => hits.filter((h) => h.kinds.includes(kind as never)).length;
  const drafts = draftCountySummary({
    year,
    townships: status.length,
    reporting: status.filter((s) => s.lastPush).length,
    incomplete: status.filter((s) => !s.complete).map((s) => s.name),
    hits: {
      paidTwice: count('paidTwice'),
      registeredTwice: count('registeredTwice'),
      sharedAccount: count('sharedAccount'),
    },
    open: hits.filter((h) => h.state === 'open').length,
    checking: hits.filter((h) => h.state === 'checking').length,
    done: hits.filter((h) => h.state === 'done').length,
  });
  return {
    year,
    sections: SUMMARY_SECTIONS.map((section) => ({
      section,
      label: SUMMARY_LABELS[section],
      text: drafts[section],
      draft: drafts[section],
      saved: null,
    })),
  };
}
