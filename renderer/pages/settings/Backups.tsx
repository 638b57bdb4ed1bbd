// 备份与恢复 (admin only): the automatic backups beside the ledger, a backup now, to a USB stick, and restore.
import { Alert, App, Button, Input, Space, Table } from 'antd';
import { useState } from 'react';

import type { BackupFile } from '../../../shared/schemas/backup';
import { call } from '../../api';
import { useRecord } from '../../components/useRecord';
import { DataKey } from './DataKey';
import { NewRecoveryKey } from './NewRecoveryKey';
import { Refused } from './Refused';

export function Backups() {
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const { message, modal } = App.useApp();

  const backups = useRecord('backup.list', {});
  const { error } = backups;
  const rows = backups.value ?? [];

  const backup = async (toFolder?: string) => {
    setBusy(true);
    const r = await call('backup.create', toFolder ? { folder: toFolder } : {});
    setBusy(false);
    if (!r.ok) return setActionError(r.error.message);
    setActionError(null);
    void message.success(`已备份并校验：${r.value.path}`);
    backups.reload();
  };

  const restore = (b: BackupFile) =>
    modal.confirm({
      title: '从这个备份恢复？',
      content: `台账将恢复到 ${b.file} 的状态，之后录入的内容会被替换。恢复前会先把当前台账另存一份备份。`,
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const r = await call('backup.restore', { file: b.file });
        if (!r.ok) return setActionError(r.error.message);
        void message.success('已恢复');
        backups.reload();
      },
    });

  if (error) return <Refused error={error} />;
  return (
    <>
      {actionError && <Alert type="error" showIcon message={actionError} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" loading={busy} onClick={() => backup()}>
          立即备份
        </Button>
        <Input
          placeholder="U 盘上的文件夹，如 E:\台账备份 或 /media/usb/备份"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          style={{ width: 360 }}
        />
        <Button loading={busy} disabled={!folder.trim()} onClick={() => backup(folder)}>
          备份到此文件夹
        </Button>
      </Space>
      <Table<BackupFile>
        rowKey="file"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: '备份文件', dataIndex: 'file' },
          { title: '时间', dataIndex: 'at', render: (v: string) => v.slice(0, 19).replace('T', ' ') },
          { title: '大小', dataIndex: 'bytes', render: (n: number) => `${(n / 1024).toFixed(0)} KB` },
          {
            title: '',
            key: 'restore',
            render: (_, b) => (
              <Button size="small" danger onClick={() => restore(b)}>
                恢复
              </Button>
            ),
          },
        ]}
      />
      <p className="muted">
        每天第一次登录和正常退出时自动备份到台账旁的 backups 文件夹，保留最近 30 份；每份备份都经过完整性校验。
        台账和备份都已加密：备份到 U 盘时，同名的 .keys 钥匙文件会放在备份旁边，换新电脑时两个文件要一起带上。
      </p>
      <NewRecoveryKey />
      <DataKey />
    </>
  );
}
