// Registry figures on a county-scale registry: 150,000 persons in 50,000 households over 8 areas.
import { fullPinyin, initials } from '../../main/core/pinyin';
import type { DB } from '../../main/db/open';
import { AREAS, people } from '../../main/demo/fictional';
import { type Figure, measure } from './harness';

/** 150,000 persons in 50,000 households by default (a household is three persons: a head and two children). */
export function buildRegistry(db: DB, persons = 150_000): void {
  const t = performance.now();
  const at = '2026-01-01T00:00:00.000+08:00';
  db.transaction(() => {
    AREAS.forEach((a, i) => db.prepare('INSERT INTO areas (name, sort_order) VALUES (?, ?)').run(a, i + 1));
    const hh = db.prepare(
      `INSERT INTO households (area_id, head_name, head_pinyin, phone, account, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const pp =
      db.prepare(`INSERT INTO persons (household_id, name, name_initials, id_number, id_reversed, gender, birth_date,
        relation, phone, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const cat = db.prepare(
      'INSERT INTO household_categories (household_id, category_code, from_date) VALUES (?, ?, ?)',
    );
    const setHead = db.prepare('UPDATE households SET head_person_id = ? WHERE id = ?');
    let i = 0;
    let household = 0;
    for (const p of people(150_000, persons)) {
      const head = i % 3 === 0;
      if (head) {
        household = Number(
          hh.run(
            1 + (i % AREAS.length),
            p.name,
            fullPinyin(p.name),
            p.phone,
            `6217${String(i).padStart(15, '0')}`,
            at,
            at,
          ).lastInsertRowid,
        );
        cat.run(household, ['dibao', 'tekun', 'low_income', 'severe_disability'][i % 4], '2025-01-01');
      }
      const id = Number(
        pp.run(
          household,
          p.name,
          initials(p.name),
          p.idNumber,
          [...p.idNumber].reverse().join(''),
          p.gender,
          p.birthDate,
          head ? '户主' : '子女',
          p.phone,
          at,
          at,
        ).lastInsertRowid,
      );
      if (head) setHead.run(id, household);
      i++;
    }
  })();
  db.pragma('optimize');
  console.log(
    // date-free: numbers
    `registry built: ${(persons / 3).toLocaleString()} households, ${persons.toLocaleString()} persons`,
    `in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

export async function registryFigures(
  db: DB,
  ok: (channel: string, input: unknown) => Promise<unknown>,
): Promise<Figure[]> {
  buildRegistry(db);
  // Baselines: the same page written by hand in raw SQLite — choose and order the ids, then the page's columns
  // (masked ID, area, current categories, member count, account tail) for those rows only. No dispatcher, no zod.
  const today = '2026-11-23';
  const pageOf = (where: string) => `WITH chosen AS (
      SELECT h.id, row_number() OVER (ORDER BY h.head_pinyin, h.id) AS n
      FROM households h
      ${where}
      ORDER BY h.head_pinyin, h.id
      LIMIT 100
    )
    SELECT h.id, h.head_name, substr(p.id_number, 1, 4) || '**********' || substr(p.id_number, 15, 4), a.name,
      (
        SELECT group_concat(k.name, '、')
        FROM household_categories c
        JOIN hardship_categories k ON k.code = c.category_code
        WHERE c.household_id = h.id AND c.from_date <= @today AND (c.to_date IS NULL OR c.to_date >= @today)
      ),
      (SELECT count(*) FROM persons m WHERE m.household_id = h.id), h.phone, '****' || substr(h.account, -4),
      h.status
    FROM chosen
    JOIN households h ON h.id = chosen.id
    JOIN areas a ON a.id = h.area_id
    LEFT JOIN persons p ON p.id = h.head_person_id
    ORDER BY chosen.n`;
  const page = db.prepare(pageOf('WHERE h.area_id = ?'));
  const pageCount = db.prepare('SELECT count(*) FROM households WHERE area_id = ?');
  const INITIALS = `WHERE h.id IN (
    SELECT household_id
    FROM persons
    WHERE name_initials >= ? AND name_initials < ? || '~')`;
  const byInitials = db.prepare(pageOf(INITIALS));
  const byInitialsCount = db.prepare(`SELECT count(*) FROM households h ${INITIALS}`);
  const tail = (
    db.prepare('SELECT substr(id_number, 15) AS t FROM persons LIMIT 1 OFFSET 77777').get() as { t: string }
  ).t;
  const rev = [...tail].reverse().join('');
  const TAIL = `WHERE h.id IN (SELECT household_id FROM persons WHERE id_reversed >= ? AND id_reversed < ? || '~')`;
  const byTail = db.prepare(pageOf(TAIL));
  const byTailCount = db.prepare(`SELECT count(*) FROM households h ${TAIL}`);

  return [
    await measure(
      'households.list first page, area filter, sorted by name',
      () => ok('households.list', { areaId: 3, sort: { col: 'headName', dir: 'asc' }, limit: 100 }),
      () => [page.all(3, { today }), pageCount.get(3)],
      { budgetRatio: 2, budgetP95Ms: 30 },
    ),
    await measure(
      'households.list search by pinyin initials (zxm)',
      () => ok('households.list', { q: 'zxm', limit: 100 }),
      () => [byInitials.all('zxm', 'zxm', { today }), byInitialsCount.get('zxm', 'zxm')],
      { budgetRatio: 2, budgetP95Ms: 20 },
    ),
    await measure(
      'households.list search by ID tail (4 digits)',
      () => ok('households.list', { q: tail, limit: 100 }),
      () => [byTail.all(rev, rev, { today }), byTailCount.get(rev, rev)],
      { budgetRatio: 2, budgetP95Ms: 20 },
    ),
  ];
}
