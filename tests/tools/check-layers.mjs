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
for (const rule of rules) {
  for (const f of files(path.join(root, rule.where))) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const line = text.slice(0, m.index).split('\n').length;
      if (rule.refuse(spec, f, m[0]))
        violations.push(`${path.relative(root, f)}:${line}: imports '${spec}' — ${rule.why}`);
    }
  }
}
if (violations.length) {
  console.error(`layer rule broken (${violations.length}):\n${violations.join('\n')}`);
  process.exit(1);
}
console.log('layers ok');
