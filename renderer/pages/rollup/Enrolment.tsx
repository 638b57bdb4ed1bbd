// 乡镇登记: the county registers a township (name, 12-digit 统计用区划代码) and hands its admin the one-time
// enrolment file; stops a township's pushes; and imports the offline file a township carries on a USB stick, handing
// back its 回执.
import { DownloadOutlined, StopOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';

import type { CarryAnswer, TownshipRow } from '../../../shared/schemas/rollup';
import { call } from '../../api';
import { downloadBase64 } from '../../components/download';
import { FileButton } from '../../components/FileButton';
import { today } from '../../components/today';
import { useRecord } from '../../components/useRecord';
import { EnrolDialog } from './EnrolDialog';

/** The file's bytes as base64, in slices (a spread of a large file would overflow the call stack). */
async function base64Of(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function Enrolment({ admin }: { admin: boolean }) {
  const { message } = App.useApp();
  const towns = useRecord('rollup.townships', { year: today().year() });
  const [enrolling, setEnrolling] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [carrying, setCarrying] = useState(false);
  const [carried, setCarried] = useState<CarryAnswer | null>(null);
  const revoke = async (t: TownshipRow) => {
    const r = await call('rollup.revoke', { code: t.code });
    setProblem(r.ok ? null : r.error.message);
    if (r.ok) void message.success(`已停用${t.name}的登记`);
    towns.reload();
  };
  const carry = async (f: File) => {
    setCarrying(true);
    const r = await call('rollup.carry', { fileName: f.name, base64: await base64Of(f) });
    setCarrying(false);
    setProblem(r.ok ? null : r.error.message);
    setCarried(r.ok ? r.value : null);
    towns.reload();
  };
  // A township's 回执 at any time: after a refused file, it is what lets the township's next file start right.
  const receipt = async (t: TownshipRow) => {
    const r = await call('rollup.receipt', { code: t.code });
    setProblem(r.ok ? null : r.error.message);
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, 'application/json');
  };
  if (towns.error) return <Alert type="error" showIcon message={towns.error.message} />;
  return (
    <>
      {problem && (
        <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="rollup-problem" />
      )}
      {carried && (
        <Alert
          type="success"
          showIcon
          data-testid="rollup-carried"
          style={{ marginBottom: 12 }}
          message={
            carried.applied
              ? `已导入${carried.township}的离线报送文件${carried.batch ? `（第 ${carried.batch} 批）` : ''}：${carried.applied} 段变动`
              : `${carried.township}的这份文件${carried.batch ? `（第 ${carried.batch} 批）` : ''}的内容县里已经有了，没有新的变动`
          }
          description="请下载回执，随 U 盘交回乡镇，在乡镇的 设置 → 县级上报 载入：县里已收到的变动就不必再带来。"
          action={
            <Button
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => downloadBase64(carried.receipt.fileName, carried.receipt.base64, 'application/json')}
            >
              下载回执
            </Button>
          }
          closable
          onClose={() => setCarried(null)}
        />
      )}
      {!admin && (
        <Alert type="info" showIcon message="登记、停用乡镇和导入离线文件需要管理员权限" style={{ marginBottom: 12 }} />
      )}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<UserAddOutlined />} disabled={!admin} onClick={() => setEnrolling(true)}>
          登记乡镇
        </Button>
        <FileButton
          icon={<UploadOutlined />}
          accept=".bmcarry"
          testId="rollup-carry-file"
          loading={carrying}
          disabled={!admin}
          onFile={carry}
        >
          导入离线报送文件
        </FileButton>
      </Space>
      <Table<TownshipRow>
        data-testid="rollup-enrolled"
        rowKey="code"
        size="small"
        loading={!towns.value}
        pagination={false}
        dataSource={towns.value ?? []}
        locale={{ emptyText: '还没有登记任何乡镇：点“登记乡镇”开始' }}
        columns={[
          { title: '乡镇', dataIndex: 'name' },
          { title: '区划代码', dataIndex: 'code' },
          {
            title: '状态',
            key: 'state',
            render: (_, t) =>
              t.revoked ? (
                <Tag color="red">已停用</Tag>
              ) : t.ledgerId ? (
                <Tag color="green">已上报</Tag>
              ) : (
                <Tag>等待首次上报</Tag>
              ),
          },
          {
            title: '',
            key: 'receipt',
            render: (_, t) =>
              admin &&
              !t.revoked && (
                <Button size="small" icon={<DownloadOutlined />} onClick={() => void receipt(t)}>
                  回执
                </Button>
              ),
          },
          {
            title: '',
            key: 'revoke',
            render: (_, t) =>
              admin &&
              !t.revoked && (
                <Popconfirm
                  title={`停用${t.name}的登记？`}
                  description="停用后它不能再上报，也不接收它的离线文件；已上报的数据保留。"
                  okText="停用"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke(t)}
                >
                  <Button size="small" danger icon={<StopOutlined />}>
                    停用
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {enrolling && <EnrolDialog onClose={() => setEnrolling(false)} onEnrolled={towns.reload} />}
    </>
  );
}
