import { inLanguage } from "../../../shared/bilingual";
import { escapeHtml } from "../../../shared/html";
import { categoryLabels, channelLabels, lightLabels, sourceLabels, statusLabels, type Category, type Channel, type ProblemStatus, type Source } from "../../../shared/schemas/problems";
import { stageLabels, type EventStage } from "../../../shared/schemas/events";
import type { RequestContext } from "../../platform/context";
import { localDay } from "../../platform/calendar/service";
import { getEvent } from "../events/service";
import { getProblem } from "../problems/service";

// One record as an A4 督办单 (supervision sheet) to print and sign: every value escaped, personal data as the API shows it (masked).

const dateTime = (iso: string | null) => (iso ? `${localDay(new Date(iso))} ${new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}` : "—");

function page(title: string, code: string, rows: [string, unknown][], history: [string, string, string][], printedAt: Date): string {
  const cells = rows.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value === null || value === undefined || value === "" ? "—" : value)}</td></tr>`).join("");
  const steps = history.map(([at, what, note]) => `<tr><td class="at">${escapeHtml(at)}</td><td>${escapeHtml(what)}</td><td>${escapeHtml(note)}</td></tr>`).join("");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(`${title} ${code}`)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 12pt; color: #000; margin: 0 auto; max-width: 178mm; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.3em; margin: 0 0 4mm; }
.code { text-align: right; font-size: 10pt; margin-bottom: 3mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }
th, td { border: 1px solid #000; padding: 2mm 3mm; vertical-align: top; text-align: left; word-break: break-all; }
th { width: 28mm; background: #f2f2f2; font-weight: 600; }
td.at { width: 34mm; white-space: nowrap; }
h2 { font-size: 13pt; margin: 4mm 0 2mm; }
.sign td { height: 18mm; }
.printed { font-size: 9pt; color: #555; text-align: right; }
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="code">编号：${escapeHtml(code)}</div>
<table>${cells}</table>
<h2>办理经过</h2>
<table><tr><th>时间</th><th>环节</th><th>说明</th></tr>${steps || '<tr><td colspan="3">—</td></tr>'}</table>
<h2>签收与反馈</h2>
<table class="sign"><tr><th>责任单位签收</th><td></td><th>签收日期</th><td></td></tr><tr><th>办理结果</th><td colspan="3"></td></tr><tr><th>督办单位</th><td></td><th>日期</th><td></td></tr></table>
<div class="printed">打印时间：${escapeHtml(dateTime(printedAt.toISOString()))}</div>
</body></html>`;
}

export async function problemSheet(ctx: RequestContext, id: number): Promise<string> {
  const p = await getProblem(ctx, id);
  return page(
    "问题整改督办单",
    p.code,
    [
      ["问题标题", p.title],
      ["所在地", p.nodeName],
      ["问题类别", categoryLabels[p.category as Category]],
      ["问题来源", sourceLabels[p.source as Source]],
      ["发现渠道", channelLabels[p.channel as Channel]],
      ["发现日期", p.foundOn],
      ["问题描述", p.description],
      ["反映人", [p.reporterName, p.reporterPhone].filter(Boolean).join(" ")],
      ["责任单位", p.responsibleNodeName],
      ["责任人", p.responsiblePerson],
      ["整改措施", p.measure],
      ["整改时限", p.deadlineDays === null ? null : `${p.deadlineDays} 个工作日（截止 ${dateTime(p.deadlineAt)}）`],
      ["整改状态", `${statusLabels[p.status as ProblemStatus]}，进度 ${p.progress}%`],
      ["预警", p.light ? `${lightLabels[p.light]}${p.escalationLevel > 0 ? `，已升级至第 ${p.escalationLevel} 级督办` : ""}` : null],
    ],
    p.timeline.map((entry) => [dateTime(entry.at), [entry.actorName, entry.toStatus ? statusLabels[entry.toStatus as ProblemStatus] ?? entry.toStatus : entry.action].filter(Boolean).join(" · "), entry.note ?? ""]),
    ctx.clock.now(),
  );
}

export async function eventSheet(ctx: RequestContext, id: number): Promise<string> {
  const e = await getEvent(ctx, id);
  return page(
    "网格事件督办单",
    e.code,
    [
      ["事件类型", e.typeName],
      ["所在网格", e.nodeName],
      ["地址", e.address],
      ["上报时间", dateTime(e.reportedAt)],
      ["事件描述", e.description],
      ["反映人", [e.reporterName, e.reporterPhone].filter(Boolean).join(" ")],
      ["承办部门", [e.departmentName, e.functionName].filter(Boolean).join(" · ")],
      ["当前环节", stageLabels[e.stage as EventStage]],
      ["本环节时限", e.timer ? `${dateTime(e.timer.dueAt)}（${lightLabels[e.timer.light]}）` : null],
      ["结案时限", dateTime(e.closeDueAt)],
      ["升级", e.escalatedNodeName ? `已上报 ${e.escalatedNodeName}` : null],
    ],
    e.steps.map((step) => [dateTime(step.at), [step.actorName, step.departmentName, stageLabels[step.toStage as EventStage]].filter(Boolean).join(" · "), inLanguage("zh", step.note ?? "")]),
    ctx.clock.now(),
  );
}
