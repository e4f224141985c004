import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConflictStepBody } from "../../../shared/schemas/pairing";
import { MovementKind } from "../../../shared/schemas/ledgers";
import { problemActions } from "../../../shared/schemas/problems";
import { transitions } from "../../../server/modules/events/stages";
import { actionLabel, makeI18n } from ".";

const serverDir = resolve(__dirname, "../../../server");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "test" ? [] : sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Actions built from a template in the server code, with the values each template takes. */
const templates: Record<string, readonly string[]> = {
  "event.${move.action}": [...Object.keys(transitions), "summon"],
  "problem.${action}": problemActions,
  "campaign.topic.${step}": ["publish", "close", "reopen"],
  "conflict.${body.kind}": ConflictStepBody.shape.kind.options,
  "ledger.debt.${body.kind}": MovementKind.options,
  "org.${action}": ["rename", "update"],
  "evaluation.appeal.${body.accept ? \"accept\" : \"reject\"}": ["accept", "reject"],
  "evaluation.period.${to}": ["review", "draft", "published"],
};

function auditActions(): { literal: Set<string>; templated: Set<string> } {
  const literal = new Set<string>();
  const templated = new Set<string>();
  for (const file of sources(serverDir)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!/\baction:/.test(line)) continue;
      for (const match of line.matchAll(/"([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)"/g)) literal.add(match[1]!);
      for (const match of line.matchAll(/action: `([^`]+)`/g)) templated.add(match[1]!);
    }
  }
  return { literal, templated };
}

describe("audit rows", () => {
  it("label every action the server writes, in Chinese and in English", () => {
    const { literal, templated } = auditActions();
    // A template this test does not know would hide its actions: name its values above.
    expect([...templated].filter((template) => !(template in templates))).toEqual([]);
    const actions = [...literal, ...[...templated].flatMap((template) => templates[template]!.map((value) => template.replace(/\$\{[^}]+\}/, value)))];
    expect(actions.length).toBeGreaterThan(150);
    const zh = makeI18n("zh", () => undefined);
    const en = makeI18n("en", () => undefined);
    const unlabelled = actions.filter((action) => actionLabel(zh, action) === action || actionLabel(en, action) === action).sort();
    expect(unlabelled).toEqual([]);
    // The codes the review saw raw now read as words.
    expect(["clue.public_submit", "event.report", "problem.progress"].map((action) => actionLabel(zh, action))).toEqual(["群众提交线索", "上报事件", "更新整改进度"]);
  });
});
