// Where the Electron binary is, if it was downloaded at install (the electron package exports its path and throws
// when the download never happened, as on machines that reach only the npm registry).
import fs from 'node:fs';

export function electronBinary(): string | null {
  if (process.env.BIANMIN_WEB === '1') return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- electron is optional: resolved at run time
    const bin = require('electron') as unknown;
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}
