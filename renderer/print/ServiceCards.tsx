// 便民服务卡: CR80 (85.6 × 54 mm, front then back as consecutive pages) or A4 sheets of ten with crop marks, each
// front sheet followed by its back sheet with the columns mirrored, so the backs line up when printed duplex
// (long-edge flip). The QR code is drawn from its modules as one SVG path: crisp on paper, no image, no URL.
import QRCode from 'qrcode';
import { memo } from 'react';

import { cardQrText } from '../../shared/domain/cards';
import type { CardView } from '../../shared/schemas/pairings';
import type { CenterSettings } from '../../shared/schemas/settings';

export const CARD_W = 85.6;
export const CARD_H = 54;
const PER_SHEET = 10;
const LEFT = (210 - 2 * CARD_W) / 2;
const TOP = (297 - 5 * CARD_H) / 2;

export const QrCode = memo(function QrCode({ text, sizeMm }: { text: string; sizeMm: number }) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  // One rectangle per run of dark modules in a row, not one per module: a third of the path, and of the PDF's work.
  let d = '';
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue;
      const from = x;
      while (x + 1 < n && qr.modules.get(y, x + 1)) x++;
      d += `M${from + 2} ${y + 2}h${x - from + 1}v1H${from + 2}z`;
    }
  return (
    <svg
      className="qr"
      width={`${sizeMm}mm`}
      height={`${sizeMm}mm`}
      viewBox={`0 0 ${n + 4} ${n + 4}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label="二维码"
    >
      <rect width={n + 4} height={n + 4} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
});

/** Memoized: the print route draws cards in chunks, and cards already drawn must not be drawn again. */
export const CardFront = memo(function CardFront({ card, center }: { card: CardView; center: CenterSettings }) {
  return (
    <div className="card front">
      <div className="card-head">
        <span>{center.name}</span>
        <b>便民服务卡</b>
      </div>
      <div className="card-body">
        <div className="card-lines">
          <div>
            卡号：<b className="card-no">{card.cardNo ?? '（制卡时编号）'}</b>
          </div>
          <div>
            户主：{card.head}　{card.area}
          </div>
          <div>
            帮扶干部：{card.cadreName ?? '待确定'}　{card.cadrePhone ?? ''}
          </div>
          <div>服务热线：{center.hotline || '—'}</div>
          <div className="small">办公时间：{center.officeHours}</div>
        </div>
        <QrCode text={cardQrText(card, center.hotline)} sizeMm={19} />
      </div>
    </div>
  );
});

export const CardBack = memo(function CardBack({ center }: { center: CenterSettings }) {
  return (
    <div className="card back">
      <div className="back-title">服务事项及联系电话</div>
      <div className="back-items">
        {center.serviceItems.map((s) => (
          <div key={s.name}>
            <span>{s.name}</span>
            <span>{s.phone || '—'}</span>
          </div>
        ))}
      </div>
      <div className="back-foot">有困难找便民服务中心。请妥善保管本卡，遗失可到中心补办。</div>
    </div>
  );
});

/** Short lines in the margins where the cards' edges are, for the guillotine. */
function CropMarks() {
  const xs = [LEFT, LEFT + CARD_W, LEFT + 2 * CARD_W];
  const ys = Array.from({ length: 6 }, (_, i) => TOP + i * CARD_H);
  return (
    <svg className="crop" width="210mm" height="297mm" viewBox="0 0 210 297">
      {xs.map((x) => (
        <g key={`x${x}`}>
          <line x1={x} y1={TOP - 8} x2={x} y2={TOP - 2} />
          <line x1={x} y1={297 - TOP + 2} x2={x} y2={297 - TOP + 8} />
        </g>
      ))}
      {ys.map((y) => (
        <g key={`y${y}`}>
          <line x1={LEFT - 8} y1={y} x2={LEFT - 2} y2={y} />
          <line x1={210 - LEFT + 2} y1={y} x2={210 - LEFT + 8} y2={y} />
        </g>
      ))}
    </svg>
  );
}

function Slot({ i, mirrored, children }: { i: number; mirrored: boolean; children: React.ReactNode }) {
  const row = Math.floor(i / 2);
  const col = mirrored ? 1 - (i % 2) : i % 2;
  return (
    <div className="slot" style={{ left: `${LEFT + col * CARD_W}mm`, top: `${TOP + row * CARD_H}mm` }}>
      {children}
    </div>
  );
}

export function ServiceCards({
  cards,
  center,
  format,
}: {
  cards: CardView[];
  center: CenterSettings;
  format: 'cr80' | 'a4';
}) {
  if (format === 'cr80')
    return (
      <div className="cards-cr80">
        {cards.map((c) => (
          <div key={c.householdId}>
            <div className="card-page">
              <CardFront card={c} center={center} />
            </div>
            <div className="card-page">
              <CardBack center={center} />
            </div>
          </div>
        ))}
      </div>
    );
  const sheets: CardView[][] = [];
  for (let i = 0; i < cards.length; i += PER_SHEET) sheets.push(cards.slice(i, i + PER_SHEET));
  return (
    <div className="cards-a4">
      {sheets.map((sheet, n) => (
        <div key={n}>
          <div className="card-sheet">
            <CropMarks />
            {sheet.map((c, i) => (
              <Slot key={c.householdId} i={i} mirrored={false}>
                <CardFront card={c} center={center} />
              </Slot>
            ))}
          </div>
          <div className="card-sheet">
            <CropMarks />
            {sheet.map((c, i) => (
              <Slot key={c.householdId} i={i} mirrored>
                <CardBack center={center} />
              </Slot>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
