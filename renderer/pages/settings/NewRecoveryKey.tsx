// 恢复密钥 (admin): a new one replaces the old (lost, or never typed back), shown once and typed back.
import { Alert, App, Button, Card, Modal } from 'antd';
import { useState } from 'react';

import { call } from '../../api';
import { useRecord } from '../../components/useRecord';
import { RecoveryKey } from '../setup/RecoveryKey';

export function NewRecoveryKey() {
  const door = useRecord('setup.state', {});
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { modal, message } = App.useApp();

  const make = () =>
    modal.confirm({
      title: '生成新的恢复密钥？',
      content: '旧的恢复密钥将立即作废，保险柜里的那一页请销毁，换成新打印的。',
      okText: '生成',
      cancelText: '取消',
      onOk: async () => {
        const r = await call('keys.newRecovery', {});
        if (!r.ok) return setError(r.error.message);
        setError(null);
        setShown(r.value.recoveryKey);
      },
    });

  return (
    <Card size="small" title="恢复密钥" style={{ marginTop: 16 }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <p>
        {door.value?.recoveryPending
          ? '当前的恢复密钥还没有核对过（或从未生成）：请生成一个新的，打印后放进保险柜。'
          : '恢复密钥已核对。若那一页丢失或可能被他人看到，请生成新的。'}
      </p>
      <Button onClick={make}>生成新的恢复密钥</Button>
      <Modal open={!!shown} title="新的恢复密钥" footer={null} closable={false} width={600}>
        {shown && (
          <RecoveryKey
            recoveryKey={shown}
            centerName={door.value?.centerName ?? ''}
            onConfirmed={() => {
              setShown(null);
              door.reload();
              void message.success('恢复密钥已核对');
            }}
          />
        )}
      </Modal>
    </Card>
  );
}
