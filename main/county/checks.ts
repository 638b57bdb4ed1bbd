// 跨乡镇核查, what an auditor looks for first across a county's townships: the same ID number paid the same kind in
// two townships in one month (重复享受), a person registered in two townships at once, and one payout account used by
// persons of different households. Every hit shows masked numbers; a county staff member may reveal the full ID
// number of a hit, and that reveal is written to the county's audit log in the same transaction.
import type pg from 'pg';

import { maskIdNumber } from '../../shared/domain/idNumber';
import { AppError } from '../../shared/domain/result';
import type { CheckHit } from '../../shared/schemas/rollup';

export type CheckKind = CheckHit['kind'];

type Row = {
  id_number?: string;
  account?: string;
  towns: string[];
  detail: string;
  /** One township's row of the person, "ledger id, space, person id": one min over both, so the two always pair. */
  ref: string;
};

const paidTwice = `
  SELECT p.id_number, min(p.ledger_id::text || ' ' || p.id) AS ref,
      array_agg(DISTINCT t.name ORDER BY t.name) AS towns,
      coalesce((SELECT min(rk.name) FROM county.relief_kinds rk WHERE rk.code = k.top_kind), k.top_kind)
        || ' ' || k.month AS detail
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
    JOIN county.townships t ON t.ledger_id = k.ledger_id
    GROUP BY p.id_number, k.top_kind, k.month
    HAVING count(DISTINCT k.ledger_id) > 1
    ORDER BY k.month, p.id_number`;

const registeredTwice = `
  SELECT p.id_number, min(p.ledger_id::text || ' ' || p.id) AS ref,
      array_agg(DISTINCT t.name ORDER BY t.name) AS towns,
      string_agg(DISTINCT h.head_name, '、') AS detail
    FROM county.persons p
    JOIN county.households h ON h.ledger_id = p.ledger_id AND h.id = p.household_id
    JOIN county.townships t ON t.ledger_id = p.ledger_id
    WHERE h.status = 'registered'
    GROUP BY p.id_number
    HAVING count(DISTINCT p.ledger_id) > 1
    ORDER BY p.id_number`;

// An account on a household's record or on a payment, used by more than one household anywhere in the county.
const sharedAccount = `
  SELECT a.account, array_agg(DISTINCT t.name ORDER BY t.name) AS towns,
      count(DISTINCT (a.ledger_id, a.household_id))::text AS detail
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
    JOIN county.townships t ON t.ledger_id = a.ledger_id
    GROUP BY a.account
    HAVING count(DISTINCT (a.ledger_id, a.household_id)) > 1
    ORDER BY a.account`;

/** The three checks over one year's payments and today's registers. */
export async function crossChecks(client: pg.ClientBase, year: number): Promise<CheckHit[]> {
  const span = [`${year}-01-01`, `${year + 1}-01-01`];
  const hits: CheckHit[] = [];
  const person = (kind: CheckKind, r: Row, detail: string) => ({
    kind,
    shown: maskIdNumber(r.id_number!),
    detail,
    townships: r.towns,
    ref: { ledgerId: r.ref.split(' ')[0], personId: Number(r.ref.split(' ')[1]) },
  });
  for (const r of (await client.query<Row>(paidTwice, span)).rows)
    hits.push(person('paidTwice', r, `${r.detail.replace(' ', '，')}在多个乡镇发放`));
  for (const r of (await client.query<Row>(registeredTwice)).rows)
    hits.push(person('registeredTwice', r, `在册户：${r.detail}`));
  for (const r of (await client.query<Row>(sharedAccount, span)).rows)
    hits.push({
      kind: 'sharedAccount',
      shown: `****${r.account!.slice(-4)}`,
      detail: `${r.detail} 户共用`,
      townships: r.towns,
      ref: null,
    });
  return hits;
}

/** The full ID number behind a hit, for county staff, with a row in the county's audit log in one transaction. */
export async function revealId(
  client: pg.ClientBase,
  ref: { ledgerId: string; personId: number },
  why: string,
  /** The county staff member who asked (the server's user is the program's). */
  by = '',
) {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ id_number: string; name: string }>(
      `SELECT id_number, name
        FROM county.persons
        WHERE ledger_id = $1
          AND id = $2`,
      [ref.ledgerId, ref.personId],
    );
    if (!rows.length) throw new AppError('NOT_FOUND', '县里的副本中没有这个人');
    await client.query(`INSERT INTO county.audit_log (action, detail) VALUES ('reveal', $1)`, [
      JSON.stringify({ ...ref, shown: maskIdNumber(rows[0].id_number), why, by }),
    ]);
    await client.query('COMMIT');
    return rows[0];
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
