import { Alert } from 'antd';

import type { FormProblem } from './forms';

export function FormProblemAlert({ problem }: { problem: FormProblem | null }) {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={problem.message}
      action={problem.link ? <a href={`#${problem.link}`}>打开该户</a> : undefined}
    />
  );
}
