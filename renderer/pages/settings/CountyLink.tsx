// 县级上报: the enrolment file from the county (loaded once, by an admin), the last push and the changes still
// waiting, a push now, and the offline file for a USB stick when the county cannot be reached.
import { CloudUploadOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Space } from 'antd';
import { useState } from 'react';

import type { Result } from '../../../shared/domain/result';
import { call } from '../../api';
import { downloadBase64 } from '../../components/download';
import { FileButton } from '../../components/FileButton';
import { useRecord } from '../../components/useRecord';
import { Refused } from './Refused';

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '还没有上报过');

export function CountyLink({ editable }: { editable: boolean }) {
  const state = useRecord('county.state', {});
  const [busy, setBusy] = useState<'enrol' | 'push' | 'carry' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();

  const run = async <T,>(what: 'enrol' | 'push' | 'carry', work: () => Promise<Result<T>>): Promise<T | null> => {
    setBusy(what);
    const r = await work();
    setBusy(null);
    state.reload();
    setProblem(r.ok ? null : r.error.message);
    return r.ok ? r.value : null;
  };
  const enrol = async (f: File) => {
    if (await run('enrol', async () => call('county.enrol', { fileName: f.name, text: await f.text() })))
      void message.success('已登记到县级汇总，稍后自动首次上报');
  };
  const push = async () => {
    const v = await run('push', () => call('county.push', {}));
    if (v) void message.success(v.chunks ? '已上报到县里' : '县里已是最新，没有需要上报的变动');
  };
  const carry = async () => {
    const v = await run('carry', () => call('county.carry', {}));
    if (v) downloadBase64(v.fileName, v.base64, 'application/octet-stream');
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
      </Space>
      <p className="muted" style={{ marginTop: 12 }}>
        {'联网时每 5 分钟自动上报一次。连不上县里时台账照常使用，恢复后自动补报，不会漏报也不会重复。' +
          '长期没有网络时，可导出离线报送文件（已加密并签名），用 U 盘交县民政局导入。'}
      </p>
    </>
  );
}
