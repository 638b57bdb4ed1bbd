// 更换数据密钥 (admin): the ledger copied under a new data key, with its progress. Old key files and old passwords (a
// deactivated member's, a replaced recovery key) open nothing made after; the backups made before keep the old key.
import { Alert, App, Button, Card, Progress } from 'antd';
import { useEffect, useState } from 'react';

import type { RekeyState } from '../../../shared/schemas/keys';
import { call } from '../../api';

const PHASES: Record<RekeyState['phase'], string> = {
  idle: '',
  copying: '正在用新密钥复制台账…',
  checking: '正在核对副本…',
  switching: '正在换用新台账…',
  done: '数据密钥已更换',
  failed: '更换没有完成',
};

export function DataKey() {
  const [state, setState] = useState<RekeyState | null>(null);
  const [running, setRunning] = useState(false);
  const { modal, message } = App.useApp();

  const load = async () => {
    const r = await call('keys.rekeyState', {});
    if (r.ok) setState(r.value);
    return r.ok ? r.value : null;
  };

  // A re-key started by a deactivation or a new recovery key runs on its own: its progress shows here too.
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      const s = await load();
      if (!stop)
        setTimeout(() => void tick(), s && ['copying', 'checking', 'switching'].includes(s.phase) ? 500 : 3000);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, []);

  const start = () =>
    modal.confirm({
      title: '更换数据密钥？',
      width: 560,
      content: (
        <>
          <p>台账将用新的数据密钥重新加密。更换后，旧的钥匙文件、已停用人员的密码都打不开此后的台账和备份。</p>
          <p>
            此前的备份仍用旧密钥，旧钥匙文件可打开它们；在本机恢复这些备份不受影响。U 盘上的备份请在更换后重新做一次。
          </p>
          {state && state.legacyStaff > 0 && (
            <p>有 {state.legacyStaff} 位工作人员升级后还没有登录过，更换后需由管理员为他们重置密码。</p>
          )}
        </>
      ),
      okText: '更换',
      cancelText: '取消',
      onOk: async () => {
        setRunning(true);
        const r = await call('keys.rekey', {});
        setRunning(false);
        await load();
        if (r.ok) void message.success('数据密钥已更换');
      },
    });

  const busy = running || (state && ['copying', 'checking', 'switching'].includes(state.phase));
  return (
    <Card size="small" title="数据密钥" style={{ marginTop: 16 }} data-testid="data-key">
      {state?.phase === 'failed' && (
        <Alert type="error" showIcon message={state.message} style={{ marginBottom: 12 }} />
      )}
      {state?.due && !busy && (
        <Alert
          type="warning"
          showIcon
          message="有人员停用或恢复密钥已更换，数据密钥还未更换：请点“更换数据密钥”"
          style={{ marginBottom: 12 }}
        />
      )}
      <p>
        当前是第 {state?.generation ?? 1}{' '}
        代数据密钥。人员停用、更换恢复密钥后会自动更换；怀疑钥匙文件或密码外泄时，也可在此更换。
        此前的备份仍用旧密钥，旧钥匙文件可打开它们。
      </p>
      {busy && state && (
        <>
          <div>{PHASES[state.phase]}</div>
          <Progress percent={Math.round(state.fraction * 100)} status="active" />
        </>
      )}
      <Button onClick={start} disabled={!!busy}>
        更换数据密钥
      </Button>
    </Card>
  );
}
