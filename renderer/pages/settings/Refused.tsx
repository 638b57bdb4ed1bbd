import { Result } from 'antd';

import type { AppErrorBody } from '../../../shared/domain/result';

/** main refused the screen's data: say why, in its words. */
export function Refused({ error }: { error: AppErrorBody }) {
  return (
    <Result
      status={error.code === 'FORBIDDEN' ? '403' : 'error'}
      title={error.code === 'FORBIDDEN' ? '无权访问' : '出错了'}
      subTitle={error.message}
    />
  );
}
