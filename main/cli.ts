// Command-line options shared by both hosts: --db PATH (or BIANMIN_DB), --port N, --demo[=NAME], --no-open, and for the
// county office --county (its PostgreSQL on this PC; --listen ADDR[:PORT] serves it on the LAN) or --pg URL (the
// county's own server).
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { OfficeStart } from './county/office';

export interface Options {
  db: string;
  port: number;
  /** Fills an empty ledger with a demo year: of 青山镇, or of the township named by --demo=NAME (demoPlace). */
  demo: false | { township?: string };
  open: boolean;
  /** Runs as the county office (县级汇总). */
  office?: OfficeStart;
}

export class UsageError extends Error {}

export const USAGE = `用法: npm start -- [--db 台账文件] [--port 端口] [--demo] [--no-open]
  --db PATH   台账文件（也可用环境变量 BIANMIN_DB），默认放在用户数据文件夹
  --port N    网页模式的端口，默认自动选一个空闲端口
  --demo      向空台账填入虚构的演示乡镇（青山镇）
  --demo=名称 同上，演示乡镇用这个名称，并有它自己的村、人员、身份证号和账号（县级汇总演示多个乡镇时用）
  --no-open   网页模式下不自动打开浏览器
  --county    以县级汇总方式启动：在本机启动汇总数据库（县级版自带，或 Linux 上已安装的 PostgreSQL），各乡镇的副本汇总在这里
  --listen 地址[:端口]
              与 --county 同用：汇总数据库同时在本机的这个局域网地址上接受乡镇连接（加密，首次启动时生成证书），
              例如 --listen 192.168.1.10 或 --listen 192.168.1.10:5432；不写则只在本机（127.0.0.1）
  --pg URL    以县级汇总方式启动，连接县里已有的 PostgreSQL，例如 postgres://用户:密码@10.0.0.5:5432/county
              该用户需有 CREATEROLE 权限（为各乡镇建登记角色），以及该库的 CREATE 权限或 county 模式的所有权`;

/** Where Electron keeps userData for productName 便民服务台账, so both hosts use the same file. */
export function defaultLedgerPath(env = process.env, platform = process.platform): string {
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(os.homedir(), 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'));
  return path.join(base, '便民服务台账', 'ledger.sqlite');
}

/**
 * `edition`: the county edition (electron-builder.county.yml) starts as the county office, as --county does, unless
 * --pg names the county's own server.
 */
export function parseOptions(argv: string[], env = process.env, edition: 'township' | 'county' = 'township'): Options {
  let values;
  // --demo=NAME names the demo township; parseArgs takes a flag or a value, not both, so the name is read here.
  const named = argv.filter((a) => a.startsWith('--demo=')).map((a) => a.slice('--demo='.length).trim());
  if (named.some((n) => !n || n.length > 20))
    throw new UsageError(`--demo= 后面要写演示乡镇的名称（20 个字以内），例如 --demo=白沙镇\n${USAGE}`);
  try {
    ({ values } = parseArgs({
      args: argv.map((a) => (a.startsWith('--demo=') ? '--demo' : a)),
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        county: { type: 'boolean', default: false },
        pg: { type: 'string' },
        listen: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(`参数有误：${(e as Error).message}\n${USAGE}`);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`端口应为 0–65535 之间的整数，而不是 ${values.port}`);
  const db = values.db ?? env.BIANMIN_DB ?? defaultLedgerPath(env);
  if (db.trim() === '') throw new UsageError('--db 后面要写台账文件的路径');
  if (values.pg !== undefined && !/^postgres(ql)?:\/\/./.test(values.pg))
    throw new UsageError('--pg 后面要写县里数据库的地址，例如 postgres://用户:密码@10.0.0.5:5432/county');
  const county = values.county || edition === 'county';
  if (values.listen !== undefined && (!county || values.pg !== undefined))
    throw new UsageError('--listen 只能与 --county 同用：它让本机启动的汇总库在局域网地址上接受乡镇连接');
  const listen = values.listen === undefined ? undefined : parseListen(values.listen);
  const office = values.pg !== undefined ? { pg: values.pg } : county ? { ...(listen && { listen }) } : undefined;
  const demo = values.demo && { ...(named.length && { township: named.at(-1) }) };
  return { db, port, demo, open: !values['no-open'], ...(office && { office }) };
}

/**
 * --listen ADDR[:PORT]: one address of this PC (its certificate names it), IPv6 in brackets when a port follows; never
 * every address at once (0.0.0.0), which no certificate can name.
 */
export function parseListen(text: string): { host: string; port?: number } {
  const m =
    /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? (net.isIPv6(text) ? [text, text] : /^([^:]+)(?::(\d+))?$/.exec(text));
  const host = m?.[1] ?? '';
  const port = m?.[2] === undefined ? undefined : Number(m[2]);
  const hostName = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host);
  if (!host || (!net.isIP(host) && !hostName) || ['0.0.0.0', '::'].includes(host))
    throw new UsageError(`--listen 后面要写本机的一个局域网地址，例如 --listen 192.168.1.10，而不是 ${text}`);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))
    throw new UsageError(`--listen 的端口应为 1–65535 之间的整数，而不是 ${m![2]}`);
  return { host, ...(port !== undefined && { port }) };
}
