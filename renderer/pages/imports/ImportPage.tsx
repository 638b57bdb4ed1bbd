// 数据导入: choose a roster, see what will come in and why not, map columns, decide duplicates, confirm; undo later.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColDef } from 'ag-grid-community';
import { Alert, App as AntApp, Button, Card, Checkbox, Progress, Radio, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';

import { fieldsOf, IMPORT_KINDS, IMPORT_ROLES, type ImportKind, ROW_STATUS } from '../../../shared/domain/imports';
import type { ImportPreview, ImportProgress, ImportRecord, ImportRow } from '../../../shared/schemas/imports';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { downloadBase64, XLSX } from '../../components/download';
import { FileButton } from '../../components/FileButton';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { namedOptions, valueOptions } from '../../components/options';
import { monthRange } from '../../components/today';
import { useLookups } from '../../components/useLookups';

const MAX_BYTES = 20 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const newJob = () => crypto.randomUUID();

/** What a preview can be re-checked with (imports.check). */
type Change = {
  sheet?: number;
  mapping?: Record<string, number | null>;
  areaMap?: Record<string, number>;
  decisions?: Record<string, 'merge' | 'skip'>;
  createAreas?: boolean;
  startMonth?: string | null;
};

/** The villages an import made, from its record's counts (an undo keeps them). */
const areasMade = (r: ImportRecord) => (JSON.parse(r.counts) as { areas?: number }).areas ?? 0;

export function ImportPage({ session }: { session: SessionState }) {
  const { message, modal } = AntApp.useApp();
  const roles = session.staff?.roles ?? [];
  const [kind, setKind] = useState<ImportKind>('households');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<'' | keyof typeof ROW_STATUS>('');
  const [version, setVersion] = useState(0);
  const job = useRef<string | null>(null);

  // While main reads or writes, its progress is asked for every 300 ms.
  useEffect(() => {
    if (!progress || !['reading', 'checking', 'writing'].includes(progress.phase)) return;
    const t = setInterval(async () => {
      if (!job.current) return;
      const r = await call('imports.progress', { job: job.current });
      if (r.ok) setProgress((p) => (p && ['reading', 'checking', 'writing'].includes(p.phase) ? r.value : p));
    }, 300);
    return () => clearInterval(t);
  }, [progress]);

  const open = async (file: File) => {
    setProblem(null);
    setPreview(null);
    if (file.size > MAX_BYTES) return setProblem('文件超过 20 MB，请只保留需要导入的工作表后另存再导入');
    job.current = newJob();
    setProgress({ phase: 'reading', read: 0, checked: 0, written: 0, total: 0 });
    const base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    const r = await call('imports.open', { job: job.current, kind, fileName: file.name, base64 });
    setProgress(null);
    if (!r.ok) return setProblem(r.error.message);
    setPreview(r.value);
    setVersion((v) => v + 1);
  };

  const recheck = async (change: Change) => {
    if (!preview) return;
    const r = await call('imports.check', { job: preview.job, ...change });
    if (!r.ok) return message.error(r.error.message);
    setPreview(r.value);
    setVersion((v) => v + 1);
  };

  const cancel = async () => {
    if (job.current) await call('imports.cancel', { job: job.current });
    job.current = null;
    setPreview(null);
    setProgress(null);
  };

  const confirm = () =>
    modal.confirm({
      title: '确认导入',
      content: `将导入 ${preview!.counts.ok} 行${preview!.counts.merge ? `，合并 ${preview!.counts.merge} 户` : ''}${preview!.newAreas.length ? `，新建村（社区）：${preview!.newAreas.join('、')}` : ''}；不能导入和跳过的行不会写入。导入后可整体撤销${preview!.newAreas.length ? '（新建的村/社区撤销后保留）' : ''}。`,
      okText: '确认导入',
      onOk: async () => {
        setProgress({ phase: 'writing', read: 0, checked: 0, written: 0, total: preview!.counts.ok });
        const r = await call('imports.confirm', { job: preview!.job });
        setProgress(null);
        if (!r.ok) return void message.error(r.error.message);
        const c = JSON.parse(r.value.counts) as Record<string, number>;
        message.success(
          `导入完成：${c.areas ? `新建 ${c.areas} 个村（社区）、` : ''}${c.households} 户、${c.persons} 人、${c.categories} 个困难类别、${c.applications} 件待遇、${c.payments} 笔发放`,
        );
        job.current = null;
        setPreview(null);
        setVersion((v) => v + 1);
      },
    });

  const download = async (channel: 'imports.problems' | 'imports.template' | 'households.exportFull') => {
    const r =
      channel === 'imports.problems'
        ? await call(channel, { job: preview!.job })
        : channel === 'imports.template'
          ? await call(channel, { kind })
          : await call(channel, {});
    if (!r.ok) return message.error(r.error.message);
    downloadBase64(r.value.fileName, r.value.base64, XLSX);
  };

  const busy = progress && ['reading', 'checking', 'writing'].includes(progress.phase);
  return (
    // The page's own padding and title, as every screen has (.page): without them the preview ran to the menu's edge.
    <div className="page">
      <h1 className="page-title">数据导入</h1>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap>
            <span>导入内容：</span>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} disabled={!!preview || !!busy}>
              {(Object.keys(IMPORT_KINDS) as ImportKind[]).map((k) => (
                <Radio.Button key={k} value={k} disabled={!roles.some((r) => IMPORT_ROLES[k].includes(r))}>
                  {IMPORT_KINDS[k]}
                </Radio.Button>
              ))}
            </Radio.Group>
            <FileButton
              type="primary"
              icon={<UploadOutlined />}
              disabled={!!busy}
              accept=".xlsx,.xlsm,.xls,.csv"
              testId="import-file"
              onFile={(f) => void open(f)}
            >
              选择文件…
            </FileButton>
            <Button icon={<DownloadOutlined />} onClick={() => download('imports.template')}>
              下载导入模板
            </Button>
            {roles.includes('admin') && (
              <Button onClick={() => download('households.exportFull')}>完整导出台账（迁移用）</Button>
            )}
          </Space>
        </Card>
        {problem && <Alert type="error" showIcon message="不能读取这个文件" description={problem} />}
        {busy && (
          <Card size="small">
            <Space direction="vertical" style={{ width: '100%' }}>
              <span>
                {progress.phase === 'writing'
                  ? `正在写入：已写 ${progress.written} 行`
                  : `正在读取：已读 ${progress.read} 行，已检查 ${progress.checked} 行`}
              </span>
              <Progress
                percent={
                  progress.total
                    ? Math.round(
                        (100 * (progress.phase === 'writing' ? progress.written : progress.checked)) / progress.total,
                      )
                    : 0
                }
                status="active"
              />
              {progress.phase !== 'writing' && <Button onClick={cancel}>取消</Button>}
            </Space>
          </Card>
        )}
        {preview ? (
          <PreviewPanel
            preview={preview}
            status={status}
            setStatus={setStatus}
            version={version}
            isAdmin={roles.includes('admin')}
            recheck={recheck}
            onConfirm={confirm}
            onCancel={cancel}
            onProblems={() => download('imports.problems')}
          />
        ) : (
          !busy && <ImportHistory version={version} onChange={() => setVersion((v) => v + 1)} />
        )}
      </Space>
    </div>
  );
}

function PreviewPanel(props: {
  preview: ImportPreview;
  status: '' | keyof typeof ROW_STATUS;
  setStatus: (s: '' | keyof typeof ROW_STATUS) => void;
  version: number;
  isAdmin: boolean;
  recheck: (c: Change) => void;
  onConfirm: () => void;
  onCancel: () => void;
  onProblems: () => void;
}) {
  const { preview: p, status, recheck } = props;
  const { areas } = useLookups();
  const columnOptions = [
    { value: -1, label: '（不导入）' },
    ...p.headers.map((h) => ({ value: h.col, label: `${h.letter} 列：${h.text || '（无表头）'}` })),
  ];
  const fetchPage = useCallback(
    (req: PageRequest) =>
      call('imports.rows', { job: p.job, offset: req.offset, limit: req.limit, ...(status ? { status } : {}) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: a re-check gives new verdicts under the same job
    [p.job, status, props.version],
  );
  const columns: ColDef<ImportRow>[] = [
    { field: 'row', headerName: 'Excel 行号', width: 100 },
    {
      field: 'status',
      headerName: '结果',
      width: 100,
      valueFormatter: (v) => ROW_STATUS[v.value as keyof typeof ROW_STATUS],
      cellStyle: (v) => ({ color: v.value === 'refused' ? '#cf1322' : v.value === 'confirm' ? '#d46b08' : '#389e0d' }),
    },
    {
      field: 'decision',
      headerName: '处理',
      width: 110,
      cellRenderer: (v: { data?: ImportRow }) =>
        v.data?.decision ? (
          <Select
            size="small"
            value={v.data.decision}
            style={{ width: 90 }}
            options={[
              { value: 'merge', label: '合并' },
              { value: 'skip', label: '跳过' },
            ]}
            onChange={(d) => recheck({ decisions: { [v.data!.row]: d } })}
          />
        ) : null,
    },
    { field: 'name', headerName: '姓名', width: 110 },
    { field: 'idMasked', headerName: '身份证号', width: 190 },
    { field: 'area', headerName: '村（社区）', width: 110 },
    { field: 'detail', headerName: '内容', width: 220 },
    { field: 'reasons', headerName: '原因或说明', flex: 1, minWidth: 320, tooltipField: 'reasons' },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type={p.blocker ? 'warning' : 'info'}
        showIcon
        data-testid="import-counts"
        message={`${p.fileName}：共 ${p.counts.total} 行 — 可导入 ${p.counts.ok} 行，需确认 ${p.counts.confirm} 行，不能导入 ${p.counts.refused} 行（空行和合计行 ${p.counts.blank} 行已忽略）`}
        description={
          p.blocker ??
          `表头在第 ${p.headerRows.join('、')} 行。可以修改下面的列对应关系；对应关系会按表头记住，下次同样的表自动套用。`
        }
      />
      <Card size="small" title="列的对应关系">
        <Space wrap>
          {p.sheets.length > 1 && (
            <span>
              工作表：
              <Select
                value={p.sheet}
                style={{ width: 160 }}
                options={p.sheets.map((s, i) => ({ value: i, label: s }))}
                onChange={(sheet) => recheck({ sheet })}
              />
            </span>
          )}
          {p.kind === 'entitlements' && (
            // One start month for a roster without a 起始月份 column (most have none); the column, where filled, wins.
            <span data-testid="import-start-month">
              起始月份（整个文件）：
              <Select
                size="small"
                style={{ width: 120 }}
                allowClear
                showSearch
                placeholder="选择月份"
                aria-label="起始月份（整个文件）"
                value={p.startMonth ?? undefined}
                options={valueOptions(monthRange(3, -36))}
                onChange={(m?: string) => recheck({ startMonth: m ?? null })}
              />
              <Typography.Text type="secondary">（文件中填了起始月份的行以文件为准）</Typography.Text>
            </span>
          )}
          {fieldsOf(p.kind).map((f) => (
            <span key={f.key} data-testid={`map-${f.key}`}>
              {f.required ? <Typography.Text type="danger">*</Typography.Text> : null}
              {f.label}：
              <Select
                size="small"
                style={{ width: 170 }}
                value={p.mapping[f.key] ?? -1}
                options={columnOptions}
                onChange={(c) => recheck({ mapping: { [f.key]: c === -1 ? null : c } })}
              />
            </span>
          ))}
        </Space>
      </Card>
      {p.notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="import-notes"
          message="不导入的列"
          description={p.notes.map((n) => (
            <div key={n}>{n}</div>
          ))}
        />
      )}
      {p.unknownAreas.length > 0 && (
        <Card size="small" title="台账中没有的村（社区）">
          <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
            {p.mayCreateAreas ? (
              <Checkbox
                data-testid="import-create-areas"
                checked={p.createAreas}
                onChange={(e) => recheck({ createAreas: e.target.checked })}
              >
                新建这些村（社区），与本次导入一起写入（未对应到已有村/社区的名称）
              </Checkbox>
            ) : (
              <Typography.Text type="secondary">
                只有{p.areaMakers}可以在导入时新建村（社区）：请{p.areaMakers}导入这个文件，或先在“设置 →
                村/社区”中添加。
              </Typography.Text>
            )}
            {p.newAreas.length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="import-new-areas"
                message={`将新建村/社区：${p.newAreas.join('、')}`}
                description="确认导入时一起新建；撤销本次导入时，新建的村/社区保留在台账中（可在“设置”中停用）。"
              />
            )}
          </Space>
          <Table
            size="small"
            pagination={false}
            rowKey="name"
            dataSource={p.unknownAreas}
            columns={[
              { dataIndex: 'name', title: '文件中的名称' },
              { dataIndex: 'rows', title: '行数' },
              {
                title: props.isAdmin ? '对应到台账中的村（社区）' : '处理',
                render: (_, a) =>
                  props.isAdmin ? (
                    <Select
                      size="small"
                      style={{ width: 160 }}
                      placeholder="选择"
                      options={namedOptions(areas, 'id')}
                      onChange={(id: number) => recheck({ areaMap: { [a.name]: id } })}
                    />
                  ) : (
                    '请管理员在“设置”中添加或在此对应'
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Space wrap>
        <Radio.Group value={status} onChange={(e) => props.setStatus(e.target.value)}>
          <Radio.Button value="">全部</Radio.Button>
          <Radio.Button value="ok">可导入 {p.counts.ok}</Radio.Button>
          <Radio.Button value="confirm">需确认 {p.counts.confirm}</Radio.Button>
          <Radio.Button value="refused">不能导入 {p.counts.refused}</Radio.Button>
        </Radio.Group>
        <Button onClick={props.onProblems} disabled={p.counts.refused + p.counts.confirm === 0}>
          下载问题行（.xlsx，含错误原因）
        </Button>
        <Button type="primary" disabled={!!p.blocker} onClick={props.onConfirm}>
          确认导入
        </Button>
        <Button onClick={props.onCancel}>取消</Button>
      </Space>
      <LedgerGrid<ImportRow> columns={columns} fetchPage={fetchPage} testId="import-rows" empty="这个筛选下没有行" />
    </Space>
  );
}

function ImportHistory({ version, onChange }: { version: number; onChange: () => void }) {
  const { message, modal } = AntApp.useApp();
  const fetchPage = useCallback(
    (req: PageRequest) => call('imports.list', { offset: req.offset, limit: req.limit }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: an import or undo restarts the list
    [version],
  );
  const undo = (r: ImportRecord) =>
    modal.confirm({
      title: '撤销本次导入',
      content: `撤销 ${r.at.slice(0, 16).replace('T', ' ')} 导入的“${r.fileName}”？导入的户和人员将删除，待遇改为撤回，发放记录以冲正抵消。${areasMade(r) ? `本次导入新建的 ${areasMade(r)} 个村（社区）保留在台账中，可在“设置”中停用。` : ''}`,
      okText: '撤销本次导入',
      okButtonProps: { danger: true },
      onOk: async () => {
        const res = await call('imports.undo', { id: r.id });
        if (!res.ok) return void modal.error({ title: '不能撤销', content: res.error.message });
        message.success(`已撤销本次导入${areasMade(r) ? `；新建的 ${areasMade(r)} 个村（社区）保留在台账中` : ''}`);
        onChange();
      },
    });
  const columns: ColDef<ImportRecord>[] = [
    {
      field: 'at',
      headerName: '导入时间',
      width: 160,
      valueFormatter: (v) =>
        String(v.value ?? '')
          .slice(0, 16)
          .replace('T', ' '),
    },
    { field: 'kind', headerName: '内容', width: 200, valueFormatter: (v) => IMPORT_KINDS[v.value as ImportKind] },
    { field: 'fileName', headerName: '文件', flex: 1, minWidth: 200 },
    { field: 'rowsDone', headerName: '导入行数', width: 100 },
    { field: 'rowsLeft', headerName: '未导入', width: 90 },
    { field: 'staffName', headerName: '导入人', width: 100 },
    {
      field: 'undoneAt',
      headerName: '撤销',
      width: 150,
      cellRenderer: (v: { data?: ImportRecord }) =>
        v.data?.undoneAt ? (
          `已撤销 ${v.data.undoneAt.slice(0, 10)}`
        ) : v.data ? (
          <Button size="small" danger onClick={() => undo(v.data!)}>
            撤销本次导入
          </Button>
        ) : null,
    },
  ];
  return (
    <Card size="small" title="导入记录">
      <Typography.Paragraph type="secondary">
        第一次使用：先下载导入模板，或直接选择乡镇已有的花名册（.xlsx、.xls、.csv）。先导入户籍花名册，再导入在保名册和往月的发放花名册。导入前会逐行预览，确认后才写入。
      </Typography.Paragraph>
      <LedgerGrid<ImportRecord>
        columns={columns}
        fetchPage={fetchPage}
        testId="import-history"
        empty="还没有导入过花名册。在上方选择 Excel 或 CSV 文件开始"
      />
    </Card>
  );
}
