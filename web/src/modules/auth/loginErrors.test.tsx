import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { makeI18n } from "../../i18n";
import { noticeFor401 } from "./AuthContext";
import { describeLoginError } from "./loginErrors";

const zh = makeI18n("zh", () => undefined);
const en = makeI18n("en", () => undefined);

describe("describeLoginError", () => {
  it("says wrong username or password", () => {
    const error = new ApiError({ status: 401, code: "invalid_credentials", message: "用户名或密码错误 (wrong username or password)" });
    expect(describeLoginError(zh, error)).toEqual({ kind: "wrongPassword", text: "用户名或密码错误。" });
  });

  it("gives the unlock time of a locked account, in Shanghai time", () => {
    const error = new ApiError({
      status: 401,
      code: "account_locked",
      message: "密码错误次数过多，账号已锁定至 2026-03-01T02:15:00.000Z (too many failures; locked until 2026-03-01T02:15:00.000Z)",
    });
    const zhText = describeLoginError(zh, error);
    expect(zhText.kind).toBe("locked");
    expect(zhText.text).toContain("2026/03/01 10:15:00");
    const enText = describeLoginError(en, error).text;
    expect(enText).toContain("unlocks at 03/01/2026, 10:15:00");
  });

  it("takes the unlock time from a lockedUntil field or Retry-After when there is one", () => {
    const fromField = new ApiError({ status: 423, code: "locked", message: "locked", details: { lockedUntil: "2026-03-01T02:15:00Z" } });
    expect(describeLoginError(zh, fromField).text).toContain("2026/03/01 10:15:00");
    const withoutTime = new ApiError({ status: 401, code: "account_locked", message: "locked" });
    expect(describeLoginError(zh, withoutTime)).toEqual({ kind: "locked", text: "账号已被锁定。" });
  });
});

describe("noticeFor401", () => {
  it("tells an idle timeout from any other 401", () => {
    expect(noticeFor401(new ApiError({ status: 401, code: "session_idle", message: "" }))).toBe("expired");
    expect(noticeFor401(new ApiError({ status: 401, code: "session_expired", message: "" }))).toBe("expired");
    expect(noticeFor401(new ApiError({ status: 401, code: "unauthenticated", message: "" }))).toBe("unauthorized");
  });
});
