// What the three citizen registers (微心愿, 意见建议, 矛盾纠纷调解) share: the quick search and the filters every one
// of them has, the step that moves a row on, withdrawal, and the audit row of a step. Each register (wishes.ts,
// suggestions.ts, disputes.ts and their lists) states only what differs: its table, its columns and its states.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { Ctx } from '../core/dispatch';
import { type FilterWords, nameOf } from '../core/listSheet';
import { type Arg, limitSql, orderBy, type Sort, Where } from '../core/paging';
import { type DB, prep } from '../db/open';
import { figureWhere, type Register } from './figures';

/** The columns the quick search reads. */
export interface Search {
  /** Matched anywhere: names, the content. */
  anywhere: string[];
  /** Pinyin initials: from the start ('zs'), or each after a space in a list of people (' zs ls'). */
  initials: string;
  initialsList?: boolean;
  /** ID tails kept as ' 1234 5678': only a 4-character tail matches, so a whole number is no oracle. */
  idTails?: string;
}

export interface CitizenRegister<F extends string> extends Register<F> {
  search: Search;
}

/** The filters every register's list has (its own extras are added by the register). */
export interface CommonFilters<F extends string> {
  q?: string;
  status?: string;
  areaId?: number;
  year?: number;
  figure?: F;
  month?: string;
}

const aliasOf = (reg: { table: string }) => reg.table.split(' ')[1];
const tableOf = (reg: { table: string }) => reg.table.split(' ')[0];

/** The WHERE of a register's list: the quick search, the status and the area, and a figure of the year's report. */
export function registerWhere<F extends string>(reg: CitizenRegister<F>, f: CommonFilters<F>, today: string): Where {
  const a = aliasOf(reg);
  const w = new Where();
  const q = f.q?.trim();
  if (q) {
    const { anywhere, initials, initialsList, idTails } = reg.search;
    const conds = [...anywhere.map((c) => `${a}.${c} LIKE ?`), `${a}.${initials} LIKE ?`];
    const args: Arg[] = [
      ...anywhere.map(() => `%${q}%`),
      initialsList ? `% ${q.toLowerCase()}%` : `${q.toLowerCase()}%`,
    ];
    if (idTails) {
      conds.push(`${a}.${idTails} LIKE ?`);
      args.push(/^[\dXx]{4}$/.test(q) ? `% ${q.toUpperCase()}%` : null);
    }
    w.add(`(${conds.join(' OR ')})`, ...args);
  }
  if (f.status) w.add(`${a}.status = ?`, f.status);
  if (f.areaId) w.add(`${a}.area_id = ?`, f.areaId);
  figureWhere(reg, w, f, today);
  return w;
}

/** The common filters in words, for the heading of a register's export and print. */
export function registerWords<F extends string>(
  db: DB,
  states: Record<string, string>,
  figures: Record<F, string>,
): FilterWords {
  return {
    q: ['搜索'],
    status: ['状态', (s: string) => states[s]],
    areaId: ['村/社区', nameOf(db, 'area')],
    year: ['年度'],
    month: ['月份'],
    figure: ['统计项', (f: F) => figures[f]],
    overdue: ['只看超期'],
  };
}

/** What a register's grid reads: its row's SELECT (today bound `todays` times first) and the columns it sorts by. */
export interface RegisterGrid<C extends string> {
  select: string;
  todays?: number;
  sortable: Record<C, string>;
}

/**
 * A register's filtered rows, newest first unless the grid sorts: one page of them, or every one for the export.
 * The grid's total is counted over the same WHERE.
 */
export function registerRows<R, C extends string>(
  db: DB,
  reg: CitizenRegister<string>,
  grid: RegisterGrid<C>,
  q: { where: Where; sort?: Sort<C>; today: string },
  p?: { offset: number; limit: number },
): R[] {
  const a = aliasOf(reg);
  const order = orderBy(grid.sortable, q.sort, `${a}.${reg.dated ?? 'collected_on'} DESC, ${a}.id DESC`, `${a}.id`);
  const sql = `${grid.select}\n${q.where.sql}\nORDER BY ${order}${p ? `\nLIMIT ${limitSql(p.limit)} OFFSET ?` : ''}`;
  const todays = Array<string>(grid.todays ?? 1).fill(q.today);
  return prep(db, sql).all(...todays, ...q.where.args, ...(p ? [p.offset] : [])) as R[];
}

/** One step of a row: the columns it sets, with the time of the change; the caller has checked the step is allowed. */
export function updateRow(ctx: Ctx, reg: { table: string }, id: number, set: Record<string, Arg>): void {
  const cols = Object.keys(set);
  prep(
    ctx.db,
    `UPDATE ${tableOf(reg)}
      SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ?
      WHERE id = ?`,
  ).run(...Object.values(set), isoCn(ctx.now), id);
}

/** Withdrawal (撤回): a row entered in error or taken back by the resident leaves every figure, with its reason. */
export function withdrawRow(ctx: Ctx, reg: { table: string }, id: number, reason: string): void {
  updateRow(ctx, reg, id, {
    status: 'withdrawn',
    withdrawn_on: dateCn(ctx.now),
    withdraw_reason: reason,
    withdrawn_by: ctx.session.staff!.id,
  });
}

/** The date a step records: not after the ledger's today, nor before the step it follows (named in the message). */
export function stepDate(ctx: Ctx, day: string, field: string, label: string, after?: [string, string]): void {
  if (day > dateCn(ctx.now)) throw new AppError('VALIDATION', `${label}不能晚于今天`, field);
  if (after && day < after[0]) throw new AppError('VALIDATION', `${label}不能早于${after[1]}（${after[0]}）`, field);
}
