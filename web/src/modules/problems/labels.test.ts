import { describe, expect, it } from "vitest";
import { categoryLabels, channelLabels, lightLabels, sourceLabels, statusLabels, transitions } from "../../../../shared/schemas/problems";
import { makeI18n } from "../../i18n";
import { categoryLabel, channelLabel, lightLabel, sourceLabel, statusLabel } from "./labels";
import { problemActionOrder } from "./ProblemActions";

describe("the problem vocabularies", () => {
  const zh = makeI18n("zh", () => undefined);
  const en = makeI18n("en", () => undefined);

  it("reads in Chinese exactly as offices (and the import) label them", () => {
    for (const [key, label] of Object.entries(statusLabels)) expect(statusLabel(zh, key)).toBe(label);
    for (const [key, label] of Object.entries(channelLabels)) expect(channelLabel(zh, key)).toBe(label);
    for (const [key, label] of Object.entries(sourceLabels)) expect(sourceLabel(zh, key)).toBe(label);
    for (const [key, label] of Object.entries(categoryLabels)) expect(categoryLabel(zh, key)).toBe(label);
    for (const [key, label] of Object.entries(lightLabels)) expect(lightLabel(zh, key)).toBe(label);
  });

  it("has an English label for each, and shows an unknown value as it is", () => {
    for (const key of Object.keys(statusLabels)) expect(statusLabel(en, key)).not.toBe(key);
    expect(statusLabel(en, "closed")).toBe("Closed");
    expect(statusLabel(zh, "someday")).toBe("someday");
  });

  it("offers a button for every action of the state machine, plus supervise", () => {
    for (const action of Object.keys(transitions)) expect(problemActionOrder).toContain(action);
    expect(problemActionOrder).toContain("supervise");
  });
});
