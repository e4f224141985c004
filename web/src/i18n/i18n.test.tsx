import { describe, expect, it } from "vitest";
import { makeI18n } from ".";
import { figureGroup, figureLabel } from "./figureLabels";
import { en, zh } from "./messages";

describe("dictionaries", () => {
  it("have the same keys and no empty string", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, value] of [...Object.entries(zh), ...Object.entries(en)]) expect(value.trim(), key).not.toBe("");
  });

  it("keep the placeholders of each message", () => {
    const names = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(names(en[key]), key).toEqual(names(zh[key]));
  });
});

describe("formatting", () => {
  const zhI18n = makeI18n("zh", () => undefined);
  const enI18n = makeI18n("en", () => undefined);

  it("sorts Chinese names by pinyin", () => {
    const names = ["樊村镇", "城区街道", "清涧街道", "阿村"];
    expect([...names].sort(zhI18n.compare)).toEqual(["阿村", "城区街道", "樊村镇", "清涧街道"]);
  });

  it("formats numbers and times for the locale, in Asia/Shanghai", () => {
    expect(zhI18n.number(89030000)).toBe("89,030,000");
    expect(zhI18n.dateTime("2026-01-01T00:00:00Z")).toBe("2026/01/01 08:00:00");
    expect(enI18n.dateTime("2026-01-01T00:00:00Z")).toBe("01/01/2026, 08:00:00");
  });

  it("labels known figure keys and shows unknown ones as they are", () => {
    expect(figureLabel(zhI18n, "grid.microGrids")).toBe("微网格");
    expect(figureLabel(enI18n, "grid.microGrids")).toBe("Micro-grids");
    expect(figureLabel(zhI18n, "events.closed")).toBe("已结案事件");
    expect(figureLabel(zhI18n, "someModule.newFigure")).toBe("someModule.newFigure");
    expect(figureGroup("grid.microGrids")).toBe("grid");
    expect(figureGroup("events.closed")).toBe("events");
    expect(figureGroup("someModule.newFigure")).toBe("other");
  });
});
