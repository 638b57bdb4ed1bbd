// --demo: a fictional township into an empty ledger, and never into one that holds data.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { seedDemo } from '../../main/demo/seed';
import { parseIdNumber } from '../../shared/domain/idNumber';
import { world } from './helpers';

test('fills an empty ledger with 8 areas, 300 households, about 800 valid persons; refuses a ledger with data', async () => {
  const w = await world();
  const r = seedDemo(w.ledger.db, w.clock.now());
  assert.equal(r?.households, 300);
  assert.deepEqual([w.count('areas'), w.count('households')], [8, 300]);
  const persons = w.ledger.db.prepare('SELECT id_number AS id FROM persons').all() as { id: string }[];
  assert.ok(persons.length >= 650 && persons.length <= 950, `${persons.length} persons`);
  assert.ok(persons.every((p) => parseIdNumber(p.id, '2026-11-23').ok));
  assert.equal(seedDemo(w.ledger.db, w.clock.now()), null);
  assert.equal(w.count('households'), 300);
});
