// A form's one call: busy while it runs, the answer to `onOk`, a refusal beside its field or above the form.
import type { FormInstance } from 'antd';
import { useState } from 'react';

import type { Channel, Input, Output } from '../../shared/contract';
import { call } from '../api';
import { type FormProblem, showResultError } from './forms';

export function useFormCall<C extends Channel>(form: FormInstance, channel: C, onOk: (value: Output<C>) => void) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (input: Input<C>) => {
    setBusy(true);
    const r = await call(channel, input);
    setBusy(false);
    if (r.ok) onOk(r.value);
    else showResultError(form, r.error, setProblem);
  };
  return { submit, busy, problem };
}
