// The demo's registry: 8 areas, about 300 households, about 800 persons, through the same registry code the counter
// uses. `year.ts` calls it inside the demo's one transaction.
import { dateCn } from '../../shared/domain/time';
import type { RELATIONS } from '../../shared/schemas/registry';
import type { DB } from '../db/open';
import { insertArea } from '../registry/areas';
import { createHousehold } from '../registry/households';
import { type DemoPlace, type FictionalPerson, people, rng } from './fictional';

const CATEGORIES = [
  'dibao',
  'tekun',
  'near_dibao',
  'low_income',
  'severe_disability',
  'disability_hardship',
  'elderly_alone',
  'student_hardship',
  'serious_illness',
  'expenditure_hardship',
];

/** A household as the demo's year knows it: its head, its members and its categories. */
export interface DemoHousehold {
  id: number;
  categories: string[];
}

/** The households of `place` (demoPlace): its villages, and its people's ID numbers and accounts. */
export function seedHouseholds(db: DB, now: Date, place: DemoPlace): DemoHousehold[] {
  const r = rng(2026 + place.seed);
  const today = dateCn(now);
  const AREAS = place.areas;
  // One stream for everyone, so every ID number is unique; adults and children are drawn from it by birth date.
  const stream = people(11 + place.seed, 1_000_000, place.region);
  const draw = (ok: (p: FictionalPerson) => boolean) => {
    for (;;) {
      const p = stream.next().value as FictionalPerson;
      if (ok(p)) return p;
    }
  };
  const adultBy = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
  const pick = () => draw((p) => p.birthDate <= adultBy);
  const areaIds = AREAS.map((name, i) => insertArea(db, name, i + 1));
  const out: DemoHousehold[] = [];
  for (let i = 0; i < 300; i++) {
    const head = pick();
    const size = 1 + Math.floor(r() * 4) + (r() < 0.3 ? 1 : 0);
    const members: { name: string; idNumber: string; relation: (typeof RELATIONS)[number]; phone: string }[] = [
      { name: head.name, idNumber: head.idNumber, relation: '户主', phone: head.phone },
    ];
    if (size > 1) {
      const spouse = pick();
      members.push({ name: spouse.name, idNumber: spouse.idNumber, relation: '配偶', phone: '' });
    }
    // Children are 20+ years younger than the head; the generator's births end in 2019, so only older heads have
    // them.
    const kidsFrom = `${Number(head.birthDate.slice(0, 4)) + 20}`;
    for (let k = 2; k < size && kidsFrom < '2015'; k++) {
      const c = draw((p) => p.birthDate > kidsFrom && p.birthDate <= today);
      members.push({
        name: [...head.name][0] + [...c.name].slice(1).join(''),
        idNumber: c.idNumber,
        relation: '子女',
        phone: '',
      });
    }
    const cats = [
      CATEGORIES[Math.floor(r() * CATEGORIES.length)],
      ...(r() < 0.25 ? [CATEGORIES[Math.floor(r() * CATEGORIES.length)]] : []),
    ];
    const id = createHousehold(
      db,
      {
        areaId: areaIds[i % areaIds.length],
        address: `${AREAS[i % AREAS.length]}${1 + Math.floor(r() * 12)}组${1 + Math.floor(r() * 60)}号`,
        phone: head.phone,
        bankName: '农商银行',
        // 青山镇's accounts as they always were; another township's carry its region, so no two share one.
        account: place.seed
          ? `6217${place.region}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`
          : `6217${String(Math.floor(r() * 1e15)).padStart(15, '0')}`,
        notes: '演示数据（虚构）',
        categories: [...new Set(cats)],
        members: members.map((m) => ({ ...m, disabilityType: null, disabilityGrade: null, disabilityCert: null })),
      },
      now,
    );
    out.push({ id, categories: [...new Set(cats)] });
  }
  return out;
}
