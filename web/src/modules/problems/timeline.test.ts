import { describe, expect, it } from "vitest";
import type { TimelineEntryData } from "../../api/problems";
import { makeI18n } from "../../i18n";
import { entryDetail, overdueDays } from "./ProblemTimeline";

describe("an escalation on the timeline", () => {
  const zh = makeI18n("zh", () => undefined);
  const en = makeI18n("en", () => undefined);
  // The sweep escalates as soon as the deadline has passed, before a whole working day is over: 0 days.
  const first = { action: "escalate", data: { level: 1, overdueWorkingDays: 0 } } as unknown as TimelineEntryData;
  const later = { action: "escalate", data: { level: 2, overdueWorkingDays: 6 } } as unknown as TimelineEntryData;

  it("never reads “逾期 0 个工作日” on an escalated item", () => {
    expect(entryDetail(zh, first)).toBe("逾期 不足 1 个工作日，升级至第 1 级督办");
    expect(entryDetail(zh, first)).not.toMatch(/逾期 0/);
    expect(entryDetail(en, first)).toBe("Overdue by less than a working day, escalated to level 1");
    expect(overdueDays(zh, 0)).toBe("不足 1 个工作日");
  });

  it("counts whole working days once there are any", () => {
    expect(entryDetail(zh, later)).toBe("逾期 6 个工作日，升级至第 2 级督办");
    expect(overdueDays(en, 6)).toBe("6 working days");
  });
});
