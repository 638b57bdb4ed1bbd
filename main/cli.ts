// Command-line options shared by both hosts: --db PATH (or BIANMIN_DB), --port N, --demo, --no-open, and for the
// county office --county (its PostgreSQL on this PC) or --pg URL (the county's own server).
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { OfficeStart } from './county/office';

export interface Options {
  db: string;
  port: number;
  demo: boolean;
  open: boolean;
  /** Runs as the county office (县级汇总). */
  office?: OfficeStart;
}

export class UsageError extends Error {}

export const USAGE = `用法: npm start -- [--db 台账文件] [--port 端口] [--demo] [--no-open]
  --db PATH   台账文件（也可用环境变量 BIANMIN_DB），默认放在用户数据文件夹
  --port N    网页模式的端口，默认自动选一个空闲端口
  --demo      向空台账填入虚构的演示乡镇
  --no-open   网页模式下不自动打开浏览器
  --county    以县级汇总方式启动：在本机启动汇总数据库（需已安装 PostgreSQL），各乡镇的副本汇总在这里
  --pg URL    以县级汇总方式启动，连接县里已有的 PostgreSQL，例如 postgres://用户:密码@10.0.0.5:5432/county`;

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

export function parseOptions(argv: string[], env = process.env): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        county: { type: 'boolean', default: false },
        pg: { type: 'string' },
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
  const office = values.pg !== undefined ? { pg: values.pg } : values.county ? {} : undefined;
  return { db, port, demo: values.demo, open: !values['no-open'], ...(office && { office }) };
}
