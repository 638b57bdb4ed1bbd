// Two rules of the test suite, checked by `npm run lint` (exit 1 and a line per violation):
//
// 1. A unit test file that may depend on the day or the time zone it runs in carries the line `// @dated`, and only
//    such a file: .ci/run runs the marked files again under faketime on a far date in China time
//    (tests/tools/unit.mjs --dated). A file is dated when it, or any module it imports at run time (relative imports
//    through tests/, main/ and shared/, followed to the end; `import type` is not followed), does one of:
//    - reads the system clock: `new Date()` or `Date()` without a value, `Date.now()`, the app's `systemClock`, a
//      file's times (mtime, ctime, atime, birthtime), SQL's clock ('now', CURRENT_TIMESTAMP/DATE/TIME, now(),
//      clock_timestamp(), localtimestamp) — in its code or in the migrations (main/**/*.sql) when it reaches
//      db/migrate.ts;
//    - reads the time zone: the local getters and setters of a Date (getHours, setDate, …), getTimezoneOffset,
//      toLocale*String, toDateString, toTimeString, Intl.DateTimeFormat, dayjs, process.env.TZ, `new Date(y, m, …)`,
//      or a date-time literal without a zone ('2026-11-23T09:00', read as local time);
//    - starts a process (child_process): its code is not followed, so it counts as dated; but a node process on
//      a script of the tests (children/*.ts) is followed as an import, and so is a thread (worker_threads), whose
//      code is a string in its module or a module beside it named by a string ('importWorker.ts', 'workbookWorker').
//    Libraries (node_modules) are not followed: they read the clock only to stamp file metadata (a PDF's CreationDate,
//    the times in a zip), which no test reads back.
// 2. Tests make cheap key files only by injection: no file under main/ but db/keys.ts and core/ledger.ts names
//    `hashParams` (tests/unit/helpers.ts: CHEAP_HASH), so no production caller can make a key file at a cheaper cost.
//
// Usage: node check-tests.mjs [--why]   (--why: every test file with what makes it dated, or `date-free`)
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const rel = (p) => path.relative(root, p);

export const MARK = /^\/\/ @dated\b/m;

/** The test files of the unit suite (tests/tools/unit.mjs runs the same). */
export function testFiles() {
  return ['tests/unit', 'tests/security'].flatMap((d) =>
    fs
      .readdirSync(path.join(root, d))
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => path.join(root, d, f)),
  );
}

/** Code without its comments (a comment may name `new Date()` without calling it). */
const uncommented = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, (_m, pre) => pre);

const READS = [
  [/\bnew\s+Date\s*\(\s*\)|(?<![\w.])Date\s*\(\s*\)|\bDate\.now\s*\(/, 'reads the system clock (Date)'],
  [/\bsystemClock\b/, 'reads the system clock (systemClock)'],
  [/\.(mtime|ctime|atime|birthtime)(Ms|Ns)?\b/, "reads a file's times"],
  [
    /'now'|\bCURRENT_(TIMESTAMP|DATE|TIME)\b|(?<![\w$.])now\s*\(\s*\)|\bclock_timestamp\b|\blocaltimestamp\b/i,
    "reads SQL's clock",
  ],
  [
    /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\s*\(|\.getTimezoneOffset\s*\(|\.toLocale\w*String\s*\(|\.to(Date|Time)String\s*\(|\bIntl\.DateTimeFormat\b|\bdayjs\b|\bprocess\.env\.TZ\b/,
    'reads the time zone',
  ],
  [/\bnew\s+Date\s*\([^()'"`]*,/, 'makes a date in local time (new Date(y, m, …))'],
  [/\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?['"`]/, 'a date-time literal without a zone (local time)'],
  [/['"](node:)?child_process['"]/, 'starts a process'],
];

/**
 * Reads in the app's code that were looked at and cannot change a unit test's outcome, each with how many times its
 * text appears in its file (a new read of the same kind there is not covered): `unless`, a test whose own code (with
 * its helpers under tests/) matches it is dated by it all the same.
 */
const REVIEWED = [
  {
    file: 'main/core/backupFiles.ts',
    text: '.mtime',
    count: 1,
    why: "the time shown beside a listed backup (its file's), which nothing compares",
    unless: /\blistBackups\b|'backup\.list'/,
  },
  { file: 'shared/domain/money.ts', text: ".toLocaleString('en-US')", count: 1, why: 'a number, not a date' },
  { file: 'main/reports/reportDocx.ts', text: ".toLocaleString('zh-CN')", count: 1, why: 'a number, not a date' },
  ...['main/county/push.ts', 'main/county/store.ts'].map((file) => ({
    file,
    text: 'now()',
    count: { 'main/county/push.ts': 1, 'main/county/store.ts': 3 }[file],
    why: "PostgreSQL's clock: its SQL runs only on a server, which a test starts through county/server.ts (dated)",
  })),
  {
    file: 'main/county/office.ts',
    text: 'clock_timestamp()',
    count: 2,
    why: "PostgreSQL's clock (how long a township's session held a transaction), only on a server (dated to start)",
  },
  {
    file: 'main/county/server.ts',
    text: "'node:child_process'",
    count: 1,
    why: 'starts PostgreSQL, which only tests/unit/postgres.ts (dated) and the county office (--county) ask for',
    unless: /\bstartPostgres\b|\bstartCountyServer\b|\bopenOffice\b|--county/,
  },
];

const IMPORT =
  /(^|\n)\s*(import|export)\s+(type\s)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|(^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function resolve(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, path.join(base, 'index.ts')])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

/** What a module imports at run time: a statement whose every name is a type is not followed. */
function importsOf(file, code) {
  const out = [];
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[5] ?? m[6] ?? m[7] ?? m[9];
    if (m[5]) {
      if (m[3]) continue; // import type … / export type …
      const names = /\{([^}]*)\}/.exec(m[4] ?? '');
      const typeOnly =
        names &&
        !/^\s*[\w$]+\s*,/.test(m[4]) &&
        !/\*/.test(m[4]) &&
        names[1].split(',').every((n) => !n.trim() || /^\s*type\s/.test(n));
      if (typeOnly) continue;
    }
    const r = resolve(file, spec);
    if (r) out.push(r);
  }
  // A thread's module, or a child process run on a script of the tests (children/*.ts): a string that names a
  // module beside this one ('importWorker.ts', 'workbookWorker') is read as if imported.
  for (const m of code.matchAll(/['"]([\w.-]+)['"]/g)) {
    const r = resolve(file, `./${m[1]}`);
    if (r && /\.tsx?$/.test(r) && r !== file) out.push(r);
  }
  for (const m of code.matchAll(/['"]children['"]\s*,\s*['"]([\w.-]+\.ts)['"]|['"]children\/([\w.-]+\.ts)['"]/g)) {
    const r = resolve(file, `./children/${m[1] ?? m[2]}`);
    if (r) out.push(r);
  }
  return out;
}

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/**
 * SQL files are read at run time, not imported: one that reads SQL's clock makes dated the modules that read its
 * folder (a module beside the folder that names it: db/migrate.ts for db/migrations/).
 */
const sqlReaders = new Map();
// main/county/migrations/ are PostgreSQL's: its clock is read only on a server (see main/county/server.ts below).
for (const f of walk(path.join(root, 'main')))
  if (
    f.endsWith('.sql') &&
    !rel(f).startsWith('main/county/migrations/') &&
    READS[3][0].test(fs.readFileSync(f, 'utf8').replace(/--.*$/gm, ''))
  ) {
    const folder = path.dirname(f);
    for (const m of fs.readdirSync(path.dirname(folder)))
      if (/\.ts$/.test(m)) {
        const mod = path.join(path.dirname(folder), m);
        if (fs.readFileSync(mod, 'utf8').includes(`'${path.basename(folder)}'`))
          sqlReaders.set(mod, `${READS[3][1]} in ${rel(f)}`);
      }
  }

const own = new Map();
/**
 * What a module itself does that makes it dated, or null. In test code, a line that ends with `// date-free: WHY`,
 * or follows a line that is that comment alone, is not read (a number's toLocaleString, a tool that reads no date);
 * in the app's code, the REVIEWED texts.
 */
function ownReason(file, testCode) {
  const key = `${file}\0${testCode}`;
  if (!own.has(key)) {
    const text = fs.readFileSync(file, 'utf8');
    let code = uncommented(text.replace(/^\s*\/\/ date-free: .*\n.*$/gm, '').replace(/^.*\/\/ date-free: .*$/gm, ''));
    const imports = importsOf(file, uncommented(text));
    for (const r of REVIEWED)
      if (rel(file) === r.file && code.split(r.text).length - 1 === r.count && !(r.unless && r.unless.test(testCode)))
        code = code.split(r.text).join(' ');
    const hit = READS.find(([re]) => re.test(code));
    let why = hit ? hit[1] : null;
    why ??= sqlReaders.get(file) ?? null;
    own.set(key, { why, imports });
  }
  return own.get(key);
}

/** The first dated module reached from `file` (breadth first), as the chain of imports that reaches it, or null. */
export function datedBy(file) {
  const seen = new Map([[file, null]]);
  const queue = [file];
  // The test's own code and its helpers under tests/, against which REVIEWED's `unless` is read.
  const testCode = [];
  for (let i = 0; i < queue.length; i++) {
    const f = queue[i];
    if (rel(f).startsWith('tests/')) testCode.push(uncommented(fs.readFileSync(f, 'utf8')));
    for (const x of ownReason(f, '').imports)
      if (!seen.has(x)) {
        seen.set(x, f);
        queue.push(x);
      }
  }
  const test = testCode.join('\n');
  seen.clear();
  seen.set(file, null);
  queue.length = 0;
  queue.push(file);
  while (queue.length) {
    const f = queue.shift();
    const { why, imports } = ownReason(f, test);
    if (why) {
      const chain = [];
      for (let x = f; x; x = seen.get(x)) chain.unshift(rel(x));
      return `${why}: ${chain.join(' → ')}`;
    }
    for (const i of imports)
      if (!seen.has(i)) {
        seen.set(i, f);
        queue.push(i);
      }
  }
  return null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const problems = [];
  const why = process.argv.includes('--why');
  for (const f of testFiles()) {
    const dated = datedBy(f);
    const marked = MARK.test(fs.readFileSync(f, 'utf8'));
    if (why) console.log(`${marked ? '@dated ' : '       '}${rel(f)}: ${dated ?? 'date-free'}`);
    if (dated && !marked) problems.push(`${rel(f)}: dated but not marked \`// @dated\` (${dated})`);
    if (!dated && marked) problems.push(`${rel(f)}: marked \`// @dated\` but reads neither the clock nor the zone`);
  }
  for (const f of walk(path.join(root, 'main')))
    if (/\.(ts|mts|cts|js|mjs)$/.test(f) && !['main/db/keys.ts', 'main/core/ledger.ts'].includes(rel(f)))
      if (/\bhashParams\b/.test(fs.readFileSync(f, 'utf8')))
        problems.push(`${rel(f)}: names hashParams — only tests may choose a key file's scrypt cost`);
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
}
