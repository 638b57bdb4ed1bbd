// The envelope every channel answers with. Errors are values, never exceptions across the boundary.
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'INTERNAL';

export interface AppErrorBody {
  code: ErrorCode;
  /** Chinese, written for the clerk. */
  message: string;
  /** The input field the message belongs beside, when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorBody };

/** Thrown inside main to abort the transaction; the dispatcher turns it into an error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  toBody(): AppErrorBody {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}
