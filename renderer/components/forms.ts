// Puts a refused call's Chinese message beside its field, or above the form when it names none.
import type { FormInstance } from 'antd';
import type { AppErrorBody, Result } from '../../shared/domain/result';

export function showResultError(form: FormInstance, error: AppErrorBody, setFormError: (m: string | null) => void): void {
  const fields = Object.keys(form.getFieldsValue(true) as object);
  if (error.field && fields.includes(error.field)) {
    form.setFields([{ name: error.field, errors: [error.message] }]);
    setFormError(null);
  } else setFormError(error.message);
}

export function valueOr<T>(r: Result<T>, onError: (e: AppErrorBody) => void): T | null {
  if (r.ok) return r.value;
  onError(r.error);
  return null;
}
