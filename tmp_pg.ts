import { startPostgres } from './tests/unit/postgres';
import { migrateCounty } from './main/county/store';
(async () => {
  const t = Date.now();
  const p = await startPostgres();
  console.log('started', Date.now() - t);
  const c = await p.admin();
  console.log(await migrateCounty(c));
  console.log((await c.query('select count(*) from county.townships')).rows);
  await c.end();
  await p.stop();
  console.log('done', Date.now() - t);
})().catch((e) => { console.error(e); process.exit(1); });
