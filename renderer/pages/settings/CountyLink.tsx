// 县级上报: the enrolment file from the county (loaded once, by an admin), the last push and the changes still
// waiting, a push now, and the offline file for a USB stick when the county cannot be reached: the files the county
// has not acknowledged yet (第 N 批), and the county's 回执 that acknowledges them.
import { CloudUploadOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Space, Table } from 'antd';
import { useState } from 'react';

import type { Result } from '../../../shared/domain/result';
import { call } from '../../api';
import { downloadBase64 } from '../../components/download';
import { FileButton } from '../../components/FileButton';
import { useRecord } from '../../components/useRecord';
import { EnrolmentCode, sealed } from './EnrolmentCode';
import { Refused } from './Refused';

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '还没有上报过');

type Busy = 'enrol' | 'push' | 'carry' | 'receipt';

export function CountyLink({ editable }: { editable: boolean }) {
  const state = useRecord('county.state', {});
  const [busy, setBusy] = useState<Busy | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();

  const run = async <T,>(what: Busy, work: () => Promise<Result<T>>): Promise<T | null> => {
    setBusy(what);
    const r = await work();
    setBusy(null);
    state.reload();
    setProblem(r.ok ? null : r.error.message);
    return r.ok ? r.value : null;
  };
  // A file whose key is sealed asks for the code the county told (EnrolmentCode); an older county's file loads as is.
  const [coded, setCoded] = useState<{ name: string; text: string } | null>(null);
  const enrolled = () => {
    setCoded(null);
    setProblem(null);
    state.reload();
    void message.success('已登记到县级汇总，稍后自动首次上报');
  };
  const enrol = async (f: File) => {
    const text = await f.text();
    setProblem(null);
    if (sealed(text)) return setCoded({ name: f.name, text });
    if (await run('enrol', async () => call('county.enrol', { fileName: f.name, text }))) enrolled();
  };
  const push = async () => {
    const v = await run('push', () => call('county.push', {}));
    if (v) void message.success(v.chunks ? '已上报到县里' : '县里已是最新，没有需要上报的变动');
  };
  const carry = async () => {
    const v = await run('carry', () => call('county.carry', {}));
    if (v) downloadBase64(v.fileName, v.base64, 'application/octet-stream');
  };
  const receipt = async (f: File) => {
    const v = await run('receipt', async () => call('county.receipt', { fileName: f.name, text: await f.text() }));
    if (v) void (v.outcome === 'resend' ? message.warning(v.said, 8) : message.success(v.said));
  };

  if (state.error) return <Refused error={state.error} />;
  const s = state.value;
  if (!s) return null;
  return (
    <>
      {problem && (
        <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="county-problem" />
      )}
      {!s.enrolled ? (
        <Alert
          type="info"
          showIcon
          message="本台账还没有登记到县级汇总"
          description="县民政局登记本乡镇后，会发给你一个登记文件（.json）。由管理员在这里载入一次，之后台账的变动会自动上报到县里。"
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Descriptions bordered size="small" column={1} style={{ maxWidth: 640, marginBottom: 12 }}>
          <Descriptions.Item label="县级汇总">{s.enrolled.county}</Descriptions.Item>
          <Descriptions.Item label="本乡镇">
            {s.enrolled.township}（{s.enrolled.code}）
          </Descriptions.Item>
          <Descriptions.Item label="上次上报">{when(s.lastPushAt)}</Descriptions.Item>
          <Descriptions.Item label="待上报的变动">
            <span data-testid="county-backlog">{s.backlog}</span> 条{s.pushing ? '（正在上报）' : ''}
          </Descriptions.Item>
        </Descriptions>
      )}
      {s.resending && (
        <Alert
          type="warning"
          showIcon
          message="正在重新上报全部数据"
          description="本台账或县里的汇总库从备份恢复过，县里的副本已接不上：联网时会自动重新上报全部数据；不能联网时，请导出离线报送文件交县民政局。"
          style={{ marginBottom: 12, maxWidth: 640 }}
        />
      )}
      {s.carried.length > 0 && (
        <Table
          data-testid="county-carried"
          rowKey="batch"
          size="small"
          pagination={false}
          style={{ maxWidth: 640, marginBottom: 12 }}
          title={() => '已导出、县里还没有确认的离线报送文件（每份都含前面各份的内容，丢失一份不要紧）'}
          dataSource={s.carried}
          columns={[
            { title: '批次', dataIndex: 'batch', render: (b: number) => `第 ${b} 批` },
            { title: '导出时间', dataIndex: 'madeAt', render: (at: string) => when(at) },
            { title: '变动', key: 'lines', render: (_, c) => `第 ${c.from + 1}–${c.to} 条` },
          ]}
        />
      )}
      {s.enrolled && s.lastError && !problem && (
        <Alert type="warning" showIcon message={`上次上报没有完成：${s.lastError}`} style={{ marginBottom: 12 }} />
      )}
      <Space wrap>
        {!s.enrolled && editable && (
          <FileButton
            type="primary"
            icon={<UploadOutlined />}
            loading={busy === 'enrol'}
            accept=".json"
            testId="county-enrolment-file"
            onFile={(f) => void enrol(f)}
          >
            载入登记文件
          </FileButton>
        )}
        {s.enrolled && (
          <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'push'} onClick={push}>
            立即上报
          </Button>
        )}
        {s.enrolled && editable && (
          <Button icon={<DownloadOutlined />} loading={busy === 'carry'} onClick={carry}>
            导出离线报送文件
          </Button>
        )}
        {s.enrolled && editable && (
          <FileButton
            icon={<UploadOutlined />}
            loading={busy === 'receipt'}
            accept=".bmreceipt"
            testId="county-receipt-file"
            onFile={(f) => void receipt(f)}
          >
            载入县里的回执
          </FileButton>
        )}
      </Space>
      <p className="muted" style={{ marginTop: 12 }}>
        {'联网时每 5 分钟自动上报一次。连不上县里时台账照常使用，恢复后自动补报，不会漏报也不会重复。' +
          '长期没有网络时，可导出离线报送文件（已加密并签名），用 U 盘交县民政局导入；' +
          '县里导入后会给一份回执，带回来在这里载入，县里已收到的文件就不再列出，下次导出的文件也更小。'}
      </p>
      {coded && <EnrolmentCode file={coded} onClose={() => setCoded(null)} onEnrolled={enrolled} />}
    </>
  );
}
