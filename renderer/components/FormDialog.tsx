// A dialog that is one form: OK submits it, a refusal without a field shows above the fields, nothing is kept after
// closing. Every "fill in and confirm" dialog of the app is one of these.
import { Form, type FormInstance, Modal } from 'antd';
import { type KeyboardEvent, type ReactNode, useEffect } from 'react';

import { FormProblemAlert } from './FormProblemAlert';
import type { FormProblem } from './forms';

export interface FormDialogProps<V> {
  /** Shown unless false: a dialog component of its own is simply mounted while it is open. */
  open?: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  problem: FormProblem | null;
  onFinish: (values: V) => unknown;
  onCancel: () => void;
  okText?: string;
  /** A red OK button, for what cannot be taken back (冲正, 作废). */
  danger?: boolean;
  width?: number;
  initialValues?: Partial<V>;
  /** Text between the refusal and the fields. */
  intro?: ReactNode;
  children: ReactNode;
}

/** Enter in a date field confirms the date: it must not also submit the dialog. */
function keepDateEnter(e: KeyboardEvent) {
  if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ant-picker')) e.preventDefault();
}

export function FormDialog<V>(p: FormDialogProps<V>) {
  const { open = true, form, initialValues } = p;
  // The form instance outlives the dialog, so a second opening sets this opening's values (not the first one's).
  useEffect(() => {
    if (open && initialValues) form.setFieldsValue(initialValues as never);
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps -- on opening only: later edits are the clerk's
  return (
    <Modal
      open={p.open ?? true}
      title={p.title}
      width={p.width}
      okText={p.okText ?? '保存'}
      okButtonProps={p.danger ? { danger: true } : undefined}
      cancelText="取消"
      onOk={() => p.form.submit()}
      onCancel={p.onCancel}
      destroyOnHidden
    >
      <FormProblemAlert problem={p.problem} />
      {p.intro}
      <Form
        form={p.form}
        layout="vertical"
        onFinish={p.onFinish}
        initialValues={p.initialValues}
        onKeyDown={keepDateEnter}
      >
        {p.children}
      </Form>
    </Modal>
  );
}
