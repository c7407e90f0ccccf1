/** A failed save on the card: the server's message, and each field's problem put on its form item. */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

export function showSaveError(error: unknown, form: FormInstance, fields: string[]): ApiError {
  const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
  const details = Array.isArray(e.details) ? (e.details as { field?: string; message?: string }[]) : [];
  form.setFields(fields.map((name) => ({ name, errors: details.filter((d) => d.field?.split('.')[0] === name && d.message).map((d) => d.message!) })));
  return e;
}
