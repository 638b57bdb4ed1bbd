// One payroll batch: its figures, its rows (double-click a row of a draft to exclude it, or put it back), approval
// and posting by another person, the roster, the bank's upload file and its result file.
import { DownloadOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Input, Result, Space, Tag } from 'antd';
import { useCallback, useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import { amountInWords, formatYuan } from '../../../shared/domain/money';
import { BATCH_STATES } from '../../../shared/domain/payments';
import type { BatchLine, BatchRow } from '../../../shared/schemas/payments';
import type { SessionState } from '../../../shared/schemas/staff';
import { call } from '../../api';
import { downloadBase64, XLSX } from '../../components/download';
import { FileButton } from '../../components/FileButton';
import { AreaFilter, FilterBar } from '../../components/filters';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { go } from '../../components/router';
import { fill, required } from '../../components/rules';
import { useRecord } from '../../components/useRecord';
import { lineColumns } from './columns';

/** Bank files come as UTF-8 or GBK; a UTF-8 decode that meets invalid bytes is retried as GBK. */
async function readText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

export function BatchPage({ id, session }: { id: number; session: SessionState }) {
  const { message, modal } = App.useApp();
  const [areaId, setArea] = useState<number>();
  const [line, setLine] = useState<BatchLine | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [form] = Form.useForm();
  const approver = session.staff!.roles.includes('approver');

  const { value: b, error, reload: load, set: setB } = useRecord('payroll.get', { id });
  // `version` starts the grid over after a change.
  const fetchPage = useCallback(
    (req: PageRequest) => call('payroll.rows', { offset: req.offset, limit: req.limit, batchId: id, areaId }),
    // A new function restarts the grid's paging; `version` asks for that after a change the grid cannot see.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version is the restart signal, not an input
    [id, areaId, version],
  );

  if (error) return <Result status="404" title={error.message} />;
  if (!b) return null;
  const changed = (next: BatchRow) => (setB(next), setVersion((v) => v + 1));

  const approve = () =>
    modal.confirm({
      title: '审批并过账',
      content: `将 ${b.rowCount} 人、${formatYuan(b.totalFen)} 元（${amountInWords(b.totalFen)}）一次过账，过账后不能修改，更正只能冲正。`,
      okText: '审批并过账',
      cancelText: '取消',
      onOk: async () => {
        const r = await call('payroll.approve', { id });
        if (!r.ok) return void message.error(r.error.message, 6);
        message.success(`已过账，批次号 ${r.value.batchNo}`);
        changed(r.value);
      },
    });
  const exportRoster = async () => {
    const r = await call('payroll.rosterXlsx', { id, areaId });
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, XLSX);
    else message.error(r.error.message);
  };
  const bankFile = async () => {
    const r = await call('payroll.bankFile', { id });
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, 'text/csv');
    else message.error(r.error.message);
  };
  const importResults = async (file: File) => {
    const r = await call('payroll.importBankResults', {
      batchId: id,
      fileName: file.name,
      content: await readText(file),
    });
    if (!r.ok) return void modal.error({ title: '银行结果未导入', content: r.error.message, okText: '知道了' });
    modal.success({
      title: '银行结果已导入',
      content: `成功 ${r.value.succeeded} 笔，失败 ${r.value.failed} 笔。失败的已自动冲正，可在下月批次中补发。`,
      okText: '好',
    });
    void load();
    setVersion((v) => v + 1);
  };
  const saveLine = async (v: { reason?: string }) => {
    const r = await call('payroll.exclude', {
      batchId: id,
      entitlementId: line!.entitlementId,
      forMonth: line!.forMonth,
      reason: line!.excludedReason ? null : (v.reason ?? ''),
    });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    setLine(null);
    changed(r.value);
  };
  const cancel = async (v: { reason: string }) => {
    const r = await call('payroll.cancel', { id, reason: v.reason ?? '' });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    setCancelling(false);
    changed(r.value);
  };
  const stateColor = { draft: 'orange', posted: 'green', cancelled: 'default' }[b.state];

  return (
    <div className="page">
      <h1 className="page-title">
        发放批次 {b.batchNo ?? `草稿 ${b.id}`} · {b.month} <Tag color={stateColor}>{BATCH_STATES[b.state]}</Tag>
      </h1>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="救助类别">{b.kind ?? '全部按月发放的类别'}</Descriptions.Item>
          <Descriptions.Item label="人数">
            <b data-testid="batch-count">{b.rowCount}</b>（剔除 {b.excludedCount}）
          </Descriptions.Item>
          <Descriptions.Item label="金额">
            <b data-testid="batch-total">{formatYuan(b.totalFen)}</b> 元（{amountInWords(b.totalFen)}）
          </Descriptions.Item>
          <Descriptions.Item label="制表人">{b.madeBy}</Descriptions.Item>
          <Descriptions.Item label="审批人">{b.approvedBy ?? ''}</Descriptions.Item>
          <Descriptions.Item label="发放日期">{b.paidOn ?? ''}</Descriptions.Item>
        </Descriptions>
        <Space wrap>
          {b.state === 'draft' && approver && (
            <Button type="primary" onClick={approve}>
              审批并过账
            </Button>
          )}
          {b.state === 'draft' && (
            <Button danger onClick={() => (form.resetFields(), setProblem(null), setCancelling(true))}>
              作废草稿
            </Button>
          )}
          {b.state !== 'cancelled' && (
            <Button
              icon={<PrinterOutlined />}
              onClick={() => go(`/print/roster/${id}${areaId ? `?area=${areaId}` : ''}`)}
            >
              打印花名册
            </Button>
          )}
          {b.state !== 'cancelled' && (
            <Button icon={<DownloadOutlined />} onClick={exportRoster}>
              导出花名册
            </Button>
          )}
          {b.state === 'posted' && approver && (
            <Button icon={<DownloadOutlined />} onClick={bankFile}>
              银行代发文件
            </Button>
          )}
          {b.state === 'posted' && approver && (
            <FileButton
              icon={<UploadOutlined />}
              accept=".csv,.txt"
              testId="bank-results-file"
              onFile={(f) => void importResults(f)}
            >
              导入银行结果
            </FileButton>
          )}
        </Space>
        {b.state === 'posted' && approver && (
          <div className="muted" style={{ marginTop: 8 }}>
            银行结果文件格式：首行“账号,金额,状态”（可加“说明”列），状态填“成功”或“失败”。
          </div>
        )}
      </Card>
      <FilterBar style={{ marginBottom: 8 }}>
        <AreaFilter value={areaId} onChange={setArea} />
        {b.state === 'draft' && <span className="muted">单击一行或按回车可剔除或恢复</span>}
      </FilterBar>
      <LedgerGrid<BatchLine>
        empty="这个批次没有发放行"
        columns={lineColumns}
        fetchPage={fetchPage}
        onOpen={(l) => b.state === 'draft' && (form.resetFields(), setProblem(null), setLine(l))}
        testId="batch-lines"
      />
      <FormDialog
        open={!!line}
        title={line?.excludedReason ? `恢复 ${line?.personName}` : `剔除 ${line?.personName}`}
        okText="确定"
        form={form}
        problem={problem}
        onFinish={saveLine}
        onCancel={() => setLine(null)}
      >
        {line?.excludedReason ? (
          <p>剔除原因：{line.excludedReason}。恢复后这一行将随本批次发放。</p>
        ) : (
          <Form.Item name="reason" label="剔除原因" rules={required(F.excludeReason)}>
            <Input maxLength={100} autoFocus />
          </Form.Item>
        )}
      </FormDialog>
      <FormDialog
        open={cancelling}
        title="作废草稿批次"
        okText="作废"
        danger
        form={form}
        problem={problem}
        onFinish={cancel}
        onCancel={() => setCancelling(false)}
      >
        <Form.Item name="reason" label="作废原因" rules={fill('作废原因')}>
          <Input maxLength={200} />
        </Form.Item>
      </FormDialog>
    </div>
  );
}
