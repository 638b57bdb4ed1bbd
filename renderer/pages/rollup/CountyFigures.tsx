// 全县总数: the year's relief over every township or one, by the township report's definitions (persons and
// households once per township, 人次, amounts by kind, by area for one township, by month; reversals on their own
// line in the year of their own date).
import { Alert, Select, Spin } from 'antd';

import { formatWan, formatYuan } from '../../../shared/domain/money';
import { COUNTY_ADDS } from '../../../shared/domain/rollup';
import type { RollupLine, RollupYear } from '../../../shared/schemas/rollup';
import { FiguresTable, KindFigures } from '../../components/FiguresTable';
import { namedOptions } from '../../components/options';
import { go } from '../../components/router';
import { useRecord } from '../../components/useRecord';
import { SectionCards } from '../reports/SectionCards';

const n = (v: number) => v.toLocaleString('zh-CN');

export function CountyFigures({ year, code }: { year: number; code?: string }) {
  const towns = useRecord('rollup.townships', { year });
  const { value: r, error } = useRecord('rollup.year', { year, ...(code && { code }) });
  return (
    <>
      <Select
        value={code ?? ''}
        style={{ width: 240, marginBottom: 12 }}
        aria-label="范围"
        onChange={(c) => go(`/rollup/figures?year=${year}${c ? `&code=${c}` : ''}`)}
        options={[
          { value: '', label: '全县（各乡镇合计）' },
          ...namedOptions(
            (towns.value ?? []).filter((t) => t.ledgerId),
            'code',
          ),
        ]}
      />
      {error ? <Alert type="error" showIcon message={error.message} /> : !r ? <Spin /> : <YearTables r={r} />}
    </>
  );
}

function YearTables({ r }: { r: RollupYear }) {
  const total = r.lines.find((l) => !l.kindCode && !l.areaId);
  if (!total)
    return (
      <Alert
        type="info"
        showIcon
        message={`${r.scope}${r.year}年还没有发放记录`}
        description="乡镇登记后会自动上报；也可以在“乡镇登记”里导入乡镇带来的离线报送文件。"
      />
    );
  const kinds = r.lines.filter((l) => l.kindCode && !l.areaId);
  const areas = r.lines.filter((l) => l.areaId);
  const net = total.fen - r.reversals.fen;
  return (
    <>
      <p data-testid="rollup-summary">
        {r.year}年{r.scope}共救助 {n(total.persons)} 人、{n(total.households)} 户，{n(total.times)} 人次，发放{' '}
        {formatYuan(total.fen)} 元（{formatWan(total.fen)} 万元）
        {r.reversals.times > 0 &&
          `，本年冲正 ${n(r.reversals.times)} 笔 ${formatYuan(r.reversals.fen)} 元，净发放 ${formatYuan(net)} 元`}
        。{r.scope === '全县' && COUNTY_ADDS}
      </p>
      <KindFigures
        testId="rollup-kinds"
        kinds={kinds}
        reversals={r.reversals}
        total={{ ...total, label: total.kind }}
      />
      {areas.length > 0 && <AreaTable kinds={kinds} areas={areas} />}
      <FiguresTable
        testId="rollup-months"
        style={{ marginTop: 16 }}
        head={['月份', '人次', '发放金额（元）', '冲正金额（元）']}
        rows={r.byMonth.map((m) => ({
          key: m.month,
          label: m.month,
          cells: [n(m.times), formatYuan(m.fen), m.reversalFen ? `-${formatYuan(m.reversalFen)}` : '0.00'],
        }))}
      />
      {r.sections && (
        <div style={{ marginTop: 16 }} data-testid="rollup-sections">
          <SectionCards r={{ ...r.sections, year: r.year }} links={false} />
        </div>
      )}
    </>
  );
}

/** One township's areas by kind, amounts in yuan: the township report's own area table. */
function AreaTable({ kinds, areas }: { kinds: RollupLine[]; areas: RollupLine[] }) {
  const names = [...new Map(areas.map((l) => [l.areaId, l.area])).entries()];
  const cell = (areaId: number, kindCode: string) =>
    areas.find((l) => l.areaId === areaId && l.kindCode === kindCode)?.fen ?? 0;
  return (
    <FiguresTable
      testId="rollup-areas"
      style={{ marginTop: 16 }}
      head={['村/社区', ...kinds.map((k) => `${k.kind}（元）`), '合计（元）']}
      rows={names.map(([areaId, area]) => ({
        key: areaId,
        label: area,
        labelStyle: { whiteSpace: 'nowrap' },
        cells: [
          ...kinds.map((k) => formatYuan(cell(areaId, k.kindCode))),
          formatYuan(kinds.reduce((s, k) => s + cell(areaId, k.kindCode), 0)),
        ],
      }))}
    />
  );
}
