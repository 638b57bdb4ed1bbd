// The envelope every channel answers with. Errors are values, never exceptions across the boundary.
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'INTERNAL';

export interface AppErrorBody {
  code: ErrorCode;
  /** Chinese, written for the clerk. */
  message: string;
  /** The input field the message belongs beside, when there is one (a path: `members.1.idNumber`). */
  field?: string;
  /** A hash route the message points at, e.g. the household that already holds an ID number. */
  link?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorBody };

/** Thrown inside main to abort the transaction; the dispatcher turns it into an error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly link?: string,
  ) {
    super(message);
  }
  toBody(): AppErrorBody {
    const body: AppErrorBody = { code: this.code, message: this.message };
    if (this.field) body.field = this.field;
    if (this.link) body.link = this.link;
    return body;
  }
}
