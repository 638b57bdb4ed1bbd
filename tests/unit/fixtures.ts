// Fixtures made once per run and copied by each test that needs one: a demo year (main/demo/year.ts) as of a moment,
// for a fictional county (the tests of cards, the report, the sweep, and the county's townships). A fixture is a
// ledger and its key file, made by the first test process that asks under a folder named by a hash of the sources
// that make it (main/, shared/, these helpers, the lock file), then copied (real files) into the asking test's own
// folder and opened there: each test still has its own ledger, as independent as one it seeded itself.
// The folder of fixtures: BIANMIN_TEST_FIXTURES (tests/tools/unit.mjs and .ci/run make one per run), else one under
// the temp folder kept between runs (a change to the sources names a new fixture).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Ledger } from '../../main/core/ledger';
import { Keyring, keysFileOf } from '../../main/db/keys';
import { DEMO_PASSWORD, seedDemo } from '../../main/demo/year';
import { AppError } from '../../shared/domain/result';
import { CHEAP_HASH, type World, world } from './helpers';

const REPO = path.resolve(__dirname, '../..');
const ROOT = process.env.BIANMIN_TEST_FIXTURES || path.join(os.tmpdir(), `bianmin-fixtures-${os.userInfo().uid}`);
const FILES = ['ledger.sqlite', 'ledger.sqlite.keys'];

let hashed: string | null = null;
/** A hash of everything a fixture is made from: main/, shared/, the test helpers and children, the lock file. */
function sourcesHash(): string {
  if (hashed) return hashed;
  const h = crypto.createHash('sha256');
  const walk = (rel: string) => {
    const abs = path.join(REPO, rel);
    if (fs.statSync(abs).isDirectory()) for (const e of fs.readdirSync(abs).sort()) walk(path.join(rel, e));
    else h.update(`${rel}\0`).update(fs.readFileSync(abs)).update('\0');
  };
  for (const rel of [
    'main',
    'shared',
    'tests/unit/fixtures.ts',
    'tests/unit/helpers.ts',
    'tests/unit/children',
    'package-lock.json',
  ])
    walk(rel);
  return (hashed = h.digest('hex').slice(0, 16));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The folder of fixture `name`, made by `make` into a folder of its own and renamed into place when whole; a process
 * that asks while another makes it waits for it (a lock file naming the maker; a dead maker's lock is taken over).
 */
async function fixture(name: string, make: (dir: string) => Promise<void>, root = ROOT): Promise<string> {
  const dir = path.join(root, `${name}-${sourcesHash()}`);
  if (fs.existsSync(dir)) return dir;
  fs.mkdirSync(root, { recursive: true });
  const lock = `${dir}.lock`;
  for (;;) {
    if (fs.existsSync(dir)) return dir;
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      let maker = 0;
      try {
        maker = Number(fs.readFileSync(lock, 'utf8'));
      } catch {
        continue; // released meanwhile
      }
      if (maker > 0 && !alive(maker)) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (fs.existsSync(dir)) return dir;
    const partial = `${dir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial);
    await make(partial);
    fs.renameSync(partial, dir);
    return dir;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * A world on a copy of the demo year seeded at `at` (default: the suite's reference moment, testClock), of the demo
 * township named `township` (seedDemo's option; default 青山镇), its clock at `at`. The same as a world() and
 * `seedDemo(w.ledger, w.clock.now(), { township })` (which is made once, and asserted to have seeded).
 */
export async function demoWorld(opts: { at?: string; township?: string } = {}): Promise<World> {
  const made = await fixture(
    `demo-${opts.at ?? 'default'}-${opts.township ? Buffer.from(opts.township).toString('hex') : 'default'}`.replace(
      /[^\w-]/g,
      '_',
    ),
    async (into) => {
      const w = await world();
      if (opts.at) w.clock.t = new Date(opts.at).getTime();
      assert.ok(await seedDemo(w.ledger, w.clock.now(), { township: opts.township }), 'seeded');
      await w.ledger.close({ backup: false });
      for (const f of FILES) fs.copyFileSync(path.join(w.dir, f), path.join(into, f));
      fs.writeFileSync(path.join(into, 'clock.json'), JSON.stringify({ t: w.clock.t }));
      fs.rmSync(w.dir, { recursive: true, force: true });
    },
  );
  const { t } = JSON.parse(fs.readFileSync(path.join(made, 'clock.json'), 'utf8')) as { t: number };
  return world({
    open: async (dir, clock) => {
      for (const f of FILES) fs.copyFileSync(path.join(made, f), path.join(dir, f));
      clock.t = t;
      const file = path.join(dir, 'ledger.sqlite');
      const keys = Keyring.read(keysFileOf(file), { hashParams: CHEAP_HASH });
      const r = keys.signIn('admin', DEMO_PASSWORD, clock.now());
      if (r instanceof AppError) throw r;
      const ledger = await Ledger.open(file, { clock: clock.now, keys });
      // Opening a ledger with data makes the day's backup, which one just seeded has not: it goes, so the copy is
      // the ledger as seeded.
      for (const b of fs.readdirSync(ledger.backupsDir))
        if (b.endsWith('-daily.sqlite')) fs.rmSync(path.join(ledger.backupsDir, b));
      return ledger;
    },
  });
}

/**
 * What node is given to run a child script of the tests (`children/<name>.ts`, by its path): its bundle, made once per
 * run with the others as main/build.mjs bundles main (workers and migrations beside it). Through tsx each child spent
 * about 2.5 s of a core loading main before its first line, and the crash, upgrade, rekey and county tests start
 * about eighty of them; the bundle loads in 0.3 s and runs the same code. It is kept under node_modules/.cache, where
 * node finds the modules it leaves outside (better-sqlite3-multiple-ciphers and the others bundleMain names).
 */
export async function childArgs(script: string): Promise<string[]> {
  const children = path.join(REPO, 'tests/unit/children');
  const name = path.basename(script, '.ts');
  assert.equal(path.join(children, `${name}.ts`), path.resolve(script), 'a script of tests/unit/children');
  const made = await fixture(
    'children',
    async (into) => {
      const entries = fs.readdirSync(children).filter((f) => f.endsWith('.ts'));
      const { bundleMain } = (await import(path.join(REPO, 'main/bundle.mjs'))) as {
        bundleMain: (root: string, entries: Record<string, string>, outdir: string) => Promise<void>;
      };
      await bundleMain(REPO, Object.fromEntries(entries.map((f) => [f.slice(0, -3), path.join(children, f)])), into);
    },
    path.join(REPO, 'node_modules', '.cache', 'bianmin-test-children'),
  );
  return ['--enable-source-maps', path.join(made, `${name}.cjs`)];
}
