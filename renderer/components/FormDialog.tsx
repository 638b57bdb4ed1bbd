// A dialog that is one form: OK (or Enter in a field) submits it, a refusal without a field shows above the fields,
// nothing is kept after closing. Every "fill in and confirm" dialog of the app is one of these.
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

/**
 * Keyboard entry at the counter: Enter in a text or number field submits the dialog. Enter in a date field only
 * confirms the date, in a select picks the option, in a text area starts a new line, and while an input method is
 * composing (拼音) it belongs to the input method.
 */
function enterSubmits(e: KeyboardEvent, submit: () => void) {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
  const field = e.target as HTMLElement;
  if (field.closest('.ant-picker')) return e.preventDefault();
  const typed = field instanceof HTMLInputElement && ['text', 'search', 'tel', ''].includes(field.type);
  if (typed && !field.closest('.ant-select')) {
    e.preventDefault();
    submit();
  }
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
        onKeyDown={(e) => enterSubmits(e, () => p.form.submit())}
      >
        {p.children}
      </Form>
    </Modal>
  );
}
