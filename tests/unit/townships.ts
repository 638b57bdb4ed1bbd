// Township ledgers for the county's tests (unit and e2e): a demo year each, enrolled with a county through 设置's
// channel; and a person planted in a second township, paid and registered twice, sharing an account.

import type pg from 'pg';

import { newSession, type Session } from '../../main/core/dispatch';
import { linkOf } from '../../main/county/push';
import { type Enrolment, type EnrolmentFile, enrolTownship, type Reach } from '../../main/county/store';
import { DEMO_PASSWORD } from '../../main/demo/year';
import { demoWorld } from './fixtures';
import { must, type World } from './helpers';

export interface Township {
  w: World;
  e: Enrolment;
  admin: Session;
}

/** What the county hands a township: the enrolment file, and the one-time code its screen showed. */
export interface Handed {
  file: EnrolmentFile;
  oneTimeCode: string;
}

/** How a test has the county register a township: directly (county/store.ts), or through the office's screen. */
export type Enrol = (t: { code: string; name: string }) => Promise<Handed>;

/** Registers the township on the county's server directly, as 青山县民政局, at its address (and CA). */
export const enrolWith =
  (county: pg.ClientBase, reach: string | Reach): Enrol =>
  (t) =>
    enrolTownship(county, '青山县民政局', reach, t);

/** The enrolment as the township keeps it (county_link), its key included. */
export function enrolmentOf(w: World): Enrolment {
  const l = linkOf(w.ledger.db)!;
  return {
    format: 'bianmin-county-enrolment',
    county: l.county_name,
    code: l.code,
    township: l.township,
    url: l.url,
    role: l.role,
    key: l.key,
    ...(l.ca && { ca: l.ca }),
  };
}

let codes = 0;
/** A township ledger with a demo year up to `day`, enrolled with the county through 设置's channel. */
export async function demoTownship(day: string, enrol: Enrol): Promise<Township> {
  // Each a demo township of its own name (demoPlace): nobody is in two townships unless a test plants them.
  // The demo year is made once per run (fixtures.ts) and copied.
  const name = `第${++codes}镇`;
  const w = await demoWorld({ at: `${day}T17:00:00+08:00`, township: name });
  const admin = newSession();
  must(await w.call(admin, 'session.signIn', { username: 'admin', password: DEMO_PASSWORD }));
  const { file, oneTimeCode } = await enrol({ code: `3301220${String(codes).padStart(2, '0')}000`, name });
  must(await w.call(admin, 'county.enrol', { fileName: 'enrol.json', text: JSON.stringify(file), oneTimeCode }));
  return { w, e: enrolmentOf(w), admin };
}

export interface Twin {
  idNumber: string;
  name: string;
  topKind: string;
  kindCode: string;
  paidOn: string;
  account: string;
}

/**
 * A person of township `a`, paid a kind in a month that township `b` has not closed, planted in `b`: the same person,
 * a household with the same account, and the same kind paid that month. `nth` picks another person of `a` (0 the
 * first), for a test that needs several.
 */
export function plantTwin(a: World, b: World, nth = 0): Twin {
  const closed = b.ledger.db.prepare('SELECT month FROM closed_months').all() as { month: string }[];
  const paid = a.one<Twin>(
    `SELECT p.id_number AS idNumber, p.name, y.top_kind AS topKind, y.kind_code AS kindCode, y.paid_on AS paidOn,
        h.account
      FROM payments y
      JOIN persons p ON p.id = y.person_id
      JOIN households h ON h.id = y.household_id
      WHERE y.reverses_id IS NULL
        AND y.paid_on LIKE '2026-%'
        AND h.account <> ''
        AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_id = y.id)
        AND substr(y.paid_on, 1, 7) NOT IN (${closed.map((m) => `'${m.month}'`).join(',') || "''"})
        AND y.id IN (SELECT min(id) FROM payments GROUP BY person_id)
      ORDER BY y.id
      LIMIT 1 OFFSET ${nth}`,
  );
  const db = b.ledger.db;
  db.transaction(() => {
    const at = new Date().toISOString();
    const h = db
      .prepare(
        `INSERT INTO households (area_id, head_name, head_pinyin, account, created_at, updated_at)
          VALUES (1, ?, 'mlh', ?, ?, ?)`,
      )
      .run(paid.name, paid.account, at, at).lastInsertRowid;
    const p = db
      .prepare(
        `INSERT INTO persons (household_id, name, name_initials, id_number, id_reversed, gender, birth_date, relation,
            created_at, updated_at)
          VALUES (?, ?, 'ml', ?, ?, 'male', '1960-01-01', '户主', ?, ?)`,
      )
      .run(h, paid.name, paid.idNumber, [...paid.idNumber].reverse().join(''), at, at).lastInsertRowid;
    const app = (db.prepare('SELECT min(id) AS id FROM applications').get() as { id: number }).id;
    db.prepare(
      `INSERT INTO payments (application_id, household_id, person_id, area_id, kind_code, top_kind, amount_fen, paid_on,
          method, account, posted_by, posted_at)
        VALUES (?, ?, ?, 1, ?, ?, 50000, ?, 'bank', ?, 1, ?)`,
    ).run(app, h, p, paid.kindCode, paid.topKind, paid.paidOn, paid.account, at);
  })();
  return paid;
}
