// 跨乡镇核查, what an auditor looks for first across a county's townships: the same ID number paid the same kind in
// two townships in one month (重复享受), a person registered in two townships at once (重复登记), and one payout
// account used by different households (共用账户). A hit is one person or one account with every kind it has, paged
// and filtered in SQL; it is named outside main by a key (a digest under the county's own secret, migration 0006), and
// shown masked. A county staff member marks it 核实中 and then 已处理, each with a note; a full ID number is shown
// only for a person in a current hit, with a reason, within the reveal budget (core/idLookups.ts), and both go into
// the county's audit log in the transaction that writes them.
import type pg from 'pg';

import { maskIdNumber } from '../../shared/domain/idNumber';
import { AppError } from '../../shared/domain/result';
import { adviceOf, CHECK_KIND_LABELS, CHECK_STATE_LABELS, type CheckKind } from '../../shared/domain/rollup';
import type { Page } from '../../shared/schemas/common';
import type { CheckRow } from '../../shared/schemas/rollup';
import { limitSql } from '../core/paging';
import { namesOf } from './figures';

export interface CheckFilters {
  /** A township's code: the hits that touch it. */
  township?: string;
  kind?: CheckKind;
  state?: CheckRow['state'];
}

/** A hit as main holds it: its subject (`id:` and the number, or `account:` and the account) never leaves main. */
interface Hit {
  key: string;
  subject: string;
  kinds: CheckKind[];
  /** kind, a space, what: `paidTwice 01 2026-03`, `registeredTwice `, `sharedAccount 3` (households). */
  lines: string[];
  heads: string | null;
  towns: string[];
  codes: string[];
  state: CheckRow['state'];
  mark_state: 'checking' | 'done' | null;
  note: string | null;
  by: string | null;
  at: Date | null;
  notes: string;
  total: string;
}

// Every hit of a year, one row per subject, then its state (待核实 when its mark no longer covers what it is), filtered
// ($3 key, $4 township, $5 kind, $6 state) and ordered by what needs doing first. Nothing orders by a number.
const HITS = `
  WITH paid AS (
    SELECT p.id_number, k.top_kind, k.month, k.ledger_id
      FROM (
        SELECT py.ledger_id, py.person_id, py.top_kind, substr(py.paid_on, 1, 7) AS month
          FROM county.payments py
          WHERE py.paid_on >= $1
            AND py.paid_on < $2
            AND py.reverses_id IS NULL
            AND NOT EXISTS (
              SELECT 1
                FROM county.payments r
                WHERE r.ledger_id = py.ledger_id
                  AND r.reverses_id = py.id
            )
      ) k
      JOIN county.persons p ON p.ledger_id = k.ledger_id AND p.id = k.person_id
  ), lines AS (
    SELECT 'id:' || id_number AS subject, 'paidTwice' AS kind, top_kind || ' ' || month AS what, NULL AS heads,
        array_agg(DISTINCT ledger_id) AS ledgers
      FROM paid
      GROUP BY id_number, top_kind, month
      HAVING count(DISTINCT ledger_id) > 1
    UNION ALL
    SELECT 'id:' || p.id_number, 'registeredTwice', '', string_agg(DISTINCT h.head_name, '、'),
        array_agg(DISTINCT p.ledger_id)
      FROM county.persons p
      JOIN county.households h ON h.ledger_id = p.ledger_id AND h.id = p.household_id
      WHERE h.status = 'registered'
      GROUP BY p.id_number
      HAVING count(DISTINCT p.ledger_id) > 1
    UNION ALL
    SELECT 'account:' || a.account, 'sharedAccount', count(DISTINCT (a.ledger_id, a.household_id))::text, NULL,
        array_agg(DISTINCT a.ledger_id)
      FROM (
        SELECT ledger_id, id AS household_id, account
          FROM county.households
          WHERE account <> ''
        UNION
        SELECT ledger_id, household_id, account
          FROM county.payments
          WHERE account IS NOT NULL
            AND paid_on >= $1
            AND paid_on < $2
      ) a
      GROUP BY a.account
      HAVING count(DISTINCT (a.ledger_id, a.household_id)) > 1
  ), hits AS (
    SELECT l.subject,
        left(encode(sha256(convert_to(k.key || l.subject, 'UTF8')), 'hex'), 32) AS key,
        array_agg(DISTINCT l.kind) AS kinds,
        array_agg(l.kind || ' ' || l.what ORDER BY l.kind, l.what) AS lines,
        string_agg(l.heads, '、') AS heads
      FROM lines l
      CROSS JOIN county.check_key k
      GROUP BY l.subject, k.key
  ), touched AS (
    SELECT x.subject, array_agg(DISTINCT t.name ORDER BY t.name) AS towns, array_agg(DISTINCT t.code::text) AS codes
      FROM (
        SELECT DISTINCT subject, unnest(ledgers) AS ledger_id
          FROM lines
      ) x
      JOIN county.townships t ON t.ledger_id = x.ledger_id
      GROUP BY x.subject
  ), stated AS (
    SELECT h.key, h.subject, h.kinds, h.lines, h.heads, w.towns, w.codes,
        c.state AS mark_state, c.note, c.by, c.at,
        CASE WHEN c.seen @> (h.lines || w.codes) THEN c.state ELSE 'open' END AS state
      FROM hits h
      JOIN touched w ON w.subject = h.subject
      LEFT JOIN county.check_cases c ON c.key = h.key
  )
  SELECT s.*, count(*) OVER () AS total,
      (SELECT count(*) FROM county.notes n WHERE n.topic = 'check:' || s.key) AS notes
    FROM stated s
    WHERE ($3::text IS NULL OR s.key = $3)
      AND ($4::text IS NULL OR $4 = ANY(s.codes))
      AND ($5::text IS NULL OR $5 = ANY(s.kinds))
      AND ($6::text IS NULL OR s.state = $6)
    ORDER BY CASE s.state WHEN 'open' THEN 0 WHEN 'checking' THEN 1 ELSE 2 END,
      'paidTwice' = ANY(s.kinds) DESC,
      s.key`;

async function hits(
  client: pg.ClientBase,
  year: number,
  f: CheckFilters & { key?: string },
  page: { offset: number; limit: number | null },
): Promise<Hit[]> {
  const sql = page.limit === null ? HITS : `${HITS}\n    LIMIT ${limitSql(page.limit)} OFFSET $7`;
  const args = [`${year}-01-01`, `${year + 1}-01-01`, f.key ?? null, f.township ?? null, f.kind ?? null];
  return (await client.query<Hit>(sql, [...args, f.state ?? null, ...(page.limit === null ? [] : [page.offset])])).rows;
}

/** A hit in the screen's words: masked, its kinds and months named, what to do. */
function rowOf(h: Hit, names: Map<string, string>): CheckRow {
  const person = h.subject.startsWith('id:');
  const value = h.subject.slice(h.subject.indexOf(':') + 1);
  const paid = new Map<string, string[]>();
  const detail: string[] = [];
  for (const line of h.lines) {
    const [kind, code, month] = line.split(' ');
    if (kind === 'paidTwice') paid.set(code, [...(paid.get(code) ?? []), month]);
    if (kind === 'sharedAccount') detail.push(`${code} 户共用此账户`);
  }
  for (const [code, months] of paid)
    detail.unshift(`${names.get(`k${code}`) ?? code} ${months.join('、')} 在多个乡镇发放`);
  if (h.heads) detail.splice(paid.size, 0, `在册户：${h.heads}`);
  return {
    key: h.key,
    subject: person ? 'person' : 'account',
    shown: person ? maskIdNumber(value) : `****${value.slice(-4)}`,
    kinds: h.kinds,
    townships: h.towns,
    detail: detail.join('；'),
    advice: adviceOf(h.kinds),
    state: h.state,
    mark: h.mark_state && { state: h.mark_state, note: h.note!, by: h.by!, at: h.at!.toISOString() },
    topic: `check:${h.key}`,
    notes: Number(h.notes),
  };
}

/** One page of the year's hits, filtered, and how many there are. */
export async function checkPage(
  client: pg.ClientBase,
  year: number,
  f: CheckFilters,
  page: { offset: number; limit: number },
): Promise<Page<CheckRow>> {
  const names = await namesOf(client, null);
  const found = await hits(client, year, f, page);
  // Past the last page the window counts nothing: the first row says how many there are.
  const total = found.length
    ? Number(found[0].total)
    : page.offset
      ? Number((await hits(client, year, f, { offset: 0, limit: 1 }))[0]?.total ?? 0)
      : 0;
  return { rows: found.map((h) => rowOf(h, names)), total };
}

/** Every hit of the year the filters leave (an export, a print): masked as on the screen. */
export async function crossChecks(client: pg.ClientBase, year: number, f: CheckFilters = {}): Promise<CheckRow[]> {
  const names = await namesOf(client, null);
  return (await hits(client, year, f, { offset: 0, limit: null })).map((h) => rowOf(h, names));
}

/** The current hit a key names, or the refusal: a reveal or a mark is only ever about a hit as it stands. */
async function currentHit(client: pg.ClientBase, year: number, key: string): Promise<Hit> {
  const [hit] = await hits(client, year, { key }, { offset: 0, limit: null });
  if (!hit)
    throw new AppError(
      'FORBIDDEN',
      `这一条已不在${year}年跨乡镇核查的结果中（可能已冲正、退出或更换账户），请刷新：完整身份证号只能查看当前核查结果中的人员`,
      'key',
    );
  return hit;
}

/** One statement after another in a transaction of their own. */
async function inTransaction(client: pg.ClientBase, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

/**
 * The full ID number of a person in a current hit, for county staff, with a row in the county's audit log. `spend`
 * counts it against the staff member's reveal budget first (core/idLookups.ts) and refuses past it: then nothing is
 * shown and the county's log has no row.
 */
export async function revealId(
  client: pg.ClientBase,
  hit: { year: number; key: string },
  why: string,
  /** The county staff member who asked (the server's user is the program's). */
  by: string,
  spend: (idNumber: string) => void,
): Promise<{ idNumber: string; name: string; shown: string }> {
  const h = await currentHit(client, hit.year, hit.key);
  if (!h.subject.startsWith('id:')) throw new AppError('VALIDATION', '共用账户的核查没有身份证号可查看', 'key');
  const idNumber = h.subject.slice(3);
  const { rows } = await client.query<{ name: string }>(
    `SELECT string_agg(DISTINCT name, '、') AS name
      FROM county.persons
      WHERE id_number = $1`,
    [idNumber],
  );
  spend(idNumber);
  const shown = maskIdNumber(idNumber);
  await inTransaction(client, async () => {
    await client.query(`INSERT INTO county.audit_log (action, detail) VALUES ('reveal', $1)`, [
      JSON.stringify({ key: h.key, shown, townships: h.towns, year: hit.year, why, by }),
    ]);
  });
  return { idNumber, name: rows[0].name, shown };
}

/**
 * 核实 → 已处理: the hit's state with its note, what the hit is now (so that it opens again when it grows), the note
 * under its topic and a row of the county's audit log, in one transaction. Refused for a hit no longer current.
 */
export async function markHit(
  client: pg.ClientBase,
  hit: { year: number; key: string },
  state: 'checking' | 'done',
  note: string,
  by: { name: string; at: Date },
): Promise<{ from: CheckRow['state']; shown: string }> {
  const h = await currentHit(client, hit.year, hit.key);
  if (h.state === state) throw new AppError('VALIDATION', `这一条已经是“${CHECK_STATE_LABELS[state]}”`, 'state');
  const shown = rowOf(h, new Map()).shown;
  await inTransaction(client, async () => {
    await client.query(
      `INSERT INTO county.check_cases (key, state, note, by, at, seen)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (key) DO UPDATE
          SET state = excluded.state, note = excluded.note, by = excluded.by, at = excluded.at, seen = excluded.seen`,
      [h.key, state, note, by.name, by.at, [...h.lines, ...h.codes]],
    );
    await client.query(`INSERT INTO county.notes (author, topic, body) VALUES ($1, $2, $3)`, [
      by.name,
      `check:${h.key}`,
      `【${CHECK_STATE_LABELS[state]}】${note}`,
    ]);
    await client.query(`INSERT INTO county.audit_log (action, detail) VALUES ('check', $1)`, [
      JSON.stringify({ key: h.key, shown, kinds: h.kinds.map((k) => CHECK_KIND_LABELS[k]), state, note, by: by.name }),
    ]);
  });
  return { from: h.state, shown };
}
