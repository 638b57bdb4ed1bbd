// The layer rule, checked on every `npm test`: `electron` only under main/electron/; no `node:*` built-ins and no
// `better-sqlite3` in renderer/ or shared/; the renderer takes only types from shared/schemas and never zod (zod's
// eval probe breaks the page's CSP). Usage: node check-layers.mjs [ROOT]  (exit 1 and a line per violation)
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..'));
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name)) yield p;
  }
}

const rules = [
  {
    where: 'renderer',
    refuse: (m) => NODE.has(m) || m.startsWith('better-sqlite3') || m === 'electron',
    why: '渲染层不能引用 Node 内置模块、better-sqlite3 或 electron',
  },
  {
    where: 'renderer',
    refuse: (m, _f, stmt) =>
      m === 'zod' || (/shared\/schemas\//.test(m) && !/^(import|export)\s+type\s/.test(stmt.trim())),
    why: '渲染层只能用 import type 引用 shared/schemas，不能引用 zod（zod 的 eval 探测违反页面的 CSP）；常量请放在 shared/domain',
  },
  {
    where: 'shared',
    refuse: (m) => NODE.has(m) || m.startsWith('better-sqlite3') || m === 'electron',
    why: 'shared/ 只能是纯 TypeScript',
  },
  {
    where: 'main',
    refuse: (m, f) => m === 'electron' && !f.startsWith(path.join(root, 'main', 'electron') + path.sep),
    why: 'electron 只能在 main/electron/ 中引用',
  },
];

const violations = [];
const imports = (f) => {
  const text = fs.readFileSync(f, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => ({
    spec: m[1] ?? m[2] ?? m[3] ?? m[4],
    stmt: m[0],
    line: text.slice(0, m.index).split('\n').length,
  }));
};
for (const rule of rules) {
  for (const f of files(path.join(root, rule.where))) {
    for (const { spec, stmt, line } of imports(f)) {
      if (rule.refuse(spec, f, stmt))
        violations.push(`${path.relative(root, f)}:${line}: imports '${spec}' — ${rule.why}`);
    }
  }
}

// main/'s inner order: db ← core ← domains ← hosts. A domain is a folder of main/ named by the screens (its README
// says which); db/ and core/ are below every domain; the files at main/'s root, electron/, webhost/ and demo/ are the
// hosts above them. A domain reaches another only through that folder's index.ts, its exported face.
const MAIN = path.join(root, 'main');
const HOSTS = new Set(['', 'electron', 'webhost', 'demo']);
const RANK = (g) => (g === 'db' ? 0 : g === 'core' ? 1 : HOSTS.has(g) ? 3 : 2);
const groupOf = (f) => {
  const rel = path.relative(MAIN, f).split(path.sep);
  return rel.length > 1 ? rel[0] : '';
};
const resolve = (from, spec) => {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
};
const graph = new Map();
for (const f of files(MAIN)) {
  const g = groupOf(f);
  const edges = [];
  for (const { spec, line } of imports(f)) {
    if (!spec.startsWith('.')) continue;
    const to = resolve(f, spec);
    if (!to || !to.startsWith(MAIN + path.sep)) continue;
    const h = groupOf(to);
    const where = `${path.relative(root, f)}:${line}: imports '${spec}' — `;
    if (RANK(h) > RANK(g))
      violations.push(`${where}${g || 'main'} 在 ${h || 'main'} 之下，不能引用它（db ← core ← 各业务域 ← 宿主）`);
    else if (RANK(g) === 2 && RANK(h) === 2 && g !== h && path.basename(to) !== 'index.ts')
      violations.push(`${where}业务域之间只能通过对方的 index.ts 引用（${h}/index.ts）`);
    edges.push(to);
  }
  graph.set(f, edges);
}
// No import cycle, type-only imports included: a depth-first walk that meets a file still on its path has found one.
const state = new Map();
const walk = (f, trail) => {
  state.set(f, 1);
  for (const to of graph.get(f) ?? []) {
    if (state.get(to) === 1) {
      const loop = [...trail.slice(trail.indexOf(to)), to].map((x) => path.relative(root, x));
      violations.push(`import cycle: ${loop.join(' → ')}`);
    } else if (!state.has(to)) walk(to, [...trail, to]);
  }
  state.set(f, 2);
};
for (const f of graph.keys()) if (!state.has(f)) walk(f, [f]);

if (violations.length) {
  console.error(`layer rule broken (${violations.length}):\n${violations.join('\n')}`);
  process.exit(1);
}
console.log('layers ok');
