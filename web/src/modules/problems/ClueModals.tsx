import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Typography, type ButtonProps } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { problemsApi, type ClueData, type ProblemData } from "../../api/problems";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { cityToday } from "../calendar/logic";
import { categoryLabel, categoryOptions, channelLabel, channelOptions, options, sourceLabel, sourceOptions } from "./labels";

interface ClueForm {
  nodeId?: number | null;
  channel?: string;
  source?: string;
  category?: string;
  description?: string;
  reporterName?: string;
  reporterPhone?: string;
  receivedOn?: Dayjs | null;
}

/** Registers a clue (线索): where it came in, how, and what it says. */
export function CreateClueModal({ defaultNodeId, onClose, onCreated }: { defaultNodeId?: number | null; onClose: () => void; onCreated: (clue: ClueData) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClueForm>();
  const today = cityToday();
  const labels = {
    nodeId: i18n.t("problems.node"),
    channel: i18n.t("problems.channel"),
    source: i18n.t("problems.source"),
    category: i18n.t("problems.category"),
    description: i18n.t("problems.clues.content"),
    reporterName: i18n.t("problems.reporterName"),
    reporterPhone: i18n.t("problems.reporterPhone"),
    receivedOn: i18n.t("problems.clues.receivedOn"),
  };
  const required = (field: string) => ({ required: true, message: i18n.t("common.required", { field }) });

  const { saving, error, submit: send } = useFormSubmit(form, Object.keys(labels), i18n);
  const text = (v: string | undefined) => v?.trim() || undefined;
  const submit = () =>
    send(async (values) => {
      const clue = await problemsApi.createClue({
        nodeId: values.nodeId as number,
        channel: values.channel as never,
        source: values.source as never,
        category: values.category as never,
        description: values.description?.trim() ?? "",
        ...(text(values.reporterName) ? { reporterName: text(values.reporterName) } : {}),
        ...(text(values.reporterPhone) ? { reporterPhone: text(values.reporterPhone) } : {}),
        ...(values.receivedOn ? { receivedOn: values.receivedOn.format("YYYY-MM-DD") } : {}),
      });
      message.success(i18n.t("problems.clues.created", { code: clue.code }));
      onCreated(clue);
    });

  return (
    <Modal
      open
      title={i18n.t("problems.clues.create")}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "clue-save" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      width={620}
    >
      <ErrorAlert error={error} fieldLabels={labels} />
      <Form<ClueForm> form={form} name="clue" layout="vertical" autoComplete="off" initialValues={{ nodeId: defaultNodeId ?? null, receivedOn: dayjs(today) }}>
        <Form.Item name="nodeId" label={labels.nodeId} rules={[required(labels.nodeId)]}>
          <OrgTreePicker allowClear={false} />
        </Form.Item>
        <Space wrap size={12} align="start">
          <Form.Item name="source" label={labels.source} rules={[required(labels.source)]}>
            <Select style={{ width: 150 }} options={options(i18n, sourceOptions, sourceLabel)} />
          </Form.Item>
          <Form.Item name="channel" label={labels.channel} rules={[required(labels.channel)]}>
            <Select style={{ width: 150 }} options={options(i18n, channelOptions, channelLabel)} />
          </Form.Item>
          <Form.Item name="category" label={labels.category} rules={[required(labels.category)]}>
            <Select style={{ width: 150 }} options={options(i18n, categoryOptions, categoryLabel)} />
          </Form.Item>
          <Form.Item name="receivedOn" label={labels.receivedOn}>
            <DatePicker style={{ width: 150 }} allowClear={false} disabledDate={(d) => d.format("YYYY-MM-DD") > today} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={labels.description} rules={[{ ...required(labels.description), whitespace: true }, { max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap size={12} align="start">
          <Form.Item name="reporterName" label={`${labels.reporterName}${i18n.t("problems.optional")}`} rules={[{ max: 40 }]}>
            <Input maxLength={40} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="reporterPhone" label={`${labels.reporterPhone}${i18n.t("problems.optional")}`} rules={[{ pattern: /^1\d{10}$/, message: i18n.t("people.phoneFormat") }]}>
            <Input maxLength={11} inputMode="numeric" style={{ width: 180 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

interface ConvertForm {
  problems: { title?: string; description?: string; category?: string; nodeId?: number | null }[];
}

/** A clue becomes one or several problems (a letter may raise three different things). */
export function ConvertClueModal({ clue, onClose, onConverted }: { clue: ClueData; onClose: () => void; onConverted: (problems: ProblemData[]) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConvertForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const blank = { title: clue.description.slice(0, 30), description: "", category: clue.category, nodeId: clue.nodeId };

  const submit = async () => {
    let values: ConvertForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const result = await problemsApi.convertClue(clue.id, {
        version: clue.version,
        problems: values.problems.map((p) => ({
          title: p.title?.trim() ?? "",
          ...(p.description?.trim() ? { description: p.description.trim() } : {}),
          ...(p.category ? { category: p.category as never } : {}),
          ...(p.nodeId && p.nodeId !== clue.nodeId ? { nodeId: p.nodeId } : {}),
        })),
      });
      message.success(i18n.t("problems.clues.converted", { count: result.items.length }));
      onConverted(result.items);
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={i18n.t("problems.clues.convertTitle", { code: clue.code })}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("problems.clues.convert")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "clue-convert-confirm" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      width={680}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary" style={{ whiteSpace: "pre-wrap" }}>
        {clue.description}
      </Typography.Paragraph>
      <Form<ConvertForm> form={form} name="convert" layout="vertical" autoComplete="off" initialValues={{ problems: [blank] }}>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={8} style={{ width: "100%" }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={i18n.t("problems.clues.problemN", { n: index + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={i18n.t("common.delete")} onClick={() => remove(field.name)} />
                    ) : null
                  }
                  data-testid="convert-item"
                >
                  <Form.Item
                    name={[field.name, "title"]}
                    label={i18n.t("problems.title")}
                    rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t("problems.title") }) }, { max: 100 }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Space wrap size={12} style={{ width: "100%" }} align="start">
                    <Form.Item name={[field.name, "category"]} label={i18n.t("problems.category")}>
                      <Select style={{ width: 150 }} options={options(i18n, categoryOptions, categoryLabel)} />
                    </Form.Item>
                    <Form.Item name={[field.name, "nodeId"]} label={i18n.t("problems.node")} style={{ minWidth: 240 }}>
                      <OrgTreePicker allowClear={false} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[field.name, "description"]} label={`${i18n.t("problems.description")}${i18n.t("problems.clues.descriptionDefault")}`} rules={[{ max: 2000 }]}>
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                </Card>
              ))}
              {fields.length < 20 ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...blank, title: "" })} block data-testid="convert-add">
                  {i18n.t("problems.clues.addProblem")}
                </Button>
              ) : null}
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** A reason is required: the resident who raised it may be told (the tracking page shows it). */
export function DismissClueModal({ clue, onClose, onDismissed }: { clue: ClueData; onClose: () => void; onDismissed: (clue: ClueData) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    let values: { reason?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const dismissed = await problemsApi.dismissClue(clue.id, { version: clue.version, reason: values.reason?.trim() ?? "" });
      message.success(i18n.t("problems.clues.dismissed"));
      onDismissed(dismissed);
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={i18n.t("problems.clues.dismissTitle", { code: clue.code })}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("problems.clues.dismiss")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ danger: true, loading: saving, "data-testid": "clue-dismiss-confirm" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ErrorAlert error={error} />
      {clue.publicSubmission ? <Typography.Paragraph type="secondary">{i18n.t("problems.clues.dismissPublic")}</Typography.Paragraph> : null}
      <Form form={form} name="clueDismiss" layout="vertical">
        <Form.Item name="reason" label={i18n.t("common.reason")} rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t("common.reason") }) }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
