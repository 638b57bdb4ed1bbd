// Print routes (#/print/…): a sheet per document, sized by CSS @page, printed with the browser's (or Electron's)
// print; tests make the PDF with page.pdf({ preferCSSPageSize: true }).
import './print.css';

import { Button, Result, Spin } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';

import type { ApplicationDetail, PublicityRow } from '../../shared/schemas/applications';
import type { ListPrint as ListData } from '../../shared/schemas/common';
import type { AgreementPrint, DisputeDetail } from '../../shared/schemas/disputes';
import type { PaymentDetail, Roster as RosterData } from '../../shared/schemas/payments';
import type { AnnualReport, YearSummary } from '../../shared/schemas/reports';
import type { RollupPrint as RollupData } from '../../shared/schemas/rollup';
import type { WallRow } from '../../shared/schemas/service';
import type { CenterSettings } from '../../shared/schemas/settings';
import { call } from '../api';
import { today } from '../components/today';
import { AnnualReportPrint } from './AnnualReportPrint';
import { CardsPrint } from './CardsPrint';
import { MaterialsNotice, Receipt, RejectionNotice } from './CaseDocuments';
import { AgreementDoc, SessionRecord } from './DisputeDocs';
import { ListPrint, loadList } from './ListPrint';
import { PaymentReceipt } from './PaymentReceipt';
import { PublicityList } from './PublicityList';
import { loadRollup, RollupPrint } from './RollupPrint';
import { Roster } from './Roster';
import { WishWall } from './WishWall';

function usePageSize(size: 'A4' | 'A5' | 'A4 landscape') {
  useEffect(() => {
    const style = document.createElement('style'); // gets the CSP nonce (components/csp.ts)
    style.textContent = `@page { size: ${size}; margin: 12mm; }`;
    document.head.appendChild(style);
    return () => style.remove();
  }, [size]);
}

function Frame({ size, children }: { size: 'A4' | 'A5' | 'A4 landscape'; children: ReactNode }) {
  usePageSize(size);
  return (
    <>
      <div className="print-toolbar">
        <Button type="primary" onClick={() => window.print()}>
          打印
        </Button>
        <Button onClick={() => history.back()}>返回</Button>
      </div>
      {children}
    </>
  );
}

type Doc =
  | { kind: 'publicity'; data: { day: string; rows: PublicityRow[] } }
  | { kind: 'case'; data: ApplicationDetail }
  | { kind: 'payment'; data: PaymentDetail }
  | { kind: 'roster'; data: RosterData }
  | { kind: 'report'; data: AnnualReport; summary: YearSummary }
  | { kind: 'wall'; data: { day: string; rows: WallRow[] } }
  | { kind: 'agreement'; data: AgreementPrint }
  | { kind: 'record'; data: DisputeDetail }
  | { kind: 'list'; data: ListData }
  | { kind: 'rollup'; data: RollupData };

/** What each print route reads: #/print/<kind>/<id>?area=… */
async function load(kind: string, id: number, area: number | undefined, year: number | undefined): Promise<Doc | null> {
  if (kind === 'publicity') {
    const r = await call('applications.publicity', area ? { areaId: area } : {});
    return r.ok ? { kind, data: r.value } : null;
  }
  if (kind === 'wall') {
    const r = await call('wishes.wall', area ? { areaId: area } : {});
    return r.ok ? { kind, data: r.value } : null;
  }
  if (kind === 'agreement') {
    const r = await call('disputes.agreement', { id });
    return r.ok ? { kind, data: r.value } : null;
  }
  if (kind === 'record') {
    const r = await call('disputes.get', { id });
    return r.ok ? { kind, data: r.value } : null;
  }
  if (kind === 'payment') {
    const r = await call('payments.get', { id });
    return r.ok ? { kind, data: r.value } : null;
  }
  if (kind === 'roster') {
    const r = await call('payroll.roster', { id, areaId: area });
    return r.ok ? { kind, data: r.value } : null;
  }
  if (kind === 'report') {
    const y = { year: year ?? today().year() };
    const [r, s] = await Promise.all([call('reports.annual', y), call('reports.summary', y)]);
    return r.ok && s.ok ? { kind, data: r.value, summary: s.value } : null;
  }
  const r = await call('applications.get', { id });
  return r.ok ? { kind: 'case', data: r.value } : null;
}

export function PrintView({ route }: { route: string }) {
  const [center, setCenter] = useState<CenterSettings | null>(null);
  const [doc, setDoc] = useState<Doc | null | undefined>(undefined);
  const [, kindOfDoc, idPart] = route.split('?')[0].split('/').slice(1);
  const params = new URLSearchParams(route.split('?')[1] ?? '');
  const area = Number(params.get('area')) || undefined;
  const year = Number(params.get('year')) || undefined;

  useEffect(() => {
    void call('settings.get', {}).then((r) => r.ok && setCenter(r.value));
    if (kindOfDoc === 'list')
      void loadList(idPart, params.get('f')).then((d) => setDoc(d && { kind: 'list', data: d }));
    else if (kindOfDoc === 'rollup')
      void loadRollup(idPart, params).then((d) => setDoc(d && { kind: 'rollup', data: d }));
    else if (kindOfDoc !== 'cards') void load(kindOfDoc, Number(idPart), area, year).then(setDoc);
  }, [route]); // eslint-disable-line react-hooks/exhaustive-deps -- every input is read from the route

  if (doc === null)
    return (
      <Result
        status="warning"
        title="无法打印：找不到这份文件或没有权限"
        extra={<Button onClick={() => history.back()}>返回</Button>}
      />
    );
  if (kindOfDoc === 'cards')
    return center ? (
      <CardsPrint center={center} params={new URLSearchParams(route.split('?')[1] ?? '')} />
    ) : (
      <Spin fullscreen />
    );
  if (!center || !doc) return <Spin fullscreen />;
  if (doc.kind === 'list')
    return (
      <Frame size="A4 landscape">
        <ListPrint data={doc.data} />
      </Frame>
    );
  if (doc.kind === 'rollup')
    return (
      <Frame size={doc.data.landscape ? 'A4 landscape' : 'A4'}>
        <RollupPrint data={doc.data} />
      </Frame>
    );
  if (doc.kind === 'publicity')
    return (
      <Frame size="A4">
        <PublicityList center={center} data={doc.data} />
      </Frame>
    );
  if (doc.kind === 'wall')
    return (
      <Frame size="A4">
        <WishWall center={center} data={doc.data} />
      </Frame>
    );
  if (doc.kind === 'agreement')
    return (
      <Frame size="A4">
        <AgreementDoc center={center} a={doc.data} />
      </Frame>
    );
  if (doc.kind === 'record')
    return (
      <Frame size="A4">
        <SessionRecord d={doc.data} sessionId={Number(params.get('session'))} />
      </Frame>
    );
  if (doc.kind === 'payment')
    return (
      <Frame size="A5">
        <PaymentReceipt center={center} p={doc.data} />
      </Frame>
    );
  if (doc.kind === 'report')
    return (
      <Frame size="A4">
        <AnnualReportPrint center={center} r={doc.data} summary={doc.summary} today={today().format('YYYY-MM-DD')} />
      </Frame>
    );
  if (doc.kind === 'roster')
    return (
      <Frame size="A4">
        <Roster center={center} data={doc.data} />
      </Frame>
    );
  if (kindOfDoc === 'notice')
    return (
      <Frame size="A5">
        <MaterialsNotice center={center} a={doc.data} />
      </Frame>
    );
  if (kindOfDoc === 'rejection')
    return (
      <Frame size="A4">
        <RejectionNotice center={center} a={doc.data} />
      </Frame>
    );
  return (
    <Frame size="A5">
      <Receipt center={center} a={doc.data} />
    </Frame>
  );
}
