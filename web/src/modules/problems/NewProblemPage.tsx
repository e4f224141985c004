import { App, Button, Card, DatePicker, Form, Input, List, Result, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { problemsApi, type CreatedProblemData } from "../../api/problems";
import { navigate, useLocation } from "../../app/router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useScopeRoots } from "../../components/useOrgNode";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { cityToday } from "../calendar/logic";
import { categoryLabel, categoryOptions, channelLabel, channelOptions, options, sourceLabel, sourceOptions, StatusTag } from "./labels";

interface NewProblemForm {
  nodeId?: number | null;
  channel?: string;
  source?: string;
  category?: string;
  title?: string;
  description?: string;
  reporterName?: string;
  reporterPhone?: string;
  foundOn?: Dayjs | null;
}

const fieldNames = ["nodeId", "channel", "source", "category", "title", "description", "reporterName", "reporterPhone", "foundOn"] as const;

/**
 * After registering: problems at the same node that read alike. The new one can be merged into one
 * of them (a duplicate), or kept.
 */
function Duplicates({ created, onKeep }: { created: CreatedProblemData; onKeep: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [merging, setMerging] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const canMerge = created.abilities.merge === true;
  const merge = async (intoId: number) => {
    setMerging(intoId);
    setError(null);
    try {
      await problemsApi.step(created.id, "merge", { version: created.version, intoId });
      message.success(i18n.t("problems.new.merged"));
      navigate(`/problems/${intoId}`);
    } catch (cause) {
      setError(cause);
    } finally {
      setMerging(null);
    }
  };
  return (
    <Card size="small" data-testid="problem-duplicates">
      <Result
        status="warning"
        title={i18n.t("problems.new.registered", { code: created.code })}
        subTitle={i18n.t("problems.new.similarFound", { count: created.similar.length })}
        style={{ padding: "16px 0" }}
      />
      <ErrorAlert error={error} />
      <List
        bordered
        dataSource={created.similar}
        renderItem={(s) => (
          <List.Item
            data-testid="similar-problem"
            actions={[
              <a key="open" href={`#/problems/${s.id}`} target="_blank" rel="noreferrer">
                {i18n.t("common.view")}
              </a>,
              ...(canMerge
                ? [
                    <Button key="merge" size="small" loading={merging === s.id} disabled={merging !== null} onClick={() => void merge(s.id)} data-testid="similar-merge">
                      {i18n.t("problems.new.mergeInto")}
                    </Button>,
                  ]
                : []),
            ]}
          >
            <Space wrap size={6}>
              <Typography.Text type="secondary">{s.code}</Typography.Text>
              <span>{s.title}</span>
              <StatusTag status={s.status} />
              <Typography.Text type="secondary">{i18n.t("problems.similarity", { percent: Math.round(s.similarity * 100) })}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <div style={{ marginTop: 12, display: "flex", justifyContent: "flex-end" }}>
        <Button type="primary" onClick={onKeep} data-testid="similar-keep">
          {i18n.t("problems.new.keep")}
        </Button>
      </div>
    </Card>
  );
}

/** 登记问题: where, how it was found, what it is; then the duplicates the server suggests. */
export default function NewProblemPage() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const location = useLocation();
  const [form] = Form.useForm<NewProblemForm>();
  const [created, setCreated] = useState<CreatedProblemData | null>(null);
  const today = cityToday();
  const roots = useScopeRoots();
  const orgParam = positiveInt(location.query.get("org"));
  // Someone who reports in one place only (a village secretary, a grid worker) finds it filled in.
  useEffect(() => {
    const only = roots.data?.items.length === 1 ? roots.data.items[0] : undefined;
    if (orgParam === undefined && only && !form.getFieldValue("nodeId")) form.setFieldsValue({ nodeId: only.id });
  }, [roots.data, orgParam, form]);
  const labels = {
    nodeId: i18n.t("problems.node"),
    channel: i18n.t("problems.channel"),
    source: i18n.t("problems.source"),
    category: i18n.t("problems.category"),
    title: i18n.t("problems.title"),
    description: i18n.t("problems.description"),
    reporterName: i18n.t("problems.reporterName"),
    reporterPhone: i18n.t("problems.reporterPhone"),
    foundOn: i18n.t("problems.foundOn"),
  };
  const { saving, error, submit: send } = useFormSubmit(form, fieldNames, i18n);

  if (created) return <Duplicates created={created} onKeep={() => navigate(`/problems/${created.id}`)} />;

  const text = (v: string | undefined) => v?.trim() || undefined;
  const submit = () =>
    send(async (values) => {
      const result = await problemsApi.create({
        nodeId: values.nodeId as number,
        channel: values.channel as never,
        source: values.source as never,
        category: values.category as never,
        title: values.title?.trim() ?? "",
        description: values.description?.trim() ?? "",
        ...(text(values.reporterName) ? { reporterName: text(values.reporterName) } : {}),
        ...(text(values.reporterPhone) ? { reporterPhone: text(values.reporterPhone) } : {}),
        ...(values.foundOn ? { foundOn: values.foundOn.format("YYYY-MM-DD") } : {}),
      });
      message.success(i18n.t("problems.new.created", { code: result.code }));
      if (result.similar.length > 0) setCreated(result);
      else navigate(`/problems/${result.id}`);
    });

  const required = (field: string) => ({ required: true, message: i18n.t("common.required", { field }) });

  return (
    <Card size="small" title={i18n.t("problems.new.title")} style={{ maxWidth: 860 }}>
      <ErrorAlert error={error} fieldLabels={labels} />
      <Form<NewProblemForm>
        form={form}
        name="newProblem"
        layout="vertical"
        onFinish={submit}
        autoComplete="off"
        initialValues={{ nodeId: orgParam ?? null, foundOn: dayjs(today) }}
      >
        <Form.Item name="nodeId" label={labels.nodeId} rules={[required(labels.nodeId)]}>
          <OrgTreePicker allowClear={false} />
        </Form.Item>
        <Space wrap size={16} style={{ width: "100%" }} align="start">
          <Form.Item name="source" label={labels.source} rules={[required(labels.source)]}>
            <Select style={{ width: 160 }} options={options(i18n, sourceOptions, sourceLabel)} data-testid="new-source" />
          </Form.Item>
          <Form.Item name="channel" label={labels.channel} rules={[required(labels.channel)]}>
            <Select style={{ width: 160 }} options={options(i18n, channelOptions, channelLabel)} data-testid="new-channel" />
          </Form.Item>
          <Form.Item name="category" label={labels.category} rules={[required(labels.category)]}>
            <Select style={{ width: 160 }} options={options(i18n, categoryOptions, categoryLabel)} data-testid="new-category" />
          </Form.Item>
          <Form.Item name="foundOn" label={labels.foundOn}>
            <DatePicker style={{ width: 160 }} disabledDate={(d) => d.format("YYYY-MM-DD") > today} allowClear={false} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={labels.title} rules={[{ ...required(labels.title), whitespace: true }, { max: 100 }]}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="description" label={labels.description} rules={[{ ...required(labels.description), whitespace: true }, { max: 2000 }]}>
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap size={16} align="start">
          <Form.Item name="reporterName" label={`${labels.reporterName}${i18n.t("problems.optional")}`} rules={[{ max: 40 }]}>
            <Input maxLength={40} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="reporterPhone" label={`${labels.reporterPhone}${i18n.t("problems.optional")}`} rules={[{ pattern: /^1\d{10}$/, message: i18n.t("people.phoneFormat") }]}>
            <Input maxLength={11} inputMode="numeric" style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{i18n.t("problems.new.privacy")}</Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="new-problem-submit">
            {i18n.t("problems.new.submit")}
          </Button>
          <Button onClick={() => navigate("/problems")}>{i18n.t("common.cancel")}</Button>
        </Space>
      </Form>
    </Card>
  );
}
