import { Form, Input, InputNumber, Radio, Slider, Space, Typography, type FormInstance } from "antd";
import { useMemo, type Dispatch, type SetStateAction } from "react";
import { calendarApi } from "../../api/calendar";
import { problemsApi, type AttachmentData, type ProblemDetailData } from "../../api/problems";
import { useAsync } from "../../app/useAsync";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { cityToday, deadlineDay, type DayKind } from "../calendar/logic";
import { EvidenceList, FileUpload } from "./FileUpload";
import { dateOf, StatusTag } from "./labels";
import type { ProblemAction } from "./ProblemActions";

/** What the actions on a problem ask for; each action shows its own fields (ActionFields). */
export interface ActionForm {
  responsibleNodeId?: number | null;
  responsiblePerson?: string;
  measure?: string;
  deadlineDays?: number | null;
  note?: string;
  reason?: string;
  progress?: number;
  intoId?: string;
}

/** "WT000123", "123" or "wt123" → 123. */
export function problemIdFrom(text: string | number | undefined | null): number | null {
  if (typeof text === "number") return Number.isInteger(text) && text > 0 ? text : null;
  const match = /^\s*(?:WT)?0*(\d{1,15})\s*$/i.exec(text ?? "");
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The year's calendar exceptions of this year and the next (a deadline may cross the new year). */
function useExceptions(): ReadonlyMap<string, DayKind> | null {
  const year = Number(cityToday().slice(0, 4));
  const calendars = useAsync(
    async (signal) => Promise.all([calendarApi.get(year, signal), calendarApi.get(year + 1, signal).catch(() => null)]),
    [year],
  );
  return useMemo(() => {
    if (!calendars.data) return null;
    const map = new Map<string, DayKind>();
    for (const cal of calendars.data) for (const day of cal?.days ?? []) map.set(day.date, day.kind);
    return map;
  }, [calendars.data]);
}

function DeadlinePreview({ days }: { days: number | null | undefined }) {
  const i18n = useI18n();
  const exceptions = useExceptions();
  if (!exceptions || !days) return null;
  const day = deadlineDay(cityToday(), days, exceptions);
  if (!day) return null;
  return (
    <Typography.Text type="secondary" data-testid="deadline-preview">
      {i18n.t("problems.assign.deadlinePreview", { date: dateOf(i18n, day) })}
    </Typography.Text>
  );
}

/** The merge target: a similar problem at the same node, or any open one named by its code. */
function MergeTargets({ problem, form }: { problem: ProblemDetailData; form: FormInstance<ActionForm> }) {
  const i18n = useI18n();
  const similar = useAsync((signal) => problemsApi.similar(problem.id, signal), [problem.id]);
  const items = similar.data?.items ?? [];
  const chosen = problemIdFrom(Form.useWatch("intoId", form));
  return (
    <>
      {items.length > 0 ? (
        <div style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{i18n.t("problems.merge.similar")}</Typography.Paragraph>
          <Radio.Group
            value={items.some((s) => s.id === chosen) ? chosen : null}
            onChange={(event) => form.setFieldsValue({ intoId: `WT${String(event.target.value).padStart(6, "0")}` })}
            style={{ display: "flex", flexDirection: "column", gap: 6 }}
            data-testid="merge-similar"
          >
            {items.map((s) => (
              <Radio key={s.id} value={s.id}>
                <Space size={6} wrap>
                  <span>{s.code}</span>
                  <span>{s.title}</span>
                  <StatusTag status={s.status} />
                  <Typography.Text type="secondary">{i18n.t("problems.similarity", { percent: Math.round(s.similarity * 100) })}</Typography.Text>
                </Space>
              </Radio>
            ))}
          </Radio.Group>
        </div>
      ) : similar.loading ? null : (
        <Typography.Paragraph type="secondary">{i18n.t("problems.merge.noSimilar")}</Typography.Paragraph>
      )}
      <Form.Item
        name="intoId"
        label={i18n.t("problems.merge.byCode")}
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              if (problemIdFrom(value) === null) throw new Error(i18n.t("problems.merge.pick"));
              if (problemIdFrom(value) === problem.id) throw new Error(i18n.t("problems.merge.self"));
            },
          },
        ]}
      >
        <Input placeholder="WT000123" data-testid="merge-into" />
      </Form.Item>
    </>
  );
}

export type ActionFieldLabels = Record<keyof ActionForm | "attachmentIds", string>;

export interface ActionFieldsProps {
  action: ProblemAction;
  problem: ProblemDetailData;
  form: FormInstance<ActionForm>;
  labels: ActionFieldLabels;
  /** The evidence uploaded so far (progress and submit carry it). */
  evidence: readonly AttachmentData[];
  onEvidence: Dispatch<SetStateAction<AttachmentData[]>>;
}

/** The fields one action asks for, with their help: the deadline the days make, the problems to merge into, the evidence. */
export function ActionFields({ action, problem, form, labels, evidence, onEvidence }: ActionFieldsProps) {
  const i18n = useI18n();
  const deadlineDays = Form.useWatch("deadlineDays", form);
  const required = (field: string) => ({ required: true, whitespace: true, message: i18n.t("common.required", { field }) });
  const withEvidence = action === "progress" || action === "submit";
  return (
    <>
      {action === "assign" ? (
        <>
          <Form.Item name="responsibleNodeId" label={labels.responsibleNodeId} rules={[{ required: true, message: i18n.t("common.required", { field: labels.responsibleNodeId }) }]}>
            <OrgTreePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="responsiblePerson" label={labels.responsiblePerson} rules={[required(labels.responsiblePerson), { max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="measure" label={labels.measure} rules={[required(labels.measure), { max: 2000 }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item
            name="deadlineDays"
            label={labels.deadlineDays}
            extra={<DeadlinePreview days={deadlineDays} />}
            rules={[{ required: true, message: i18n.t("common.required", { field: labels.deadlineDays }) }]}
          >
            <InputNumber min={1} max={250} precision={0} style={{ width: 160 }} suffix={i18n.t("problems.workingDays")} />
          </Form.Item>
        </>
      ) : null}
      {action === "progress" ? (
        <Form.Item name="progress" label={labels.progress}>
          <Slider min={0} max={100} step={5} marks={{ 0: "0%", 50: "50%", 100: "100%" }} tooltip={{ formatter: (v) => `${v ?? 0}%` }} />
        </Form.Item>
      ) : null}
      {action === "start" || action === "approve" ? (
        <Form.Item name="note" label={`${labels.note}${i18n.t("problems.optional")}`} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      ) : null}
      {action === "progress" || action === "submit" || action === "supervise" ? (
        <Form.Item
          name="note"
          label={action === "supervise" ? i18n.t("problems.supervise.note") : action === "submit" ? i18n.t("problems.submit.note") : labels.note}
          rules={[required(labels.note), { max: action === "supervise" ? 500 : 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={action === "supervise" ? 500 : 1000} showCount />
        </Form.Item>
      ) : null}
      {action === "return" || action === "dismiss" || action === "delete" ? (
        <Form.Item name="reason" label={labels.reason} rules={[required(labels.reason), { max: action === "delete" ? 200 : 500 }]}>
          <Input.TextArea rows={3} maxLength={action === "delete" ? 200 : 500} showCount />
        </Form.Item>
      ) : null}
      {action === "merge" ? <MergeTargets problem={problem} form={form} /> : null}
      {withEvidence ? (
        <Form.Item label={labels.attachmentIds}>
          <FileUpload
            upload={(body) => problemsApi.attach(problem.id, body)}
            onUploaded={(file) => onEvidence((list) => [...list, file])}
            label={i18n.t("problems.files.addEvidence")}
            testId="evidence-upload"
          />
          <EvidenceList files={evidence} onRemove={(id) => onEvidence((list) => list.filter((f) => f.id !== id))} />
        </Form.Item>
      ) : null}
    </>
  );
}
