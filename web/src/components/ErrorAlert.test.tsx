import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { renderWithProviders } from "../test-utils";
import { ErrorAlert } from "./ErrorAlert";
import { pickLanguage } from "./errors";

describe("ErrorAlert", () => {
  it("lists each invalid field with its form label", () => {
    const error = new ApiError({
      status: 400,
      code: "bad_request",
      message: "请求参数有误 (invalid request)",
      fields: [
        { field: "phone", message: "an 11-digit mobile number" },
        { field: "unknownField", message: "required" },
      ],
    });
    renderWithProviders(<ErrorAlert error={error} fieldLabels={{ phone: "手机号" }} />);
    expect(screen.getByRole("alert").textContent).toContain("提交的内容有误");
    const items = screen.getByTestId("error-fields").querySelectorAll("li");
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toBe("手机号: an 11-digit mobile number");
    expect(items[1]?.textContent).toBe("unknownField: required");
    // the server's message, in the UI language
    expect(screen.getByRole("alert").textContent).toContain("请求参数有误");
    expect(screen.getByRole("alert").textContent).not.toContain("invalid request");
  });

  it("says to reload on a version conflict, with a button that does", () => {
    const onReload = vi.fn();
    const error = new ApiError({ status: 409, code: "version_conflict", message: "记录已被他人修改，请刷新后重试 (the record was changed by someone else; reload and retry)" });
    renderWithProviders(<ErrorAlert error={error} onReload={onReload} />, { locale: "en" });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Someone else changed this record. Reload and try again.");
    expect(alert.textContent).toContain("the record was changed by someone else");
    fireEvent.click(screen.getByRole("button", { name: "Reload data" }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it("renders nothing without an error", () => {
    const { container } = renderWithProviders(<ErrorAlert error={null} />);
    expect(container.querySelector(".ant-alert")).toBeNull();
  });
});

describe("pickLanguage", () => {
  it("takes the half of a bilingual message that matches the UI", () => {
    expect(pickLanguage("zh", "用户名或密码错误 (wrong username or password)")).toBe("用户名或密码错误");
    expect(pickLanguage("en", "用户名或密码错误 (wrong username or password)")).toBe("wrong username or password");
    expect(pickLanguage("en", "plain message (with a note)")).toBe("plain message (with a note)");
    expect(pickLanguage("zh", "只有中文")).toBe("只有中文");
  });
});
