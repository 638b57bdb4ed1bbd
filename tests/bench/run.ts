// `npm run bench [-- --out FILE]`: builds a county-scale ledger and measures each figure against raw SQLite.
// Exits 1 when a figure is over its budget. Later capabilities add their figures here.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { createDispatcher, newSession } from '../../main/core/dispatch';
import { Ledger } from '../../main/core/ledger';
import { people } from '../../main/demo/fictional';
import { handlers } from '../../main/handlers';
import { tempDir } from '../e2e/host';
import { applicationFigures } from './applications';
import { cardsFigure } from './cards';
import { cipherFigures } from './cipher';
import { countyFigures } from './county';
import { disputeFigures } from './disputes';
import { benchClock, type Figure, measure, report } from './harness';
import { importFigures } from './imports';
import { paymentFigures, postingFigure } from './payments';
import { registryFigures } from './registry';
import { rekeyFigure } from './rekey';
import { reportFigure } from './reports';
import { serviceFigures } from './service';
import { signInFigures } from './signIn';

const { values } = parseArgs({ options: { out: { type: 'string' }, audit: { type: 'string', default: '500000' } } });
const AUDIT_ROWS = Number(values.audit);

async function main() {
  const dir = tempDir('bianmin-bench-');
  const ledger = await Ledger.open(path.join(dir, 'ledger.sqlite'), { clock: benchClock });
  const dispatcher = createDispatcher(ledger, handlers);
  const admin = newSession();
  const ok = async (channel: string, input: unknown) => {
    const r = await dispatcher.dispatch(admin, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  };
  await ok('setup.createAdmin', { username: 'admin', displayName: '基准管理员', password: 'bench-pass-1' });
  await ok('session.signIn', { username: 'admin', password: 'bench-pass-1' });
  /** A staff member with these roles, signed in on a session of their own. */
  const as = async (username: string, roles: string[]) => {
    await ok('staff.create', { username, displayName: username, password: 'bench-pass-1', roles });
    const s = newSession();
    const call = async (channel: string, input: unknown) => {
      const r = await dispatcher.dispatch(s, channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value;
    };
    await call('session.signIn', { username, password: 'bench-pass-1' });
    return call;
  };

  // A decade of audit history: staff, channels and entities drawn from the fictional township.
  const t = Date.now();
  const channels = [
    'households.create',
    'households.update',
    'applications.create',
    'applications.review',
    'payments.post',
    'visits.create',
  ];
  const ins = ledger.db.prepare(
    'INSERT INTO audit_log (at, staff_id, channel, entity, entity_id, before, after) VALUES (?, 1, ?, ?, ?, NULL, ?)',
  );
  const start = new Date('2016-01-01T00:00:00+08:00').getTime();
  const step = (10 * 365 * 86400_000) / AUDIT_ROWS;
  ledger.db.transaction(() => {
    let i = 0;
    for (const p of people(20261123, AUDIT_ROWS)) {
      const ch = channels[i % channels.length];
      ins.run(
        new Date(start + i * step).toISOString().replace('Z', '+08:00'),
        ch,
        ch.split('.')[0],
        String(i),
        JSON.stringify({ name: p.name, area: p.area }),
      );
      i++;
    }
  })();
  console.log(
    `ledger built: ${AUDIT_ROWS.toLocaleString()} audit rows in ${((Date.now() - t) / 1000).toFixed(1)} s (${dir})`,
  );

  const figures: Figure[] = [];
  const raw = ledger.db.prepare(
    `SELECT a.id, a.at, a.staff_id AS staffId, s.display_name AS staffName, a.channel, a.entity,
        a.entity_id AS entityId, a.before, a.after
      FROM audit_log a
      LEFT JOIN staff s ON s.id = a.staff_id
      WHERE a.channel = ?
      ORDER BY a.id DESC
      LIMIT 100 OFFSET 0`,
  );
  const rawCount = ledger.db.prepare('SELECT count(*) AS n FROM audit_log a WHERE a.channel = ?');
  figures.push(
    await measure(
      'audit.list first page, filtered by channel',
      () => ok('audit.list', { channel: 'payments.post', limit: 100 }),
      () => [raw.all('payments.post'), rawCount.get('payments.post')],
      { budgetRatio: 2, budgetP95Ms: 30 },
    ),
  );
  figures.push(...(await registryFigures(ledger.db, ok)));
  figures.push(...(await applicationFigures(ledger.db, ok)));
  figures.push(...(await paymentFigures(ledger.db, ok)));
  figures.push(...(await serviceFigures(ledger.db, ok)));
  figures.push(...(await disputeFigures(ledger.db, ok)));
  figures.push(await reportFigure(ledger.db, ok));
  figures.push(...(await cipherFigures(ledger)));
  figures.push(await rekeyFigure(ledger));
  figures.push(...(await signInFigures()));
  figures.push(...(await importFigures()));
  figures.push(await postingFigure(ledger.db, await as('maker', ['clerk']), await as('checker', ['approver'])));
  // Cards before the county's server fills the disk; the county last, since enrolling turns on the outbox triggers,
  // which the figures above measure without.
  const cards = await cardsFigure();
  figures.push(...(await countyFigures(ledger)));
  await ledger.close({ backup: false });
  console.log(
    `${cards.figure.figure}: ${cards.pages} pages;`,
    `cards.pdf ${cards.figure.p95_ms} ms, ${cards.ms_per_card} ms per card;`,
    `the print route: issue and draw ${cards.print_route.issue_and_draw_ms} ms,`,
    `Chromium's PDF ${cards.print_route.pdf_ms} ms,`,
    `${cards.print_route.ms_per_card} ms per card; raw Chromium ${cards.raw.set_content_ms} ms to lay out,`,
    `${cards.raw.pdf_ms} ms to print, ${cards.raw.ms_per_card} ms per card`,
  );
  figures.push(cards.figure);
  const within = report(figures, values.out, { cards });
  process.exit(within ? 0 : 1);
}

void main();
