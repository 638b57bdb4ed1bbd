// Hash routes (#/ledger, #/settings/staff): both hosts serve one index.html, from app:// or http://127.0.0.1.
import { useEffect, useState } from 'react';

const current = () => location.hash.replace(/^#/, '') || '/';

export function useRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const on = () => setRoute(current());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function go(route: string): void {
  location.hash = route;
}
