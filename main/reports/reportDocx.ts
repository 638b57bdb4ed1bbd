// 年度工作总结 as .docx, the form township offices edit and pass upward: the title; 一、基本情况 (the summary paragraph
// and the figures in words); 二、主要做法, 三、存在问题, 四、下一步打算 (the center's saved text, else the draft from the
// figures: yearSummary.ts); then as 附表 the report's tables with the same figures as the screen, the month chart as a
// picture (ECharts' server-side SVG, with a PNG drawn from it by resvg for Word versions that cannot show SVG), and the
// signature lines. Built by the `docx` package, in real Word styles so that the file survives editing in WPS or Word:
// 标题 1 and 标题 2 for the headings (the outline in the navigation pane), a body and a table text style, the tables'
// rules defined once, 仿宋 and 宋体 set as East Asian fonts (zh-CN, so a PC without them falls back to a Chinese face),
// the tables' header rows repeated and their rows never split, 第 X 页 共 Y 页 in the footer.
import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  type IStylesOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

import { successRate } from '../../shared/domain/disputes';
import { formatWan, formatYuan } from '../../shared/domain/money';
import { areaTotals, changeText, monthChartOption, wan } from '../../shared/domain/reports';
import { SUMMARY_HEADINGS, summaryParagraphs } from '../../shared/domain/yearSummary';
import type { AnnualReport, YearSummary } from '../../shared/schemas/reports';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

const CHART = { width: 600, height: 260 };
// Word on a township PC has 微软雅黑; this machine and Linux PCs have Noto. The first one present is used.
const CHART_FONT = 'Microsoft YaHei, Noto Sans CJK SC, sans-serif';

/** The month chart as SVG text, and as a PNG at twice the size for Word versions without SVG. */
export function monthChart(r: AnnualReport): { svg: string; png: Buffer } {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, ...CHART });
  chart.setOption(monthChartOption(r.byMonth, CHART_FONT));
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: CHART.width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
    background: '#ffffff',
  })
    .render()
    .asPng();
  return { svg, png };
}

const n = (v: number) => v.toLocaleString('zh-CN');

/** Latin text in Times New Roman, Chinese in the face given: without `eastAsia` a font change misses Chinese text. */
const face = (eastAsia: string) => ({
  font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, hint: 'eastAsia' },
});
const STYLE = { body: 'BodyText', cell: 'TableText' } as const;
/**
 * The tables' Word table style (台账表格: single half-point rules around and between the cells), so that a row or a
 * table an office adds in WPS or Word keeps the rules. The docx package writes paragraph styles only: this one goes in
 * as the document's external styles, which the package's own (below) then join.
 */
const TABLE_STYLE = 'LedgerTable';
const rule = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
const EXTERNAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault><w:pPrDefault/></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr>
<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
</w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="${TABLE_STYLE}"><w:name w:val="台账表格"/><w:basedOn w:val="TableNormal"/>
<w:qFormat/><w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(rule).join('')}
</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>
</w:tblPr></w:style>
</w:styles>`;

/** The document's styles: its defaults, the title, 标题 1 and 2 (outline levels 1 and 2), the body, the tables. */
const STYLES: IStylesOptions = {
  default: {
    document: { run: { ...face('仿宋'), size: 28, language: { value: 'en-US', eastAsia: 'zh-CN' } } },
    title: {
      run: { ...face('宋体'), size: 40, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } },
    },
  },
  paragraphStyles: [
    {
      id: 'Heading1',
      name: 'heading 1',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { ...face('黑体'), size: 30, color: '000000' },
      paragraph: { outlineLevel: 0, keepNext: true, spacing: { before: 240, after: 120 } },
    },
    {
      id: 'Heading2',
      name: 'heading 2',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { ...face('楷体'), size: 28, bold: true, color: '000000' },
      paragraph: { outlineLevel: 1, keepNext: true, spacing: { before: 240, after: 120 } },
    },
    {
      id: STYLE.body,
      name: 'Body Text',
      basedOn: 'Normal',
      quickFormat: true,
      paragraph: { indent: { firstLine: 640 }, spacing: { line: 560 } },
    },
    { id: STYLE.cell, name: '表格文字', basedOn: 'Normal', run: { ...face('宋体'), size: 20 } },
  ],
};

const body = (text: string) => new Paragraph({ text, style: STYLE.body });
const heading = (text: string, level: 1 | 2 = 1, pageBreakBefore = false) =>
  new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, pageBreakBefore });

/** 第 X 页 共 Y 页, centered under every page. */
const footer = new Footer({
  children: [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 21 }),
      ],
    }),
  ],
});

/** A table of text cells, the first row its header (repeated on every page); widths in twips (9,000 fill the page). */
function table(rows: string[][], widths: number[]): Table {
  return new Table({
    style: TABLE_STYLE,
    width: { size: widths.reduce((x, y) => x + y, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          tableHeader: i === 0,
          cantSplit: true,
          children: cells.map(
            (text, j) =>
              new TableCell({
                width: { size: widths[j], type: WidthType.DXA },
                children: [
                  new Paragraph({
                    style: STYLE.cell,
                    alignment: j === 0 ? AlignmentType.LEFT : i === 0 ? AlignmentType.CENTER : AlignmentType.RIGHT,
                    children: [new TextRun({ text, bold: i === 0 })],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

/** The rows of the kind table, as on the screen (ReportTables.tsx). */
export function kindRows(r: AnnualReport): string[][] {
  return [
    ['救助类别', '人数', '户数', '人次', '金额（元）', '金额（万元）', '上年金额（元）', '增减'],
    ...r.byKind.map((k) => [
      k.kind,
      n(k.persons),
      n(k.households),
      n(k.times),
      formatYuan(k.fen),
      formatWan(k.fen),
      formatYuan(k.prevFen),
      changeText(k.fen, k.prevFen),
    ]),
    ['本年冲正', '', '', n(r.reversals.times), formatYuan(-r.reversals.fen), formatWan(-r.reversals.fen), '', ''],
    [
      '合计（净发放）',
      n(r.total.persons),
      n(r.total.households),
      n(r.total.times),
      formatYuan(r.netFen),
      formatWan(r.netFen),
      formatYuan(r.prevTotal.netFen),
      changeText(r.netFen, r.prevTotal.netFen),
    ],
  ];
}

/** By area, the totals only: the area × kind matrix is on the screen and in the .xlsx, too wide for a Word page. */
function areaRows(r: AnnualReport, areaWord: string): string[][] {
  return [
    [areaWord, '人次', '金额（元）', '金额（万元）'],
    ...areaTotals(r).map((a) => [a.area, n(a.times), formatYuan(a.fen), formatWan(a.fen)]),
  ];
}

function monthRows(r: AnnualReport): string[][] {
  return [
    ['月份', '人次', '金额（元）', '冲正（元）'],
    ...r.byMonth.map((m) => [
      `${Number(m.month.slice(5))}月`,
      n(m.times),
      formatYuan(m.fen),
      m.reversalFen ? formatYuan(-m.reversalFen) : '—',
    ]),
  ];
}

/** The paragraphs after the tables: the same words and figures as the screen's 办理、台账与结对帮扶. */
export function otherLines(r: AnnualReport): string[] {
  const a = r.applications;
  const p = r.pairing;
  const [w, g, d] = [r.wishes?.total, r.suggestions?.total, r.disputes?.total];
  const rate = a.decided ? `（${((a.decidedInTime * 100) / a.decided).toFixed(1)}%）` : '';
  return [
    `救助申请：受理 ${a.accepted} 件，批准 ${a.approved} 件，不予批准 ${a.rejected} 件，撤回 ${a.withdrawn} 件；` +
      `审结 ${a.decided} 件，按时办结 ${a.decidedInTime} 件${rate}。`,
    `台账变动：新纳入 ${r.registry.entered} 户，退出 ${r.registry.left} 户，年末在册 ${r.registry.registeredAtEnd} 户。`,
    ...(p
      ? [
          `结对帮扶：结对干部 ${p.cadres} 名，结对户 ${p.households} 户，走访 ${p.visits} 次，` +
            `帮扶物资折合 ${formatYuan(p.aidFen)} 元；制发便民服务卡 ${p.cardsIssued} 张。`,
        ]
      : []),
    ...(w
      ? [
          `微心愿：征集 ${w.collected} 个，审定采纳 ${w.accepted} 个，认领 ${w.claimed} 个，实现 ${w.fulfilled} 个，` +
            `不予采纳 ${w.declined} 个，超期 ${w.overdue} 个。`,
        ]
      : []),
    ...(g
      ? [
          `群众意见建议：收集 ${g.collected} 条，立即答复 ${g.onTheSpot} 条，办结 ${g.closed} 条，` +
            `解决 ${g.resolved} 条，超期 ${g.overdue} 条。`,
        ]
      : []),
    ...(d
      ? [
          `矛盾纠纷调解：受理 ${d.accepted} 件，办结 ${d.concluded} 件，调解成功 ${d.settled} 件` +
            `（口头协议 ${d.oral} 件，书面协议 ${d.written} 件，成功率 ${successRate(d)}），调解不成 ${d.failed} 件，` +
            `转交 ${d.transferred} 件，超期 ${d.overdue} 件；涉及人员 ${d.persons} 人，涉及金额 ${wan(d.amount)} 万元。`,
        ]
      : []),
  ];
}

/** The 附表 of the .docx, numbered as the body refers to them: 标题 2 under a 标题 1 of their own. */
export const ANNEX_HEADING = '附表';
export const ANNEX_TITLES = [
  '附表1　救助资金发放情况（按救助类别）',
  '附表2　救助资金发放情况（按村/社区）',
  '附表3　救助资金发放情况（按月份）',
] as const;

export async function reportDocx(
  r: AnnualReport,
  summary: YearSummary,
  center: string,
  today: string,
  /** What the report's areas are: a township's villages, or the county's townships (county/countyReport.ts). */
  areaWord = '村/社区',
): Promise<Buffer> {
  const chart = monthChart(r);
  const doc = new Document({
    creator: center,
    title: `${center}${r.year}年度工作总结`,
    externalStyles: EXTERNAL_STYLES,
    styles: STYLES,
    sections: [
      {
        properties: { page: { margin: { top: 1400, bottom: 1300, left: 1500, right: 1400 } } },
        footers: { default: footer },
        children: [
          new Paragraph({ text: `${center}${r.year}年度工作总结`, heading: HeadingLevel.TITLE }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({ text: `统计期间：${r.year}年1月1日至${r.year}年12月31日　金额单位：元`, size: 21 }),
            ],
          }),
          heading(SUMMARY_HEADINGS.basics),
          body(r.summary),
          ...otherLines(r).map(body),
          body('全年救助资金发放情况见附表1至附表3。'),
          ...summary.sections.flatMap((s) => [
            heading(SUMMARY_HEADINGS[s.section]),
            ...summaryParagraphs(s.text).map(body),
          ]),
          heading(ANNEX_HEADING, 1, true),
          heading(ANNEX_TITLES[0], 2),
          table(kindRows(r), [2400, 700, 700, 800, 1400, 1000, 1300, 700]),
          heading(ANNEX_TITLES[1].replace('村/社区', areaWord), 2),
          table(areaRows(r, areaWord), [3000, 1800, 2400, 1800]),
          heading(ANNEX_TITLES[2], 2),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'svg',
                data: Buffer.from(chart.svg),
                transformation: CHART,
                fallback: { type: 'png', data: chart.png },
                altText: { name: '各月发放金额', title: '各月发放金额', description: '各月发放金额和人次' },
              }),
            ],
          }),
          table(monthRows(r), [2100, 2100, 2400, 2400]),
          new Paragraph({
            spacing: { before: 240 },
            children: [
              new TextRun({
                text: '说明：发放按发放日期计入年度；冲正按冲正日期计入年度并单列“本年冲正”。人数、户数按身份去重。',
                size: 21,
              }),
            ],
          }),
          new Paragraph({
            spacing: { before: 480 },
            children: [new TextRun(`制表人：　　　　　　审核人：　　　　　　日期：${today}`)],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
