import { fireEvent, screen, waitFor } from "@testing-library/react";
import { Button, Form, Input } from "antd";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { useI18n } from "../i18n";
import { renderWithProviders } from "../test-utils";
import { useFormSubmit } from "./forms";

/** A form with one field whose submit calls `action`, showing the alert's error code when there is one. */
function TitleForm({ action }: { action: (values: { title?: string }) => Promise<void> }) {
  const [form] = Form.useForm<{ title?: string }>();
  const { saving, error, submit } = useFormSubmit(form, ["title"], useI18n());
  return (
    <Form form={form}>
      <Form.Item name="title" label="标题" rules={[{ required: true, message: "请填写标题" }]}>
        <Input id="title" />
      </Form.Item>
      <div data-testid="alert">{error instanceof ApiError ? error.code : ""}</div>
      <Button loading={saving} onClick={() => void submit(action)} data-testid="save">
        保存
      </Button>
    </Form>
  );
}

const refusal = (fields: { field: string; message: string }[]) => new ApiError({ status: 400, code: "invalid_input", message: "输入有误 (invalid input)", fields });

describe("useFormSubmit", () => {
  it("does not call the server while the form's own checks fail", async () => {
    const action = vi.fn(async () => undefined);
    renderWithProviders(<TitleForm action={action} />);
    fireEvent.click(screen.getByTestId("save"));
    await screen.findByText("请填写标题");
    expect(action).not.toHaveBeenCalled();
  });

  it("puts the server's field error under its field, without an alert, in the interface's language", async () => {
    const action = vi.fn(async () => {
      throw refusal([{ field: "title", message: "标题重复 (title already used)" }]);
    });
    renderWithProviders(<TitleForm action={action} />);
    fireEvent.change(document.querySelector("#title") as HTMLInputElement, { target: { value: "路灯" } });
    fireEvent.click(screen.getByTestId("save"));
    await screen.findByText("标题重复");
    expect(action).toHaveBeenCalledWith({ title: "路灯" });
    expect(screen.getByTestId("alert").textContent).toBe("");
  });

  it("keeps the alert for what no field of the form can show", async () => {
    renderWithProviders(
      <TitleForm
        action={async () => {
          throw refusal([
            { field: "title", message: "标题重复 (title already used)" },
            { field: "nodeId", message: "不在范围内 (outside your area)" },
          ]);
        }}
      />,
    );
    fireEvent.change(document.querySelector("#title") as HTMLInputElement, { target: { value: "路灯" } });
    fireEvent.click(screen.getByTestId("save"));
    await screen.findByText("标题重复");
    await waitFor(() => expect(screen.getByTestId("alert").textContent).toBe("invalid_input"));
  });
});
