// The card print route: a preview of the selection (drawn in chunks, with a progress bar), then 制卡并打印 issues
// the numbers, records the printing in one transaction, draws the numbered cards and opens the print dialog; or
// 制卡并生成 PDF does the same issue and has main write the PDF at printer speed (large batches).
import { Alert, App, Button, Progress, Space } from 'antd';
import { useEffect, useState } from 'react';

import { withoutCadreWarning } from '../../shared/domain/cards';
import type { CardView } from '../../shared/schemas/pairings';
import type { CenterSettings } from '../../shared/schemas/settings';
import { call } from '../api';
import { downloadBase64 } from '../components/download';
import { ServiceCards } from './ServiceCards';

const CHUNK = 40;

export function CardsPrint({ center, params }: { center: CenterSettings; params: URLSearchParams }) {
  const format = params.get('format') === 'a4' ? 'a4' : 'cr80';
  const selection = {
    householdIds: params.get('ids')?.split(',').map(Number).filter(Boolean),
    areaId: Number(params.get('area')) || undefined,
    reprintOnly: params.get('reprint') === '1' || undefined,
  };
  const reissue = params.get('reissue') === '1';
  const [cards, setCards] = useState<CardView[] | null>(null);
  const [shown, setShown] = useState(0);
  const [issued, setIssued] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pdf, setPdf] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { modal } = App.useApp();

  useEffect(() => {
    const style = document.createElement('style'); // gets the CSP nonce (components/csp.ts)
    style.textContent = `@page { size: ${format === 'a4' ? 'A4' : '85.6mm 54mm'}; margin: 0; }`;
    document.head.appendChild(style);
    void call('cards.prepare', selection).then((r) => (r.ok ? setCards(r.value) : setError(r.error.message)));
    return () => style.remove();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once: preparing issues card numbers

  // Drawing hundreds of QR codes takes a while: a chunk per frame keeps the window responsive and the bar moving.
  useEffect(() => {
    if (!cards || shown >= cards.length) return;
    const t = setTimeout(() => setShown((n) => Math.min(cards.length, n + CHUNK)), 0);
    return () => clearTimeout(t);
  }, [cards, shown]);

  // Cards with no 帮扶干部 print 待确定: the clerk is asked first, and main refuses them unless the answer was yes.
  const unpaired = (cards ?? []).filter((c) => c.cadreName === null);
  const afterAsking = (go: (withoutCadre: boolean) => Promise<void>) => () => {
    if (unpaired.length === 0) return void go(false);
    modal.confirm({
      title: '有户尚未结对帮扶干部',
      content: withoutCadreWarning(unpaired),
      okText: '仍要制卡',
      cancelText: '取消',
      onOk: () => go(true),
    });
  };
  // A refusal may come from a change since the preview (a pairing ended): the preview is read again, so that the
  // next click asks about the households as they are now.
  const refusedWith = (message: string) => {
    setError(message);
    void call('cards.prepare', selection).then((r) => r.ok && setCards(r.value));
  };
  const issueAndPrint = async (withoutCadre: boolean) => {
    const r = await call('cards.issue', { ...selection, format, reissue, withoutCadre });
    if (!r.ok) return refusedWith(r.error.message);
    setShown(0);
    setCards(r.value);
    setIssued(true);
  };
  const issueToPdf = async (withoutCadre: boolean) => {
    setBusy(true);
    const r = await call('cards.pdf', { ...selection, format, reissue, withoutCadre });
    setBusy(false);
    if (!r.ok) return refusedWith(r.error.message);
    downloadBase64(r.value.fileName, r.value.base64, 'application/pdf');
    setPdf(
      `已制卡 ${r.value.rows} 张并生成 PDF：${r.value.fileName}。请用 PDF 阅读器打开后打印（A4 双面打印选“长边翻转”）。`,
    );
  };
  const ready = cards !== null && shown >= cards.length;
  useEffect(() => {
    if (issued && ready) window.print();
  }, [issued, ready]);

  return (
    <>
      <div className="print-toolbar">
        <Button
          type="primary"
          disabled={!ready || issued || !!pdf || !cards?.length}
          onClick={afterAsking(issueAndPrint)}
        >
          {reissue ? '补卡并打印' : '制卡并打印'}
        </Button>
        <Button disabled={issued || !!pdf || !cards?.length} loading={busy} onClick={afterAsking(issueToPdf)}>
          {reissue ? '补卡并生成 PDF' : '制卡并生成 PDF'}
        </Button>
        {issued && (
          <Button disabled={!ready} onClick={() => window.print()}>
            再次打印
          </Button>
        )}
        <Button onClick={() => history.back()}>返回</Button>
        <Space className="cards-toolbar-info">
          {cards && (
            <span data-testid="cards-count">
              {format === 'a4' ? 'A4 每页 10 张' : 'CR80 单张'}，共 {cards.length} 张
              {issued ? '，已制卡并记录' : '（预览，尚未制卡）'}
            </span>
          )}
          {cards && !ready && (
            <Progress
              percent={Math.round((shown / Math.max(1, cards.length)) * 100)}
              size="small"
              style={{ width: 200 }}
            />
          )}
        </Space>
      </div>
      {error && <Alert type="error" showIcon message={error} style={{ margin: 12 }} />}
      {unpaired.length > 0 && !issued && !pdf && (
        <Alert type="warning" showIcon message={withoutCadreWarning(unpaired)} style={{ margin: 12 }} />
      )}
      {pdf && <Alert type="success" showIcon message={pdf} style={{ margin: 12 }} data-testid="cards-pdf" />}
      {cards && cards.length > 100 && !issued && !pdf && (
        <Alert
          type="info"
          showIcon
          style={{ margin: 12 }}
          message={`共 ${cards.length} 张：张数多时建议点“制卡并生成 PDF”，几秒即可生成，再用 PDF 阅读器打印。`}
        />
      )}
      {cards && cards.length === 0 && (
        <Alert type="info" showIcon message="所选范围内没有需要制卡的户" style={{ margin: 12 }} />
      )}
      {cards && <ServiceCards cards={cards.slice(0, shown)} center={center} format={format} />}
      {ready && issued && <div data-testid="cards-ready" />}
    </>
  );
}
