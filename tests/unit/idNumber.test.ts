// ID numbers as clerks and spreadsheets give them (GB 11643-1999).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { maskIdNumber, parseIdNumber } from '../../shared/domain/idNumber';

const TODAY = '2026-11-23';
const ok = (raw: string) => {
  const r = parseIdNumber(raw, TODAY);
  if (!r.ok) throw new Error(`${raw}: ${r.message}`);
  return r.value;
};
const bad = (raw: string) => {
  const r = parseIdNumber(raw, TODAY);
  if (r.ok) throw new Error(`${raw} was accepted as ${r.value.idNumber}`);
  return r.message;
};

test('the table of cases', () => {
  const cases: [string, string, RegExp | { id: string; birth: string; gender: string; note: RegExp | null }][] = [
    ['valid', '11010519491231002X', { id: '11010519491231002X', birth: '1949-12-31', gender: 'female', note: null }],
    [
      'valid, male',
      '110105198001010016',
      { id: '110105198001010016', birth: '1980-01-01', gender: 'male', note: null },
    ],
    ['wrong check digit', '110105194912310021', /校验位不对/],
    ['impossible date 1949-02-31', '110105194902310020', /1949-02-31 不存在/],
    ['future birth date', '110105202712310022', /晚于今天/],
    [
      '15-digit, upgraded',
      '110105491231002',
      { id: '11010519491231002X', birth: '1949-12-31', gender: 'female', note: /15 位旧号码已升级为 18 位/ },
    ],
    [
      'lowercase x',
      '11010519491231002x',
      { id: '11010519491231002X', birth: '1949-12-31', gender: 'female', note: /小写 x/ },
    ],
    [
      'full-width digits',
      '１１０１０５１９４９１２３１００２Ｘ',
      { id: '11010519491231002X', birth: '1949-12-31', gender: 'female', note: /全角/ },
    ],
    [
      'zero-width characters',
      '1101\u200b0519491231\u200d002X\ufeff',
      { id: '11010519491231002X', birth: '1949-12-31', gender: 'female', note: /不可见/ },
    ],
    ['Excel mangled, trailing 000', '330302199001011000', /校验位不对（末三位是 000，像是被 Excel 截断过）/],
    ['Excel scientific notation', '3.30302E+17', /Excel 当成了数字/],
    ['too short', '1101051949', /应为 18 位.*10 位/],
    ['letters', '11010519491231002Y', /只能是数字（最后一位可以是 X），“Y”不对/],
    ['empty', '  ', /请填写身份证号/],
    ['before 1900', '110105189912310023', /早于 1900 年/],
  ];
  for (const [name, raw, want] of cases) {
    if (want instanceof RegExp) assert.match(bad(raw), want, name);
    else {
      const v = ok(raw);
      assert.deepEqual([v.idNumber, v.birthDate, v.gender], [want.id, want.birth, want.gender], name);
      if (want.note) assert.match(v.note ?? '', want.note, name);
      else assert.equal(v.note, null, name);
    }
  }
});

test('masking keeps the first four and last four', () => {
  assert.equal(maskIdNumber('330302199001011234'), '3303**********1234');
});
