// 便民服务卡 as a PDF written directly (pdfkit), for large batches: the same faces as the print route's cards
// (renderer/print/ServiceCards.tsx) — CR80 pages, or A4 sheets of ten with crop marks and mirrored backs — at printer
// speed, with no page layout to run. The QR code is one path of a rectangle per run of dark modules.
import fs from 'node:fs';

import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

import { cardQrText } from '../../shared/domain/cards';
import { AppError } from '../../shared/domain/result';
import type { CardView } from '../../shared/schemas/pairings';
import type { CenterSettings } from '../../shared/schemas/settings';

const W = 85.6;
const H = 54;
const LEFT = (210 - 2 * W) / 2;
const TOP = (297 - 5 * H) / 2;
const RED = '#c8161d';
const pt = (mm: number) => (mm * 72) / 25.4;

/** A Chinese sans font the PC has (regular and bold): 微软雅黑 on Windows, Noto Sans CJK on Debian, UOS and Kylin. */
const FONTS = [
  ['C:\\Windows\\Fonts\\msyh.ttc', 'MicrosoftYaHei', 'C:\\Windows\\Fonts\\msyhbd.ttc', 'MicrosoftYaHei-Bold'],
  [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    'NotoSansCJKsc-Regular',
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    'NotoSansCJKsc-Bold',
  ],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular', '', ''],
] as const;

type Font = [Buffer, string];
// Read once: a CJK font file is some 20 MB, and reading it again for every PDF would cost more than the cards.
let found: { regular: Font; bold: Font } | null = null;

function fonts(): { regular: Font; bold: Font } {
  if (found) return found;
  for (const [file, name, boldFile, boldName] of FONTS)
    if (fs.existsSync(file)) {
      const regular: Font = [fs.readFileSync(file), name];
      const bold: Font = boldFile && fs.existsSync(boldFile) ? [fs.readFileSync(boldFile), boldName] : regular;
      return (found = { regular, bold });
    }
  throw new AppError(
    'CONFLICT',
    '这台电脑上没有找到中文字体（微软雅黑或 Noto Sans CJK），无法生成服务卡 PDF；可改用“制卡并打印”',
  );
}

type Doc = PDFKit.PDFDocument;

/** Text on one line at (x, y) in mm, made smaller until it fits `width` mm (a long center name). */
function line(doc: Doc, text: string, x: number, y: number, size: number, width: number, align = 'left'): void {
  let s = size;
  doc.fontSize(s);
  let w = doc.widthOfString(text);
  while (s > 5 && w > pt(width)) {
    doc.fontSize((s -= 0.5));
    w = doc.widthOfString(text);
  }
  const left = align === 'right' ? pt(x + width) - w : align === 'center' ? pt(x) + (pt(width) - w) / 2 : pt(x);
  doc.text(text, left, pt(y), { lineBreak: false });
}

function qr(doc: Doc, text: string, x: number, y: number, size: number): void {
  // One byte segment (UTF-8) and one mask: every reader decodes any of the eight masks (the symbol names its own), and
  // scoring all eight to pick the "best" took a fifth of the PDF's time. Mask 0 is the checkerboard of the standard.
  const code = QRCode.create([{ data: Buffer.from(text), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: 0,
  });
  const n = code.modules.size;
  const u = pt(size) / (n + 4);
  const [ox, oy] = [pt(x) + 2 * u, pt(y) + 2 * u];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!code.modules.get(r, c)) continue;
      const from = c;
      while (c + 1 < n && code.modules.get(r, c + 1)) c++;
      doc.rect(ox + from * u, oy + r * u, (c - from + 1) * u, u);
    }
  doc.fill('#000');
}

function front(doc: Doc, card: CardView, center: CenterSettings, x: number, y: number): void {
  doc.rect(pt(x), pt(y), pt(W), pt(9.5)).fill(RED);
  doc.fillColor('#fff').font('bold');
  line(doc, '便民服务卡', x + 55, y + 2, 12, W - 58.5, 'right');
  doc.font('regular');
  line(doc, center.name, x + 3.5, y + 3.2, 8, 50);
  doc.fillColor('#000');
  const lines = [
    `户主：${card.head}　${card.area}`,
    `帮扶干部：${card.cadreName ?? '待确定'}　${card.cadrePhone ?? ''}`,
    `服务热线：${center.hotline || '—'}`,
  ];
  line(doc, '卡号：', x + 3.5, y + 12.5, 8, 10);
  doc.font('bold');
  line(doc, card.cardNo ?? '（制卡时编号）', x + 11.8, y + 12.3, 9, 45);
  doc.font('regular');
  lines.forEach((l, i) => line(doc, l, x + 3.5, y + 17.3 + i * 4.7, 8, 58));
  line(doc, `办公时间：${center.officeHours}`, x + 3.5, y + 32, 6.5, 58);
  qr(doc, cardQrText(card, center.hotline), x + W - 3 - 19, y + 13.5, 19);
}

function back(doc: Doc, center: CenterSettings, x: number, y: number): void {
  doc.rect(pt(x), pt(y), pt(W), pt(2)).fill(RED);
  doc.fillColor('#000').font('bold');
  line(doc, '服务事项及联系电话', x, y + 4.5, 9.5, W, 'center');
  doc.font('regular');
  center.serviceItems.forEach((s, i) => {
    const [cx, cy] = [x + 4 + (i % 2) * 40, y + 11 + Math.floor(i / 2) * 5.2];
    line(doc, s.name, cx, cy, 8, 22);
    line(doc, s.phone || '—', cx + 18, cy, 8, 19.6, 'right');
    doc
      .moveTo(pt(cx), pt(cy + 4.3))
      .lineTo(pt(cx + 37.6), pt(cy + 4.3))
      .lineWidth(0.4)
      .stroke('#ccc');
  });
  line(doc, '有困难找便民服务中心。请妥善保管本卡，遗失可到中心补办。', x, y + 48, 6.5, W, 'center');
}

function cropMarks(doc: Doc): void {
  doc.lineWidth(0.4).strokeColor('#000');
  for (const x of [LEFT, LEFT + W, LEFT + 2 * W]) {
    doc.moveTo(pt(x), pt(TOP - 8)).lineTo(pt(x), pt(TOP - 2));
    doc.moveTo(pt(x), pt(297 - TOP + 2)).lineTo(pt(x), pt(297 - TOP + 8));
  }
  for (let i = 0; i <= 5; i++) {
    const y = TOP + i * H;
    doc.moveTo(pt(LEFT - 8), pt(y)).lineTo(pt(LEFT - 2), pt(y));
    doc.moveTo(pt(210 - LEFT + 2), pt(y)).lineTo(pt(210 - LEFT + 8), pt(y));
  }
  doc.stroke();
}

/** The cards as one PDF: each CR80 card front then back, or A4 sheets of ten, each front sheet then its back sheet. */
export function cardsPdf(cards: CardView[], center: CenterSettings, format: 'cr80' | 'a4'): Promise<Buffer> {
  const f = fonts();
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, info: { Title: '便民服务卡', Creator: center.name } });
  doc.registerFont('regular', ...f.regular);
  doc.registerFont('bold', ...f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (format === 'cr80')
    for (const card of cards) {
      doc.addPage({ size: [pt(W), pt(H)], margin: 0 });
      front(doc, card, center, 0, 0);
      doc.addPage({ size: [pt(W), pt(H)], margin: 0 });
      back(doc, center, 0, 0);
    }
  else
    for (let s = 0; s < cards.length; s += 10) {
      const sheet = cards.slice(s, s + 10);
      doc.addPage({ size: 'A4', margin: 0 });
      cropMarks(doc);
      sheet.forEach((c, i) => front(doc, c, center, LEFT + (i % 2) * W, TOP + Math.floor(i / 2) * H));
      // The back sheet mirrors the columns, so each back lands behind its front when printed duplex (long edge).
      doc.addPage({ size: 'A4', margin: 0 });
      cropMarks(doc);
      sheet.forEach((_, i) => back(doc, center, LEFT + (1 - (i % 2)) * W, TOP + Math.floor(i / 2) * H));
    }
  doc.end();
  return done;
}
