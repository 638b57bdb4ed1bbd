// Every county screen laid out once as tables (全县总数, 乡镇对比, 跨乡镇核查, 一致性核对, 乡镇登记, 县级备注), from the
// channels' own reads: written as .xlsx by the one workbook writer (core/workbook.ts, its page setup) and handed to
// the A4 print route (renderer/print/RollupPrint.tsx). Numbers stay numbers in the sheet (amounts in yuan from fen);
// the print shows them as the screen does. Numbers are masked as on the screen.
import type pg from 'pg';

import { formatWan, formatYuan } from '../../shared/domain/money';
import {
  CHECK_KIND_LABELS,
  CHECK_STATE_LABELS,
  copyState,
  COUNTY_ADDS,
  enrolState,
  ROLLUP_SCREEN_TITLES,
  type RollupScreen,
  SECTION_COLUMNS,
} from '../../shared/domain/rollup';
import { isoCn } from '../../shared/domain/time';
import type { RollupPrint } from '../../shared/schemas/rollup';
import { filterText, PRINT_MAX } from '../core/listSheet';
import type { NumberKind, SheetCell, SheetSpec } from '../core/workbook';
import { type CheckFilters, crossChecks } from './checks';
import { rollupYear, townshipSections } from './countyReport';
import { completeness, townshipComparison } from './figures';
import { sameness } from './sameness';

/**
 * How a column shows: text that wraps, a short text that never does (a name, a state, a time: its lines only at a line
 * break), a code kept as text, a count, an amount from fen in yuan or in 万元.
 */
type Kind = 'text' | 'short' | 'code' | NumberKind;
const NOT_NUMBER: readonly Kind[] = ['text', 'short', 'code'];
type Table = {
  name: string;
  title: string;
  columns: [header: string, kind: Kind][];
  rows: SheetCell[][];
  foot: SheetCell[][];
};
export interface ScreenDoc {
  title: string;
  subtitle: string;
  tables: Table[];
  note: string;
}

const when = (iso: string | null) => (iso ? isoCn(new Date(iso)).slice(0, 16).replace('T', ' ') : '还没有上报');

async function figures(client: pg.ClientBase, year: number, today: string, code?: string): Promise<ScreenDoc> {
  const r = await rollupYear(client, year, today, code);
  const kinds = r.lines.filter((l) => l.kindCode && !l.areaId);
  const total = r.lines.find((l) => !l.kindCode && !l.areaId);
  const areas = [...new Map(r.lines.filter((l) => l.areaId).map((l) => [l.areaId, l.area])).entries()];
  const money: [string, Kind][] = [
    ['金额（元）', 'yuan'],
    ['金额（万元）', 'wan'],
  ];
  const tables: Table[] = [
    {
      name: '按救助类别',
      title: '救助资金发放情况（按救助类别）',
      columns: [['救助类别', 'short'], ['人数', 'count'], ['户数', 'count'], ['人次', 'count'], ...money],
      rows: kinds.map((k) => [k.kind, k.persons, k.households, k.times, k.fen, k.fen]),
      foot: total
        ? [
            ['合计', total.persons, total.households, total.times, total.fen, total.fen],
            ...(r.reversals.times
              ? [
                  ['本年冲正', null, null, r.reversals.times, -r.reversals.fen, -r.reversals.fen],
                  ['净发放', null, null, null, total.fen - r.reversals.fen, total.fen - r.reversals.fen],
                ]
              : []),
          ]
        : [],
    },
  ];
  if (areas.length) {
    const cell = (areaId: number, kindCode: string) =>
      r.lines.find((l) => l.areaId === areaId && l.kindCode === kindCode)?.fen ?? 0;
    tables.push({
      name: '按村社区',
      title: '救助资金发放情况（按村/社区，元）',
      columns: [['村/社区', 'short'], ...kinds.map((k): [string, Kind] => [k.kind, 'yuan']), ['合计', 'yuan']],
      rows: areas.map(([areaId, area]) => [
        area,
        ...kinds.map((k) => cell(areaId, k.kindCode)),
        kinds.reduce((s, k) => s + cell(areaId, k.kindCode), 0),
      ]),
      foot: [],
    });
  }
  tables.push({
    name: '按月份',
    title: '救助资金发放情况（按月份）',
    columns: [
      ['月份', 'short'],
      ['人次', 'count'],
      ['发放金额（元）', 'yuan'],
      ['冲正金额（元）', 'yuan'],
    ],
    rows: r.byMonth.map((m) => [m.month, m.times, m.fen, -m.reversalFen]),
    foot: [['合计', ...[0, 1, 2].map((i) => r.byMonth.reduce((s, m) => s + [m.times, m.fen, -m.reversalFen][i], 0))]],
  });
  if (r.sections)
    tables.push({
      name: '其他部分',
      title: '申请办理、台账、结对帮扶与群众服务',
      columns: [
        ['项目', 'short'],
        ['数量', 'count'],
      ],
      rows: SECTION_COLUMNS.map((c) => [c.title, c.value(r.sections!)]),
      foot: [],
    });
  return {
    title: `${r.year}年${r.scope}救助资金发放情况`,
    subtitle: `统计期间：${r.year}年1月1日至${r.year}年12月31日`,
    tables,
    note: total ? (r.scope === '全县' ? COUNTY_ADDS : '') : `${r.scope}${r.year}年还没有发放记录。`,
  };
}

async function townships(client: pg.ClientBase, year: number, today: string): Promise<ScreenDoc> {
  const rows = await townshipComparison(client, year);
  const status = await completeness(client);
  const sections = await townshipSections(client, year, today);
  const sum = (i: number) => rows.reduce((s, t) => s + [t.persons, t.households, t.times, t.fen, t.reversalFen][i], 0);
  return {
    title: `${year}年各乡镇救助情况对比`,
    subtitle: `统计期间：${year}年1月1日至${year}年12月31日，共 ${rows.length} 个乡镇`,
    tables: [
      {
        name: '发放情况',
        title: '救助资金发放情况',
        columns: [
          ['乡镇', 'short'],
          ['区划代码', 'code'],
          ['人数', 'count'],
          ['户数', 'count'],
          ['人次', 'count'],
          ['金额（元）', 'yuan'],
          ['本年冲正（元）', 'yuan'],
          ['上次上报', 'short'],
          ['副本', 'short'],
        ],
        rows: rows.map((t) => [
          t.name,
          t.code,
          t.persons,
          t.households,
          t.times,
          t.fen,
          t.reversalFen,
          t.revoked ? '已停用' : when(t.lastPush),
          copyState(status.find((s) => s.code === t.code)).word,
        ]),
        foot: [[`合计（${rows.length} 个乡镇）`, null, sum(0), sum(1), sum(2), sum(3), sum(4), null, null]],
      },
      {
        name: '其他部分',
        title: '申请办理、结对帮扶与群众服务',
        columns: [['乡镇', 'short'], ...SECTION_COLUMNS.map((c): [string, Kind] => [c.title, 'count'])],
        rows: sections.map((t) => [t.name, ...SECTION_COLUMNS.map((c) => c.value(t.sections))]),
        foot: [['合计', ...SECTION_COLUMNS.map((c) => sections.reduce((s, t) => s + c.value(t.sections), 0))]],
      },
    ],
    note: '金额为发放金额，本年冲正单列；副本“完整”表示县里的数据与乡镇台账逐表核对一致。',
  };
}

/** A screen of one table: its title names the table too (the sheet takes the screen's name). */
const oneTable = (
  head: { title: string; subtitle: string; note?: string },
  columns: Table['columns'],
  rows: SheetCell[][],
): ScreenDoc => ({
  title: head.title,
  subtitle: head.subtitle,
  tables: [{ name: head.title, title: head.title, columns, rows, foot: [] }],
  note: head.note ?? '',
});

async function checks(client: pg.ClientBase, year: number, f: CheckFilters): Promise<ScreenDoc> {
  const hits = await crossChecks(client, year, f);
  const towns = await townshipComparison(client, year);
  const filter = filterText(f, {
    township: ['乡镇', (c: string) => towns.find((t) => t.code === c)?.name ?? c],
    kind: ['类型', (k: keyof typeof CHECK_KIND_LABELS) => CHECK_KIND_LABELS[k]],
    state: ['状态', (s: keyof typeof CHECK_STATE_LABELS) => CHECK_STATE_LABELS[s]],
  });
  return oneTable(
    {
      title: `${year}年跨乡镇核查`,
      subtitle: `筛选：${filter}　共 ${hits.length} 条`,
      note: '身份证号和账号只显示首尾；同一人同月在两个乡镇领取同类救助为重复享受，同时在两个乡镇在册为重复登记，不同户使用同一收款账户为共用账户。',
    },
    [
      ['序号', 'count'],
      ['类型', 'short'],
      ['身份证号/账号', 'code'],
      ['涉及乡镇', 'short'],
      ['情况', 'text'],
      ['怎么办', 'text'],
      ['状态', 'short'],
      ['核实情况或处理结果', 'text'],
    ],
    hits.map((h, i) => [
      i + 1,
      h.kinds.map((k) => CHECK_KIND_LABELS[k]).join('\n'),
      h.shown,
      h.townships.join('\n'),
      h.detail,
      h.advice,
      CHECK_STATE_LABELS[h.state],
      h.mark ? `${h.mark.note}（${h.mark.by}，${when(h.mark.at)}）` : '',
    ]),
  );
}

async function samenessDoc(client: pg.ClientBase): Promise<ScreenDoc> {
  const rows = await sameness(client);
  return oneTable(
    {
      title: '一致性核对',
      subtitle: `共 ${rows.length} 项`,
      note: '各乡镇自报的年度统计与县里按同一口径从副本算出的数字逐项比对，应当分毫不差。',
    },
    [
      ['乡镇', 'short'],
      ['年度', 'short'],
      ['结果', 'short'],
      ['不一致之处（乡镇台账 / 县级副本）', 'text'],
      ['怎么办', 'text'],
      ['乡镇计算时间', 'short'],
    ],
    rows.map((r) => [
      r.name,
      `${r.year}年`,
      r.verdict,
      r.differences.map((d) => `${d.what}：${d.township} / ${d.county}`).join('；'),
      r.advice,
      when(r.at),
    ]),
  );
}

async function enrol(client: pg.ClientBase, year: number): Promise<ScreenDoc> {
  const rows = await townshipComparison(client, year);
  return oneTable(
    { title: '乡镇登记', subtitle: `已登记 ${rows.length} 个乡镇` },
    [
      ['乡镇', 'short'],
      ['区划代码', 'code'],
      ['状态', 'short'],
      ['上次上报', 'short'],
    ],
    rows.map((t) => [t.name, t.code, enrolState(t), when(t.lastPush)]),
  );
}

async function notes(client: pg.ClientBase): Promise<ScreenDoc> {
  const { rows } = await client.query<{ at: Date; author: string; town: string | null; topic: string; body: string }>(
    `SELECT n.at, n.author, t.name AS town, n.topic, n.body
      FROM county.notes n
      LEFT JOIN county.townships t ON t.code = n.township
      ORDER BY n.at DESC, n.id DESC`,
  );
  return oneTable(
    { title: '县级备注', subtitle: `共 ${rows.length} 条` },
    [
      ['时间', 'short'],
      ['作者', 'short'],
      ['关于', 'short'],
      ['内容', 'text'],
    ],
    rows.map((n) => [
      when(n.at.toISOString()),
      n.author || '（未署名）',
      n.topic.startsWith('check:') ? '跨乡镇核查' : (n.town ?? '全县'),
      n.body,
    ]),
  );
}

export type ScreenInput = { screen: RollupScreen; year: number; code?: string } & CheckFilters;

/** A screen as tables, read as the screen reads it. */
export function screenDoc(client: pg.ClientBase, input: ScreenInput, today: string): Promise<ScreenDoc> {
  const { screen, year } = input;
  if (screen === 'figures') return figures(client, year, today, input.code);
  if (screen === 'townships') return townships(client, year, today);
  if (screen === 'checks')
    return checks(client, year, { township: input.township, kind: input.kind, state: input.state });
  if (screen === 'sameness') return samenessDoc(client);
  if (screen === 'enrol') return enrol(client, year);
  return notes(client);
}

/** The records a screen's tables hold (what the audit row counts). */
export const rowsOf = (doc: ScreenDoc) => doc.tables.reduce((s, t) => s + t.rows.length, 0);

/** The sheets of a screen: a sheet a table, bordered, amounts in yuan (fen / 100) or 万元. */
export function screenSheets(doc: ScreenDoc, center: string, screen: RollupScreen): SheetSpec[] {
  return doc.tables.map((t) => {
    const cell = (v: SheetCell, i: number) => {
      const kind = t.columns[i]?.[1];
      if (typeof v !== 'number') return v;
      return kind === 'yuan' ? v / 100 : kind === 'wan' ? Number(formatWan(v).replace(/,/g, '')) : v;
    };
    return {
      name: doc.tables.length > 1 ? t.name : ROLLUP_SCREEN_TITLES[screen],
      center,
      title: `${center} ${doc.title}${doc.tables.length > 1 ? `——${t.title}` : ''}`,
      subtitle: [doc.subtitle, doc.note].filter(Boolean).join('。'),
      headers: t.columns.map((c) => c[0]),
      text: t.columns.flatMap((c, i) => (c[1] === 'code' ? [i] : [])),
      numbers: Object.fromEntries(
        t.columns.flatMap(([, k], i) => (NOT_NUMBER.includes(k) ? [] : [[i, k as NumberKind]])),
      ),
      rows: t.rows.map((r) => r.map(cell)),
      foot: t.foot.map((r) => r.map(cell)),
      bordered: true,
    };
  });
}

/** The screen for its A4 print: numbers as the screen shows them, at most PRINT_MAX rows a table (said in the note). */
export function screenPrint(doc: ScreenDoc, center: string, day: string): RollupPrint {
  const cut = doc.tables.some((t) => t.rows.length > PRINT_MAX);
  const shown = (t: Table) => (r: SheetCell[]) =>
    r.map((v, i) => {
      const kind = t.columns[i]?.[1];
      if (typeof v !== 'number') return v;
      return kind === 'yuan' ? formatYuan(v) : kind === 'wan' ? formatWan(v) : v;
    });
  return {
    center,
    title: doc.title,
    subtitle: doc.subtitle,
    day,
    // Wider than a portrait page: more than seven columns, or long text in a table of checks.
    landscape: doc.tables.some((t) => t.columns.length > 7),
    tables: doc.tables.map((t) => ({
      title: t.title,
      headers: t.columns.map((c) => c[0]),
      rows: t.rows.slice(0, PRINT_MAX).map(shown(t)),
      foot: t.foot.map(shown(t)),
      numeric: t.columns.flatMap(([, k], i) => (NOT_NUMBER.includes(k) ? [] : [i])),
      short: t.columns.flatMap(([, k], i) => (k === 'short' || k === 'code' ? [i] : [])),
    })),
    note: [doc.note, cut ? `每张表只打印了前 ${PRINT_MAX} 行，全部请导出 Excel。` : ''].filter(Boolean).join(''),
  };
}
