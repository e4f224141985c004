import { Button, Form, Input, Modal, Select, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { pairingApi, type SuggestionData, type SuggestionParams } from "../../api/pairing";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useAuth } from "../auth/AuthContext";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { oneOf } from "./common";

interface AnswerForm {
  answer: string;
  answeredByName: string;
}

/** 建议在一线提出: suggestions made on visits, and the answer each got and from whom. */
export default function SuggestionsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const query = useLocation().query;
  const params: SuggestionParams & { page: number; pageSize: number } = {
    org: positiveInt(query.get("org")),
    status: oneOf(["open", "answered"] as const, query.get("status")),
    ...pageParams(query),
  };
  const key = JSON.stringify(params);
  const list = useAsync((signal) => pairingApi.suggestions(params, signal), [key]);
  const [answering, setAnswering] = useState<SuggestionData | null>(null);
  const [form] = Form.useForm<AnswerForm>();
  const { saving, error, submit } = useFormSubmit(form, ["answer", "answeredByName"], i18n);
  const go = (next: Partial<SuggestionParams>) => {
    const merged = { ...params, page: 1, ...next };
    navigate(withQuery("/pairing/suggestions", { ...merged, ...pagingQuery(merged) }), { replace: true });
  };
  const answer = () =>
    submit(async (values) => {
      await pairingApi.answer(answering!.id, { version: answering!.version, ...values });
      setAnswering(null);
      form.resetFields();
      list.reload();
    });
  const columns: ColumnsType<SuggestionData> = [
    { key: "content", dataIndex: "content", title: i18n.t("pairing.suggestion.content") },
    { key: "node", dataIndex: "nodeName", title: i18n.t("pairing.field.node"), responsive: ["md"] },
    {
      key: "status",
      title: i18n.t("pairing.suggestion.status"),
      render: (_: unknown, row) => <Tag color={row.status === "answered" ? "green" : "orange"}>{i18n.t(`pairing.suggestion.${row.status}`)}</Tag>,
    },
    { key: "answer", title: i18n.t("pairing.suggestion.answer"), render: (_: unknown, row) => (row.answer ? `${row.answer}（${row.answeredByName ?? ""}）` : "—"), responsive: ["md"] },
    {
      key: "actions",
      title: i18n.t("common.actions"),
      render: (_: unknown, row) =>
        row.status === "open" && auth.can("pairing.manage") ? (
          <Button size="small" type="link" onClick={() => setAnswering(row)}>
            {i18n.t("pairing.suggestion.answer")}
          </Button>
        ) : null,
    },
  ];
  return (
    <ListPage<SuggestionData>
      pageTestId="suggestions-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("pairing.field.node")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.suggestion.status")}>
            <Select
              allowClear
              value={params.status}
              onChange={(status) => go({ status })}
              options={(["open", "answered"] as const).map((status) => ({ value: status, label: i18n.t(`pairing.suggestion.${status}`) }))}
              style={{ minWidth: 120 }}
            />
          </Form.Item>
        </ListFilters>
      }
      list={list}
      columns={columns}
      testId="suggestions-table"
      empty={i18n.t("pairing.suggestion.empty")}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize } as Partial<SuggestionParams>) }}
    >
      <Modal open={answering !== null} title={answering?.content} onCancel={() => setAnswering(null)} onOk={answer} confirmLoading={saving}>
        <Form form={form} layout="vertical">
          <Form.Item name="answer" label={i18n.t("pairing.suggestion.answer")} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="answeredByName" label={i18n.t("pairing.suggestion.answeredBy")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
        {error ? <ErrorAlert error={error} /> : null}
      </Modal>
    </ListPage>
  );
}
