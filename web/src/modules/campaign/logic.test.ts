import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { figureRoute } from "../../components/figureLinks";
import { evidenceProblem, formatBytes, toBase64, uploadName } from "./evidence";
import { routeForApiHref, routeForNotificationLink } from "./links";
import { emptyProject, formFromPlan, milestoneDateProblem, planFromForm, stagesOf } from "./plan";

describe("figure, rate and bar addresses", () => {
  it("opens the API's list addresses as the app's pages with the same query", () => {
    expect(routeForApiHref("/api/campaign/projects?campaign=1&level=topic")).toBe("/campaign/projects?campaign=1&level=topic");
    expect(routeForApiHref("/api/campaign/claims?campaign=1&audience=unit&status=approved")).toBe("/campaign/claims?campaign=1&audience=unit&status=approved");
    expect(routeForApiHref("/api/campaign/topic-units?campaign=1")).toBe("/campaign/topic-units?campaign=1");
    expect(routeForApiHref("/api/campaign/projects/12")).toBe("/campaign/projects/12");
  });

  it("refuses what has no page", () => {
    expect(routeForApiHref("/api/campaign/attachments/3")).toBeNull();
    expect(routeForApiHref("/api/campaign/topics/3")).toBeNull();
    expect(routeForApiHref("/api/persons?org=1")).toBeNull();
    expect(routeForApiHref("https://example.com/api/campaign/projects")).toBeNull();
  });

  it("opens the city's campaign figures through the campaign's own figure addresses; lower nodes have none", () => {
    expect(figureRoute("campaign.topicProjects", { id: 1, kind: "city" })).toBe("/campaign/figure?key=campaign.topicProjects");
    expect(figureRoute("campaign.measures", { id: 3, kind: "street" })).toBeNull();
  });

  it("follows a notification's link inside the app only", () => {
    expect(routeForNotificationLink("/campaign/claims/7")).toBe("/campaign/claims/7");
    expect(routeForNotificationLink("//evil.example/x")).toBeNull();
    expect(routeForNotificationLink("https://evil.example/x")).toBeNull();
    expect(routeForNotificationLink(null)).toBeNull();
  });
});

describe("evidence checks", () => {
  it("accepts the server's types up to 10 MB and names what is wrong otherwise", () => {
    expect(evidenceProblem({ name: "现场照片.JPG", size: 2048 })).toBeNull();
    expect(evidenceProblem({ name: "方案.docx", size: 10 * 1024 * 1024 })).toBeNull();
    expect(evidenceProblem({ name: "方案.docx", size: 10 * 1024 * 1024 + 1 })).toEqual({ kind: "size", sizeBytes: 10 * 1024 * 1024 + 1 });
    expect(evidenceProblem({ name: "archive.zip", size: 10 })).toEqual({ kind: "type", extension: "zip" });
    expect(evidenceProblem({ name: "noextension", size: 10 })).toEqual({ kind: "type", extension: "" });
    expect(evidenceProblem({ name: "empty.pdf", size: 0 })).toEqual({ kind: "empty" });
  });

  it("encodes bytes as base64 in slices, and sizes and names files for the server", () => {
    expect(toBase64(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]))).toBe("JVBERi0=");
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(atob(toBase64(big)).length).toBe(100_000);
    expect(atob(toBase64(big)).charCodeAt(99_999)).toBe(99_999 % 251);
    expect(formatBytes(2.5 * 1024 * 1024)).toBe("2.5 MB");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(uploadName("C:\\fakepath\\照片.png")).toBe("照片.png");
  });
});

describe("the plan form", () => {
  it("turns the form into the API's plan, leaving empty fields out, and back", () => {
    const form = [
      {
        name: " 网格员培训 ",
        description: "",
        startsOn: null,
        deadline: dayjs("2026-12-31"),
        milestones: [
          { name: "制定方案", dueOn: dayjs("2026-12-10"), stage: 1 },
          { name: "完成培训", dueOn: dayjs("2026-12-31"), stage: 2 },
        ],
      },
    ];
    const plan = planFromForm(form);
    expect(plan).toEqual([
      {
        name: "网格员培训",
        deadline: "2026-12-31",
        milestones: [
          { name: "制定方案", dueOn: "2026-12-10", stage: 1 },
          { name: "完成培训", dueOn: "2026-12-31", stage: 2 },
        ],
      },
    ]);
    const back = formFromPlan(plan);
    expect(back[0]!.deadline!.format("YYYY-MM-DD")).toBe("2026-12-31");
    expect(planFromForm(back)).toEqual(plan);
    expect(emptyProject().milestones).toHaveLength(1);
  });

  it("flags a milestone after the project's deadline or before its start", () => {
    const project = { startsOn: dayjs("2026-12-01"), deadline: dayjs("2026-12-31") };
    expect(milestoneDateProblem(project, dayjs("2027-01-05"))).toBe("afterDeadline");
    expect(milestoneDateProblem(project, dayjs("2026-11-05"))).toBe("beforeStart");
    expect(milestoneDateProblem(project, dayjs("2026-12-15"))).toBeNull();
    expect(milestoneDateProblem(project, null)).toBeNull();
  });

  it("groups milestones by stage, in order", () => {
    expect(stagesOf([{ stage: 2, n: "c" }, { stage: 1, n: "a" }, { stage: null, n: "b" }]).map((s) => [s.stage, s.milestones.map((m) => m.n)])).toEqual([
      [1, ["a", "b"]],
      [2, ["c"]],
    ]);
  });
});
