export interface FieldError {
  field: string;
  message: string;
}

/** An error meant for the caller: status, a stable code, a readable message, and the fields at fault. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldError[]) => new AppError(400, "bad_request", message, fields);
export const invalidField = (field: string, message: string) => new AppError(400, "invalid", `${field}: ${message}`, [{ field, message }]);
export const unauthorized = (code = "unauthenticated", message = "请先登录 (sign in first)") => new AppError(401, code, message);
export const forbidden = (message = "无权执行此操作 (not permitted)") => new AppError(403, "forbidden", message);
export const notFound = (what = "记录") => new AppError(404, "not_found", `${what}不存在 (not found)`);
export const conflict = (message: string, code = "conflict") => new AppError(409, code, message);
export const versionConflict = () =>
  new AppError(409, "version_conflict", "记录已被他人修改，请刷新后重试 (the record was changed by someone else; reload and retry)");
