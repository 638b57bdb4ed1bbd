// The renderer's only door to main: one `invoke`, allowed only for channels of the contract.
import { contextBridge, ipcRenderer } from 'electron';

import { CHANNELS } from '../../shared/contract';

const allowed = new Set<string>(CHANNELS);

contextBridge.exposeInMainWorld('bianmin', {
  invoke: (channel: string, input: unknown) =>
    allowed.has(channel)
      ? ipcRenderer.invoke('bianmin:invoke', channel, input)
      : Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `未知的操作：${channel}` } }),
});
