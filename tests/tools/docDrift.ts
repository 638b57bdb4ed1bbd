// What ARCHITECTURE.md and the READMEs of main/'s folders name, held to the code: channel prefixes and the folder that
// answers each, the task channels, the tables each folder owns, and the files they point at. Each problem is a line.
import fs from 'node:fs';
import path from 'node:path';

export interface Facts {
  /** Every channel with its mode, from shared/contract.ts. */
  channels: Record<string, string>;
  /** The ledger's tables (a fresh ledger's sqlite_master) and the county's (its migrations). */
  tables: string[];
  countyTables: string[];
}

export interface Docs {
  architecture: string;
  /** A folder of main/ → its README. */
  readmes: Record<string, string>;
}

const ticked = (text: string) => [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
const prefixesIn = (text: string) => new Set(ticked(text).flatMap((t) => /^([a-z][A-Za-z]*)\.\*$/.exec(t)?.[1] ?? []));
const list = (line: string | undefined) =>
  (line ?? '')
    .split(/[,，;]/)
    .map((s) => s.replace(/[`()]|\(.*|and .*/g, '').trim())
    .filter((s) => /^[a-z][a-z_.]*$/.test(s));
const diff = (what: string, named: Iterable<string>, real: Iterable<string>) => {
  const [a, b] = [new Set(named), new Set(real)];
  return [
    ...[...a].filter((x) => !b.has(x)).map((x) => `${what}: ${x} is named but does not exist`),
    ...[...b].filter((x) => !a.has(x)).map((x) => `${what}: ${x} exists but is not named`),
  ];
};

/** The rows of ARCHITECTURE.md's screen map: the channel prefixes, the folder and the tables of each. */
function screenMap(architecture: string) {
  const section = architecture.split('### From a screen to its folder')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('|') && l.includes('.*'))
    .map((l) => {
      const cells = l.split('|').map((c) => c.trim());
      return {
        prefixes: [...prefixesIn(cells[3])],
        folder: /`(\w+)\/`/.exec(cells[4])?.[1] ?? '',
        tables: cells[5].includes('county') ? list(cells[5].replace(/PostgreSQL.*/, '')) : list(cells[5]),
      };
    });
}

/** The handler keys a folder's files define: `'households.create': (ctx, input) =>`. */
function answered(root: string, folder: string): Set<string> {
  const dir = path.join(root, 'main', folder);
  const keys = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')))
    for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s+'([a-z]\w*\.\w+)':\s/gm)) keys.add(m[1]);
  return keys;
}

/** Every file name under the folders a document may point into. */
function names(root: string): Set<string> {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.add(e.name);
  };
  for (const d of ['main', 'renderer', 'shared', 'tests']) walk(path.join(root, d));
  return out;
}

/**
 * Files a document points at: a path from the root (or from main/, renderer/), or a bare file name, which a README
 * means in its own folder and ARCHITECTURE.md anywhere in the tree.
 */
function missingFiles(root: string, text: string, here: string | null, where: string): string[] {
  const anywhere = here ? null : names(root);
  const problems: string[] = [];
  for (const t of ticked(text)) {
    const m = /^([\w./-]+\.(?:ts|tsx|mjs|sql|md|yml))(?::\w+)?$/.exec(t);
    if (!m || m[1].includes('*') || m[1].startsWith('../shared/DESIGN')) continue;
    const p = m[1];
    const found = p.includes('/')
      ? [root, here ?? root, path.join(root, 'main'), path.join(root, 'renderer')].map((d) => path.join(d, p))
      : [path.join(here ?? root, p)];
    if (!found.some((f) => fs.existsSync(f)) && !(anywhere && !p.includes('/') && anywhere.has(p)))
      problems.push(`${where}: file ${p} does not exist`);
  }
  return problems;
}

export function docDrift(root: string, docs: Docs, facts: Facts): string[] {
  const problems: string[] = [];
  const prefixes = new Set(Object.keys(facts.channels).map((c) => c.split('.')[0]));
  const rows = screenMap(docs.architecture);

  // Every prefix in the screen map, once, in the folder that answers it; no prefix named anywhere that is not one.
  problems.push(
    ...diff(
      'channel prefix (ARCHITECTURE.md screen map)',
      rows.flatMap((r) => r.prefixes),
      prefixes,
    ),
  );
  const seen = rows.flatMap((r) => r.prefixes);
  for (const p of new Set(seen.filter((p, i) => seen.indexOf(p) !== i))) problems.push(`prefix ${p}.* is mapped twice`);
  for (const r of rows) {
    const keys = answered(root, r.folder);
    for (const p of r.prefixes) {
      const mine = Object.keys(facts.channels).filter((c) => c.startsWith(`${p}.`));
      const elsewhere = mine.filter((c) => !keys.has(c));
      if (elsewhere.length)
        problems.push(`${p}.* is mapped to main/${r.folder}/ but ${elsewhere[0]} is not answered there`);
    }
  }
  const all = [docs.architecture, ...Object.values(docs.readmes)].join('\n');
  for (const p of prefixesIn(all)) if (!prefixes.has(p)) problems.push(`channel prefix ${p}.* does not exist`);
  for (const t of ticked(all)) {
    const m = /^([a-z][A-Za-z]*)\.([a-z][A-Za-z]*)$/.exec(t);
    const file = m && /^(ts|tsx|md|sql|mjs|cjs|json|yml|keys|lock|xlsx|docx|pdf)$/.test(m[2]);
    if (m && !file && prefixes.has(m[1]) && !facts.channels[t] && !facts.countyTables.includes(t))
      problems.push(`channel ${t} does not exist`);
  }

  // The task list is the contract's task channels, no more and no fewer.
  const tasks = docs.architecture.split('**Tasks:**')[1]?.split('\n\n')[0] ?? '';
  const realTasks = Object.keys(facts.channels).filter((c) => facts.channels[c] === 'task');
  problems.push(...diff('task channel (ARCHITECTURE.md **Tasks:**)', ticked(tasks), realTasks));

  // Tables: each once in the screen map and in the README of the folder that owns it.
  const mapped = rows.flatMap((r) => r.tables);
  problems.push(...diff('table (ARCHITECTURE.md screen map)', mapped, facts.tables));
  const owned: string[] = [];
  for (const [folder, text] of Object.entries(docs.readmes)) {
    const line = text.split(/^Tables:/m)[1]?.split('\n\n')[0];
    const names = ticked(line ?? '');
    owned.push(...names);
    const row = rows.find((r) => r.folder === folder);
    if (row) {
      const here = names.filter((n) => !n.startsWith('county.'));
      problems.push(...diff(`table of main/${folder}/README.md`, here, row.tables));
      problems.push(
        ...diff(
          `channel prefix of main/${folder}/README.md`,
          prefixesIn(/^Channels:.*$/m.exec(text)?.[0] ?? ''),
          rows.filter((r) => r.folder === folder).flatMap((r) => r.prefixes),
        ),
      );
    }
  }
  problems.push(...diff('table (folder READMEs)', owned, [...facts.tables, ...facts.countyTables]));

  problems.push(...missingFiles(root, docs.architecture, null, 'ARCHITECTURE.md'));
  for (const [folder, text] of Object.entries(docs.readmes))
    problems.push(...missingFiles(root, text, path.join(root, 'main', folder), `main/${folder}/README.md`));
  return problems;
}
