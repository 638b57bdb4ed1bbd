// 制卡并生成 PDF: the cards of an area issued and recorded like 制卡并打印, and written as one PDF in main; read back
// with poppler, every QR code of the first sheet decoded with zbarimg.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process'; // date-free: pdftoppm and zbarimg read no date
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { newSession } from '../../main/core/dispatch';
import { DEMO_PASSWORD } from '../../main/demo/year';
import { cardQrText } from '../../shared/domain/cards';
import { pdfInfo, pdfText } from '../e2e/pdf';
import { demoWorld } from './fixtures';
import { must, refused } from './helpers';

test('cards.pdf: issued and recorded in one transaction, A4 sheets with mirrored backs, QR codes that decode', async () => {
  const w = await demoWorld();
  const clerk = newSession();
  must(await w.call(clerk, 'session.signIn', { username: 'shouli', password: DEMO_PASSWORD }));
  const area = w.one<{ id: number; n: number }>(
    `SELECT h.area_id AS id, count(*) AS n
      FROM households h
      WHERE h.status = 'registered'
      GROUP BY h.area_id
      ORDER BY h.area_id
      LIMIT 1`,
  );
  const [printings, audits] = [w.count('card_printings'), w.count('audit_log')];
  // The demo's first area has households not yet paired: the clerk was asked and said yes.
  const file = must(await w.call(clerk, 'cards.pdf', { areaId: area.id, format: 'a4', withoutCadre: true }));
  assert.equal(file.rows, area.n);
  assert.equal(w.count('card_printings'), printings + area.n, 'every card printed is recorded');
  assert.equal(w.count('audit_log'), audits + 1);

  const pdf = path.join(w.dir, file.fileName);
  fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
  const info = pdfInfo(pdf);
  assert.equal(info.pages, Math.ceil(area.n / 10) * 2, 'a front and a back sheet per ten cards');
  assert.ok(Math.abs(info.widthMm - 210) < 1 && Math.abs(info.heightMm - 297) < 1, 'A4');
  const cards = w.ledger.db
    .prepare(
      `SELECT sc.card_no AS cardNo, h.head_name AS head, c.phone AS cadrePhone
        FROM service_cards sc
        JOIN households h ON h.id = sc.household_id
        LEFT JOIN cadres c ON c.id = sc.cadre_id
        WHERE sc.voided_on IS NULL AND h.area_id = ?
        ORDER BY h.id`,
    )
    .all(area.id) as { cardNo: string; head: string; cadrePhone: string | null }[];
  // The first sheet holds ten of the area's cards (in the grid's order), each with its number and head.
  const front = pdfText(pdf, 1);
  const onSheet = cards.filter((c) => front.includes(c.cardNo));
  assert.equal(onSheet.length, Math.min(10, area.n));
  for (const c of onSheet) assert.ok(front.includes(c.head), c.head);
  assert.match(pdfText(pdf, 2), /服务事项及联系电话/);
  assert.doesNotMatch(front, /(?<!\d)\d{17}[\dX](?!\d)/, 'no ID number on a card');
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '200', '-png', pdf, path.join(w.dir, 'sheet')]);
  const decoded = execFileSync('zbarimg', ['--nodbus', '-q', '--raw', '-Sbinary', path.join(w.dir, 'sheet-1.png')], {
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString('utf8');
  const hotline = must(await w.call(clerk, 'settings.get', {})).hotline;
  for (const c of onSheet) assert.ok(decoded.includes(cardQrText(c, hotline)), `QR of ${c.cardNo}`);

  // An empty selection writes nothing.
  const none = refused(await w.call(clerk, 'cards.pdf', { householdIds: [], format: 'a4' }));
  assert.match(none.message, /没有需要制卡的户/);
  assert.equal(w.count('card_printings'), printings + area.n);
});
