// Puts a refused call's Chinese message beside its field (`members.1.idNumber` included), or above the form.
import type { FormInstance } from 'antd';

import { FIELD_MESSAGES } from '../../shared/domain/fields';
import { PASSWORD_MIN } from '../../shared/domain/password';
import type { AppErrorBody } from '../../shared/domain/result';
import { fill } from './rules';

export interface FormProblem {
  message: string;
  /** A route the message points at (e.g. the household that holds an ID number). */
  link?: string;
}

/** A new password's rules in a form: the length the schema will check, said before sending. */
export const newPasswordRules = (label: string, required = true) => [
  ...(required ? fill(label) : []),
  { min: PASSWORD_MIN, message: FIELD_MESSAGES.passwordTooShort(label, PASSWORD_MIN) },
];

const namePath = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

export function showResultError(
  form: FormInstance,
  error: AppErrorBody,
  setProblem: (p: FormProblem | null) => void,
): void {
  const registered = form.getFieldsError().some((f) => f.name.join('.') === error.field);
  if (error.field && registered) {
    form.setFields([{ name: namePath(error.field), errors: [error.message] }]);
    void form.scrollToField(namePath(error.field));
    setProblem(error.link ? { message: error.message, link: error.link } : null);
  } else setProblem({ message: error.message, link: error.link });
}
