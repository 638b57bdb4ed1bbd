// The fictional-data generator: same seed, same people; every ID number passes GB 11643 and its date is real.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { people } from '../../main/demo/fictional';
import { checkDigit, realDate } from '../../shared/domain/idNumber';

test("check digit against the standard's own example", () => {
  assert.equal(checkDigit('11010519491231002'), 'X');
  assert.equal(checkDigit('44052418800101001'), '4');
});

test('seeded, valid and fictional', () => {
  const a = [...people(7, 20000)];
  assert.deepEqual(a.slice(0, 50), [...people(7, 50)]);
  assert.notDeepEqual(a[0], [...people(8, 1)][0]);
  for (const p of a) {
    assert.match(p.idNumber, /^990101\d{11}[\dX]$/);
    assert.equal(p.idNumber[17], checkDigit(p.idNumber.slice(0, 17)));
    assert.equal(realDate(p.idNumber.slice(6, 14)), p.birthDate);
    assert.equal(Number(p.idNumber[16]) % 2 === 1, p.gender === 'male');
  }
  assert.equal(new Set(a.map((p) => p.idNumber)).size, a.length);
  assert.ok(
    a.some((p) => p.name.includes('·')),
    'minority names with a middle dot appear',
  );
});
