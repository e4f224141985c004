import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProblemDetailData } from "../../api/problems";
import { renderWithProviders } from "../../test-utils";
import { problemIdFrom } from "./ProblemActionFields";
import { ProblemActionModal } from "./ProblemActions";

const problem: ProblemDetailData = {
  id: 42,
  code: "WT000042",
  nodeId: 33,
  nodeName: "下坡村",
  clueId: null,
  externalRef: null,
  channel: "household_visit",
  source: "residents",
  category: "infrastructure",
  title: "路灯损坏",
  description: "村东头三盏路灯损坏",
  reporterName: "张**",
  reporterPhone: "139****5678",
  foundOn: "2026-03-01",
  status: "submitted",
  responsibleNodeId: 33,
  responsibleNodeName: "下坡村",
  responsiblePerson: "王建军",
  measure: "更换灯具",
  deadlineDays: 10,
  assignedAt: "2026-03-02T02:00:00.000Z",
  deadlineAt: "2026-03-16T10:00:00.000Z",
  progress: 100,
  submittedAt: "2026-03-05T02:00:00.000Z",
  closedAt: null,
  closedOnTime: null,
  reworkCount: 0,
  light: "green",
  escalationLevel: 0,
  mergedIntoId: null,
  dismissReason: null,
  version: 5,
  createdAt: "2026-03-01T02:00:00.000Z",
  abilities: {
    assign: false,
    start: false,
    progress: false,
    submit: false,
    approve: true,
    return: true,
    dismiss: false,
    merge: false,
    delete: false,
    attach: false,
    supervise: false,
  },
  timeline: [],
  attachments: [],
  escalations: [],
  commonLists: [],
};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function stubApi(handler: (method: string, url: string, body: unknown) => Response) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      const body = init.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
      calls.push({ method, url, body });
      return handler(method, url, body);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("the check (核查) of a problem", () => {
  it("shows the server's checker_is_rectifier refusal as what it is, not as a bare 403", async () => {
    const calls = stubApi((method, url) =>
      method === "POST" && url === "/api/problems/42/approve"
        ? json(403, { error: { code: "checker_is_rectifier", message: "整改人不能核查自己的整改 (whoever worked on the rectification cannot check it)" } })
        : json(404, { error: { code: "not_found", message: "not found" } }),
    );
    const onDone = vi.fn();
    renderWithProviders(<ProblemActionModal action="approve" problem={problem} onClose={() => undefined} onDone={onDone} />);
    fireEvent.click(await screen.findByTestId("problem-action-confirm"));
    const alert = await screen.findByTestId("checker-is-rectifier");
    expect(alert.textContent).toContain("整改人不能核查自己的整改");
    expect(alert.textContent).toContain("督导组");
    expect(calls.find((c) => c.url.endsWith("/approve"))?.body).toEqual({ version: 5 });
    expect(onDone).not.toHaveBeenCalled();
  });

  it("sends a return with its reason and the version it read", async () => {
    const calls = stubApi((method, url) => (method === "POST" && url === "/api/problems/42/return" ? json(200, { ...problem, status: "returned", version: 6 }) : json(404, { error: { code: "not_found", message: "" } })));
    const onDone = vi.fn();
    renderWithProviders(<ProblemActionModal action="return" problem={problem} onClose={() => undefined} onDone={onDone} />);
    fireEvent.click(await screen.findByTestId("problem-action-confirm"));
    // No reason, no call.
    await screen.findByText("请填写原因");
    expect(calls).toHaveLength(0);
    fireEvent.change(document.querySelector("#problemAction_return_reason") as HTMLTextAreaElement, { target: { value: "第三盏灯仍不亮" } });
    fireEvent.click(screen.getByTestId("problem-action-confirm"));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith("return"));
    expect(calls[0]?.body).toEqual({ version: 5, reason: "第三盏灯仍不亮" });
  });
});

describe("problemIdFrom", () => {
  it("reads a problem code as typed", () => {
    expect(problemIdFrom("WT000123")).toBe(123);
    expect(problemIdFrom(" wt42 ")).toBe(42);
    expect(problemIdFrom("17")).toBe(17);
    expect(problemIdFrom("XS000123")).toBeNull();
    expect(problemIdFrom("")).toBeNull();
  });
});
