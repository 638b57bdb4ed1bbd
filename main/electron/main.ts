// The desktop host. Electron's security checklist: context isolation, sandbox, no Node in the renderer, the UI from
// app:// with a strict CSP, navigation / window.open / permissions / webviews denied, IPC senders checked.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session as electronSession,
  type WebFrameMain,
} from 'electron';

import { serveAsset } from '../assets';
import { type Options, parseOptions } from '../cli';
import { systemClock } from '../core/clock';
import { newSession, type Session } from '../core/dispatch';
import { seedDemo } from '../demo/year';
import { createDesk, type Desk } from '../desk';
import { handlers } from '../handlers';

const ORIGIN = 'app://bianmin';
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const sessions = new Map<number, Session>();
let desk: Desk | null = null;

function trusted(frame: WebFrameMain | null): boolean {
  return !!frame && new URL(frame.url).origin === ORIGIN;
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    title: '便民服务台账',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  sessions.set(win.webContents.id, newSession());
  win.on('closed', () => sessions.delete(win.webContents.id));
  void win.loadURL(`${ORIGIN}/index.html`);
}

async function ready(opts: Options): Promise<void> {
  try {
    // The ledger itself opens at the first sign-in, with the key that sign-in unwraps (desk.ts).
    desk = createDesk(opts.db, { clock: systemClock, handlers, office: opts.office });
    // --demo fills a place without a ledger (the sign-in screen then shows the demo's accounts); a ledger is left.
    if (opts.demo && !fs.existsSync(opts.db)) {
      const ledger = await desk.create();
      await seedDemo(ledger, ledger.clock(), opts.demo);
    }
  } catch (e) {
    dialog.showErrorBox('无法打开台账', (e as Error).message);
    app.exit(2);
    return;
  }

  protocol.handle('app', (req) => {
    const asset = serveAsset(new URL(req.url).pathname);
    return new Response(new Uint8Array(asset.body), { status: asset.status, headers: asset.headers });
  });
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  electronSession.defaultSession.setPermissionCheckHandler(() => false);

  ipcMain.handle('bianmin:invoke', (event, channel: unknown, input: unknown) => {
    const session = sessions.get(event.sender.id);
    if (!trusted(event.senderFrame) || !session || typeof channel !== 'string')
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求不是来自本程序的页面' } };
    return desk!.dispatch(session, channel, input);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
      {
        label: '视图',
        submenu: [
          { role: 'reload', label: '重新载入' },
          { role: 'togglefullscreen', label: '全屏' },
        ],
      },
    ]),
  );
  createWindow();
}

app.on('web-contents-created', (_e, wc) => {
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (e, url) => {
    if (new URL(url).origin !== ORIGIN) e.preventDefault();
  });
  wc.on('will-redirect', (e, url) => {
    if (new URL(url).origin !== ORIGIN) e.preventDefault();
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
});

let quitting = false;
app.on('before-quit', (e) => {
  if (quitting || !desk) return;
  e.preventDefault();
  quitting = true;
  void desk.close().finally(() => app.exit(0));
});
app.on('window-all-closed', () => app.quit());
/** Brings the open window forward when the same ledger is started again. */
function focusWindow(): void {
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}

function start(): void {
  let opts: Options;
  try {
    // The county edition's package.json says so (electron-builder.county.yml's extraMetadata): it starts as the office.
    const pkg = JSON.parse(fs.readFileSync(path.join(app.getAppPath(), 'package.json'), 'utf8')) as {
      bianminEdition?: string;
    };
    const edition = pkg.bianminEdition === 'county' ? 'county' : 'township';
    opts = parseOptions(process.argv.slice(app.isPackaged ? 1 : 2), process.env, edition);
  } catch (e) {
    void app.whenReady().then(() => {
      dialog.showErrorBox('无法启动', (e as Error).message);
      app.exit(2);
    });
    return;
  }
  // One window per ledger: Electron's single-instance lock belongs to the userData folder, so each ledger gets a
  // folder of its own; a second start on the same ledger focuses the first window and quits.
  const key = crypto.createHash('sha256').update(path.resolve(opts.db)).digest('hex').slice(0, 16);
  app.setPath('userData', path.join(app.getPath('userData'), 'ledgers', key));
  if (!app.requestSingleInstanceLock()) return app.quit();
  app.on('second-instance', focusWindow);
  void app.whenReady().then(() => ready(opts));
}

start();
