import { Card, Form, Select, Space, Tag, type TableProps } from "antd";
import { trainingApi, type SessionData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { trainingTopics } from "../../../../shared/schemas/training";
import { useAuth } from "../auth/AuthContext";
import { TopicTag } from "./labels";
import { SessionForm } from "./SessionForm";
import { RecordFormButton } from "../../components/RecordForm";
import { formFields } from "./recordForms";

/** 培训班次: the year's plans and the sessions held in the caller's area (the drill of training.sessions). */
export default function SessionsPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const plan = positiveInt(query.get("plan"));
  const topic = query.get("topic") ?? undefined;
  const paging = pageParams(query);
  const go = (next: Record<string, string | number | undefined>) => navigate(withQuery("/training/sessions", { org, plan, topic, ...next }));
  const plans = useAsync((signal) => trainingApi.plans({ org, pageSize: 200 }, signal), [org]);
  const list = useAsync((signal) => trainingApi.sessions({ org, plan, topic, ...paging }, signal), [org, plan, topic, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<SessionData>["columns"]> = [
    { key: "title", title: i18n.t("training.title"), render: (_: unknown, s: SessionData) => <a href={`#/training/sessions/${s.id}`}>{s.title}</a> },
    { key: "topic", title: i18n.t("training.topic"), render: (_: unknown, s: SessionData) => <TopicTag topic={s.topic} /> },
    { key: "form", title: i18n.t("training.form"), dataIndex: "formName", responsive: ["md"] },
    { key: "classroom", title: i18n.t("training.classroom"), dataIndex: "classroomName", responsive: ["md"] },
    { key: "time", title: i18n.t("training.time"), render: (_: unknown, s: SessionData) => i18n.dateTime(s.startsAt) },
    { key: "attended", title: i18n.t("training.attended"), align: "right", render: (_: unknown, s: SessionData) => i18n.number(s.attended) },
  ];
  return (
    <ListPage<SessionData>
      pageTestId="training-sessions-page"
      intro={
        <Card size="small" title={i18n.t("training.plans")}>
          <Space wrap>
            {(plans.data?.items ?? []).map((p) => (
              <Tag key={p.id} color={p.id === plan ? "blue" : undefined} style={{ cursor: "pointer" }} onClick={() => go({ plan: p.id === plan ? undefined : p.id })}>
                {`${p.title}（${p.sessions}）`}
              </Tag>
            ))}
          </Space>
        </Card>
      }
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("training.topic")}>
            <Select
              allowClear
              style={{ minWidth: 160 }}
              value={topic}
              onChange={(value?: string) => go({ topic: value })}
              options={trainingTopics.map((value) => ({ value, label: i18n.t(`training.topic.${value}`) }))}
            />
          </Form.Item>
        </ListFilters>
      }
      actions={
        can("training.manage") ? (
          <Space wrap>
            <SessionForm />
            <RecordFormButton small title="training.new.form" button="training.new.form" testId="training-form" fields={formFields} send={(body) => trainingApi.createForm(body as never)} onSaved={list.reload} />
          </Space>
        ) : null
      }
      list={list}
      columns={columns}
      testId="training-sessions"
      empty={i18n.t("training.sessionsEmpty")}
      paging={{ ...paging, onChange: (page, pageSize) => go({ ...pagingQuery({ page, pageSize }) }) }}
    />
  );
}
