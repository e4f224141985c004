import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { idNumberCheckChar } from "../../../../shared/mask";
import type { PersonData } from "../../api/people";
import { makeI18n } from "../../i18n";
import { renderWithProviders } from "../../test-utils";
import { idNumberProblem, PersonDeleteModal, PersonFormModal } from "./PersonForms";

const first17 = "14088219800101123";
const goodId = `${first17}${idNumberCheckChar(first17)}`;
const badId = `${first17}${idNumberCheckChar(first17) === "1" ? "2" : "1"}`;

const person: PersonData = {
  id: 7,
  nodeId: 3,
  nodeName: "清涧街道",
  name: "张三",
  gender: "M",
  phone: "138****5678",
  idNumber: "1408**********1234",
  address: "山西省河津市清涧街****",
  isPartyMember: false,
  posts: [],
  version: 2,
  abilities: { update: true, delete: true, reveal: false },
};

const node = { id: 3, cityId: 1, parentId: 1, kind: "street", code: "T02", name: "清涧街道", path: "/1/3/", depth: 1, childCount: 0, retiredAt: null, version: 1, abilities: {} };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** Answers the calls the form makes: the tree picker's roots and node, and the person calls given. */
function stubApi(handlers: Record<string, (init: RequestInit) => Response>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
      const handler = handlers[`${method} ${url.split("?")[0]}`];
      if (handler) return handler(init);
      if (url.startsWith("/api/orgs/roots")) return json(200, { items: [node], total: 1 });
      if (url.startsWith("/api/orgs/3")) return json(200, { ...node, ancestors: [], boundary: null });
      return json(404, { error: { code: "not_found", message: "not found" } });
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("idNumberProblem", () => {
  const i18n = makeI18n("zh", () => undefined);
  it("accepts a good number (lower-case x too) and nothing", () => {
    expect(idNumberProblem(i18n, goodId)).toBeNull();
    expect(idNumberProblem(i18n, "")).toBeNull();
    expect(idNumberProblem(i18n, "11010519491231002x")).toBeNull();
  });
  it("says in Chinese what is wrong", () => {
    expect(idNumberProblem(i18n, badId)).toBe("身份证号校验位不正确，请核对");
    expect(idNumberProblem(i18n, "12345")).toBe("身份证号应为 18 位：17 位数字加 1 位数字或 X");
  });
});

describe("PersonFormModal", () => {
  it("shows a wrong check digit under the ID-number field and sends nothing", async () => {
    const calls = stubApi({});
    renderWithProviders(<PersonFormModal defaultNodeId={3} onClose={vi.fn()} onSaved={vi.fn()} />);
    fireEvent.change(document.getElementById("person_name")!, { target: { value: "李四" } });
    fireEvent.change(document.getElementById("person_idNumber")!, { target: { value: badId } });
    fireEvent.click(screen.getByTestId("person-save"));
    await screen.findByText("身份证号校验位不正确，请核对");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("puts the server's field errors under their fields, in Chinese", async () => {
    stubApi({
      "PATCH /api/persons/7": () =>
        json(400, { error: { code: "bad_request", message: "请求参数有误 (invalid request)", fields: [{ field: "phone", message: "号码已登记 (number already recorded)" }] } }),
    });
    renderWithProviders(<PersonFormModal person={person} onClose={vi.fn()} onSaved={vi.fn()} />);
    fireEvent.change(document.getElementById("person_phone")!, { target: { value: "13812345678" } });
    fireEvent.click(screen.getByTestId("person-save"));
    const error = await screen.findByText("号码已登记");
    expect(error.closest(".ant-form-item")?.querySelector("#person_phone")).not.toBeNull();
    expect(screen.queryByRole("alert", { name: /提交的内容有误/ })).toBeNull();
  });

  it("on a version conflict offers to reload the record, then saves with the new version", async () => {
    let patches = 0;
    const calls = stubApi({
      "PATCH /api/persons/7": () => {
        patches += 1;
        return patches === 1
          ? json(409, { error: { code: "version_conflict", message: "记录已被他人修改，请刷新后重试 (changed by someone else)" } })
          : json(200, { ...person, name: "张三丰", version: 4 });
      },
      "GET /api/persons/7": () => json(200, { ...person, version: 3 }),
    });
    const onSaved = vi.fn();
    renderWithProviders(<PersonFormModal person={person} onClose={vi.fn()} onSaved={onSaved} />);
    fireEvent.change(document.getElementById("person_name")!, { target: { value: "张三丰" } });
    fireEvent.click(screen.getByTestId("person-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("数据已被他人修改");
    fireEvent.click(screen.getByRole("button", { name: "刷新数据" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    // What was typed is kept; the save now names the version just read.
    fireEvent.click(screen.getByTestId("person-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const sent = calls.filter((c) => c.method === "PATCH").map((c) => c.body);
    expect(sent).toEqual([
      { version: 2, name: "张三丰" },
      { version: 3, name: "张三丰" },
    ]);
  });
});

describe("PersonDeleteModal", () => {
  it("needs a reason and sends it with the version", async () => {
    const calls = stubApi({ "DELETE /api/persons/7": () => json(200, { ok: true }) });
    const onDeleted = vi.fn();
    renderWithProviders(<PersonDeleteModal person={person} onClose={vi.fn()} onDeleted={onDeleted} />);
    fireEvent.click(screen.getByTestId("person-delete-confirm"));
    await screen.findByText("请填写删除原因");
    fireEvent.change(document.getElementById("personDelete_reason")!, { target: { value: "迁出本市" } });
    fireEvent.click(screen.getByTestId("person-delete-confirm"));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(calls.find((c) => c.method === "DELETE")?.body).toEqual({ version: 2, reason: "迁出本市" });
  });
});
