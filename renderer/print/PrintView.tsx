// Print routes (#/print/…): a sheet per document, sized by CSS @page, printed with the browser's (or Electron's)
// print; tests make the PDF with page.pdf({ preferCSSPageSize: true }).
import { Button, Spin } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { ApplicationDetail, PublicityRow } from '../../shared/schemas/applications';
import type { CenterSettings } from '../../shared/schemas/settings';
import { call } from '../api';
import { MaterialsNotice, Receipt, RejectionNotice } from './CaseDocuments';
import { PublicityList } from './PublicityList';
import './print.css';

function usePageSize(size: 'A4' | 'A5') {
  useEffect(() => {
    const style = document.createElement('style'); // gets the CSP nonce (components/csp.ts)
    style.textContent = `@page { size: ${size}; margin: 12mm; }`;
    document.head.appendChild(style);
    return () => style.remove();
  }, [size]);
}

function Frame({ size, children }: { size: 'A4' | 'A5'; children: ReactNode }) {
  usePageSize(size);
  return (
    <>
      <div className="print-toolbar">
        <Button type="primary" onClick={() => window.print()}>打印</Button>
        <Button onClick={() => history.back()}>返回</Button>
      </div>
      {children}
    </>
  );
}

export function PrintView({ route }: { route: string }) {
  const [center, setCenter] = useState<CenterSettings | null>(null);
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [publicity, setPublicity] = useState<{ day: string; rows: PublicityRow[] } | null>(null);
  const [, kindOfDoc, idPart] = route.split('?')[0].split('/').slice(1);
  const params = new URLSearchParams(route.split('?')[1] ?? '');

  useEffect(() => {
    void call('settings.get', {}).then((r) => r.ok && setCenter(r.value));
    if (kindOfDoc === 'publicity') {
      const area = params.get('area');
      void call('applications.publicity', area ? { areaId: Number(area) } : {}).then((r) => r.ok && setPublicity(r.value));
    } else void call('applications.get', { id: Number(idPart) }).then((r) => r.ok && setApp(r.value));
  }, [route]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!center || (kindOfDoc === 'publicity' ? !publicity : !app)) return <Spin fullscreen />;
  if (kindOfDoc === 'publicity') return <Frame size="A4"><PublicityList center={center} data={publicity!} /></Frame>;
  if (kindOfDoc === 'notice') return <Frame size="A5"><MaterialsNotice center={center} a={app!} /></Frame>;
  if (kindOfDoc === 'rejection') return <Frame size="A4"><RejectionNotice center={center} a={app!} /></Frame>;
  return <Frame size="A5"><Receipt center={center} a={app!} /></Frame>;
}
