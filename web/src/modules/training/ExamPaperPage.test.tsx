import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AttemptData } from "../../api/training";
import { renderWithProviders } from "../../test-utils";
import ExamPaperPage from "./ExamPaperPage";

const paper: AttemptData = {
  id: 5,
  examId: 9,
  examTitle: "村干部能力测试",
  status: "in_progress",
  startedAt: "2026-06-01T01:00:00.000Z",
  deadlineAt: "2026-06-01T01:02:00.000Z",
  submittedAt: null,
  secondsLeft: 120,
  items: [
    { seq: 1, type: "single", topic: "governance", stem: "网格员发现事件后首先应当？", options: ["及时上报", "等待通知"], score: 10, answer: null },
    { seq: 2, type: "short", topic: "petitions", stem: "简述矛盾化解的做法。", options: [], score: 20, answer: ["就地化解"] },
  ],
  version: 1,
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

describe("the exam on a phone", () => {
  it("shows one question a screen with the server's time left, and saves an answer as soon as it is given", async () => {
    const calls = stubApi((method, url) => {
      if (method === "GET" && url === "/api/exam-attempts/5") return json(200, paper);
      if (method === "PUT" && url === "/api/exam-attempts/5/answers/1") return json(200, { seq: 1, savedAt: "2026-06-01T01:00:30.000Z", secondsLeft: 90 });
      return json(404, { error: { code: "not_found", message: "" } });
    });
    renderWithProviders(<ExamPaperPage id={5} />);
    expect(await screen.findByText("网格员发现事件后首先应当？")).toBeTruthy();
    expect(screen.queryByText("简述矛盾化解的做法。")).toBeNull();
    expect(screen.getByTestId("paper-question").textContent).toContain("第 1 / 2 题");
    // The server's 120 seconds, counting down each second from the moment the paper shows: on a busy machine one tick may pass before this line.
    expect(screen.getByTestId("paper-time-left").textContent).toMatch(/剩余时间 (2:00|1:59)/);
    fireEvent.click(screen.getByText("A. 及时上报"));
    await waitFor(() => expect(calls.find((call) => call.method === "PUT")?.body).toEqual({ answer: ["A"] }));
    await screen.findByText("已保存");
    // The server's count replaces the phone's own (a second may tick meanwhile).
    const [, minutes, seconds] = /剩余时间 (\d+):(\d+)/.exec(screen.getByTestId("paper-time-left").textContent ?? "")!;
    expect(Number(minutes) * 60 + Number(seconds)).toBeLessThanOrEqual(90);
    expect(Number(minutes) * 60 + Number(seconds)).toBeGreaterThan(80);
  });

  it("shows a refused answer (time is up) rather than pretending it was kept", async () => {
    stubApi((method, url) => {
      if (method === "GET" && url === "/api/exam-attempts/5") return json(200, paper);
      return json(409, { error: { code: "time_up", message: "考试时间已到，答案未保存 (time is up; the answer was not saved)" } });
    });
    renderWithProviders(<ExamPaperPage id={5} />);
    fireEvent.click(await screen.findByText("A. 及时上报"));
    expect(await screen.findByText(/考试时间已到/)).toBeTruthy();
    expect(screen.queryByText("已保存")).toBeNull();
  });
});
