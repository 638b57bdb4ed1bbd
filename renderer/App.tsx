// What the counter sees first: create the admin on a new ledger, sign in, the lock screen, then the shell.
import { Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';

import type { Output } from '../shared/contract';
import type { SessionState } from '../shared/schemas/staff';
import { call, onRefused } from './api';
import { useRoute } from './components/router';
import { Shell } from './components/Shell';
import { setLedgerDay } from './components/today';
import { Elsewhere } from './pages/session/Elsewhere';
import { LockScreen } from './pages/session/LockScreen';
import { SignIn } from './pages/session/SignIn';
import { EncryptLedger } from './pages/setup/EncryptLedger';
import { FirstRun } from './pages/setup/FirstRun';
import { PrintView } from './print/PrintView';

const TOUCH_EVERY_MS = 60_000;
const GO_ON_KEY = 'bianmin-go-on';
const POLL_EVERY_MS = 30_000;

/** Tells main the clerk is active (throttled) and asks it, every half minute, whether the idle clock has run out. */
function useIdleClock(active: boolean, onState: (s: SessionState) => void): void {
  useEffect(() => {
    if (!active) return;
    // A monotonic timer for throttling: the time of day comes from the ledger, never from here.
    let lastTouch = performance.now();
    const onActivity = () => {
      if (performance.now() - lastTouch < TOUCH_EVERY_MS) return;
      lastTouch = performance.now();
      void call('session.touch', {});
    };
    const events = ['keydown', 'mousedown', 'wheel', 'mousemove'] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    const timer = setInterval(async () => {
      const r = await call('session.state', {});
      if (!r.ok) return;
      setLedgerDay(r.value.today); // the day turns over while the app stays open
      // Locked, or the session signed in again from another page: the screen follows at once.
      if (r.value.locked || r.value.elsewhere) onState(r.value);
    }, POLL_EVERY_MS);
    return () => {
      events.forEach((e) => window.removeEventListener(e, onActivity));
      clearInterval(timer);
    };
  }, [active, onState]);
}

export function App() {
  const [setup, setSetup] = useState<Output<'setup.state'> | null>(null);
  const [session, setSession] = useState<SessionState | null>(null);
  // Web host: this page went on in a session signed in from another page, after being told whose it is.
  const [goOn, setGoOn] = useState(() => sessionStorage.getItem(GO_ON_KEY));
  const route = useRoute();
  const adopt = useCallback((s: SessionState) => {
    setLedgerDay(s.today);
    setSession(s);
  }, []);

  const refresh = useCallback(() => {
    void Promise.all([call('setup.state', {}), call('session.state', {})]).then(([s, r]) => {
      if (s.ok) setSetup(s.value);
      if (r.ok) adopt(r.value);
    });
  }, [adopt]);

  useEffect(() => {
    refresh();
    return onRefused(refresh);
  }, [refresh]);
  useIdleClock(!!session?.staff && !session.locked, adopt);

  if (!setup || !session) return <Spin fullscreen tip="正在打开台账…" />;
  if (setup.needsAdmin) return <FirstRun centerName={setup.centerName} county={setup.county} onDone={refresh} />;
  if (setup.plain) return <EncryptLedger centerName={setup.centerName} onDone={refresh} />;
  if (!session.staff) return <SignIn centerName={setup.centerName} demo={setup.demo} onSignedIn={adopt} />;
  if (session.elsewhere && goOn !== String(session.staff.id))
    return (
      <Elsewhere
        staff={session.staff}
        onChange={adopt}
        onGoOn={() => {
          sessionStorage.setItem(GO_ON_KEY, String(session.staff!.id));
          setGoOn(String(session.staff!.id));
        }}
      />
    );
  // Locked: the shell is unmounted, so no personal data stays on screen or in the page.
  if (session.locked) return <LockScreen staff={session.staff} onChange={adopt} />;
  if (route.startsWith('/print/')) return <PrintView route={route} />;
  return <Shell session={session} county={setup.county} onSession={adopt} />;
}
