// One typed surface over both hosts: window.bianmin.invoke in Electron (preload), fetch to the web host otherwise.
import type { Channel, Input, Output } from '../shared/contract';
import type { Result } from '../shared/domain/result';

type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;

declare global {
  interface Window {
    bianmin?: { invoke: Invoke };
  }
}

const TOKEN_KEY = 'bianmin-token';
const TAB_KEY = 'bianmin-tab';

function webInvoke(): Invoke {
  // The token arrives once in the URL fragment; keep it for this tab and take it out of the address bar.
  const m = /token=([\w-]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', `${location.pathname}#/`);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  // This tab's id: the web host tells a second page that the session it shares was signed in elsewhere.
  const tab = sessionStorage.getItem(TAB_KEY) ?? crypto.randomUUID();
  sessionStorage.setItem(TAB_KEY, tab);
  return async (channel, input) => {
    try {
      const res = await fetch(`api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Bianmin-Token': token, 'X-Bianmin-Tab': tab },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: '无法连接台账服务，请确认程序仍在运行' } };
    }
  };
}

const invoke: Invoke = window.bianmin?.invoke ?? webInvoke();
const refusedListeners = new Set<() => void>();

/** Called when main refuses for want of a session (signed out, locked): the app then re-reads the session. */
export function onRefused(fn: () => void): () => void {
  refusedListeners.add(fn);
  return () => refusedListeners.delete(fn);
}

export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  const result = (await invoke(channel, input)) as Result<Output<C>>;
  if (!result.ok && result.error.code === 'FORBIDDEN' && channel !== 'session.state')
    refusedListeners.forEach((fn) => fn());
  return result;
}
