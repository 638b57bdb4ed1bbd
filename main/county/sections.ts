// The township report's other sections (registry, applications, 结对帮扶, 群众服务) over the county's copy of one
// township: the township's own code (reports/reports.ts reportSections) run on a scratch SQLite in memory, filled
// with the copy's registers under the ledger's names. One definition, not two: the county's figures cannot drift
// from the township report's, and the check of sameness (sameness.ts) compares the two. Copying a county-scale
// township's registers whole took 2.7 s here; copying the yearly registers by year, 1.2 s.
import Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';

import type { ReportSections } from '../../shared/schemas/reports';
import { SYNCED } from '../db/synced';
import { reportSections } from '../reports';
import { DISPUTES, inYear, type Register, SUGGESTIONS, WISHES } from '../service';
import { countyColumns } from './store';

// Payments are counted in PostgreSQL (figures.ts); persons hold ID numbers, and no section reads them.
const SCRATCH = SYNCED.filter((s) => s.table !== 'payments' && s.table !== 'persons');

/**
 * The registers a section reads only within its year, by their own condition (service/figures.ts inYear), and the
 * rows that hang off them: only those rows are copied. A county-scale township keeps ten years of each.
 */
const YEARLY: Record<string, { reg: Register<string>; parent?: string; via?: string }> = {
  wishes: { reg: WISHES },
  wish_claims: { reg: WISHES, parent: 'wishes', via: 'wish_id' },
  suggestions: { reg: SUGGESTIONS },
  disputes: { reg: DISPUTES },
  dispute_mediators: { reg: DISPUTES, parent: 'disputes', via: 'dispute_id' },
};

/**
 * The copy's rows of a table that a year's sections can read: FROM and WHERE over `x`, and the values. A row hanging
 * off a register is taken by the ids of the register's rows already copied (`ids`).
 */
function copied(
  table: string,
  ledgerId: string,
  year: number,
  ids: Map<string, unknown[]>,
): { from: string; values: unknown[] } {
  const y = YEARLY[table];
  if (!y) return { from: `county.${table} x WHERE x.ledger_id = $1`, values: [ledgerId] };
  if (y.parent)
    return {
      from: `county.${table} x WHERE x.ledger_id = $1 AND x.${y.via} = ANY($2::bigint[])`,
      values: [ledgerId, ids.get(y.parent)],
    };
  const c = inYear(y.reg, year);
  let n = 1;
  const cond = c.sql.replace(/\?/g, () => `$${++n}`); // the ledger's placeholders, numbered for PostgreSQL
  const [name, alias] = y.reg.table.split(' ');
  return {
    from: `county.${name} x WHERE x.ledger_id = $1 AND ${cond.replaceAll(`${alias}.`, 'x.')}`,
    values: [ledgerId, ...c.args],
  };
}

/** Where a township's copy stands: its acknowledged line and 纪元 (every push that changes the copy moves one). */
async function lineOf(client: pg.ClientBase, ledgerId: string): Promise<string> {
  const { rows } = await client.query<{ acked_seq: string; epoch: string | null }>(
    `SELECT acked_seq, epoch
      FROM county.townships
      WHERE ledger_id = $1`,
    [ledgerId],
  );
  return JSON.stringify(rows[0] ?? null);
}

/**
 * A township's sections of `year` as of `today` for the county's screens: the last computed ones while the copy
 * stands where it stood then (county.section_cache: the same acknowledged line, 纪元 and day), else computed anew
 * over the copy and kept, when no push moved the line while the copy was read. The check of sameness never reads
 * them from here: it computes them afresh (sectionsOverCopy), since it is what finds a copy changed behind a push.
 */
export async function countySections(
  client: pg.ClientBase,
  ledgerId: string,
  year: number,
  today: string,
): Promise<ReportSections> {
  const key = [ledgerId, year, today];
  const { rows: hit } = await client.query<{ sections: ReportSections }>(
    `SELECT s.sections
      FROM county.section_cache s
      JOIN county.townships t ON t.ledger_id = s.ledger_id
      WHERE s.ledger_id = $1
        AND s.year = $2
        AND s.today = $3
        AND s.acked_seq = t.acked_seq
        AND s.epoch IS NOT DISTINCT FROM t.epoch`,
    key,
  );
  if (hit.length) return hit[0].sections;
  const before = await lineOf(client, ledgerId);
  const sections = await sectionsOverCopy(client, ledgerId, year, today);
  const at = JSON.parse(before) as { acked_seq: string; epoch: string | null } | null;
  if (at && (await lineOf(client, ledgerId)) === before)
    await client.query(
      `INSERT INTO county.section_cache (ledger_id, year, today, acked_seq, epoch, sections)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (ledger_id, year) DO UPDATE
          SET today = excluded.today, acked_seq = excluded.acked_seq, epoch = excluded.epoch,
            sections = excluded.sections`,
      [...key, at.acked_seq, at.epoch, JSON.stringify(sections)],
    );
  return sections;
}

/** The township's own code over a scratch SQLite filled from its copy as it is now. */
export async function sectionsOverCopy(
  client: pg.ClientBase,
  ledgerId: string,
  year: number,
  today: string,
): Promise<ReportSections> {
  const types = await countyColumns(client);
  const db = new Database(':memory:');
  const ids = new Map<string, unknown[]>();
  try {
    for (const s of SCRATCH) {
      const t = types.get(s.table)!;
      const affinity = (c: string) => (/int/.test(t.get(c) ?? '') ? 'INTEGER' : 'TEXT');
      db.exec(`CREATE TABLE ${s.table} (${s.columns.map((c) => `${c} ${affinity(c)}`).join(', ')})`);
      const { from, values } = copied(s.table, ledgerId, year, ids);
      const copy = await client.query<Record<string, unknown>>(
        `SELECT ${s.columns.map((c) => `x.${c}`).join(', ')}
          FROM ${from}`,
        values,
      );
      const insert = db.prepare(
        `INSERT INTO ${s.table} (${s.columns.join(', ')}) VALUES (${s.columns.map(() => '?').join(', ')})`,
      );
      db.transaction(() => copy.rows.forEach((r) => insert.run(...s.columns.map((c) => r[c]))))();
      if (YEARLY[s.table] && !YEARLY[s.table].parent)
        ids.set(
          s.table,
          copy.rows.map((r) => r.id),
        );
    }
    return reportSections(db, year, today);
  } finally {
    db.close();
  }
}
