import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Select, Space, Tag, Typography, type TableProps } from "antd";
import { useRef, useState } from "react";
import { roleGrants } from "../../../../shared/permissions";
import { difficulties, difficultyLabels, trainingTopics } from "../../../../shared/schemas/training";
import { trainingApi, type BankPreviewData, type BankQuestionData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { InvalidRows } from "../../components/InvalidRows";
import { ListFilters, ListPage } from "../../components/ListPage";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery } from "../../lib/query";
import { useMe } from "../auth/AuthContext";
import { fileToBase64 } from "../problems/files";
import { TopicTag, typeLabel } from "./labels";
import { QuestionForm } from "./QuestionForm";

/** Upload, preview (every bad row with its column and reason), then import: all rows or none. */
function BankImport({ nodeId, onImported }: { nodeId: number; onImported: () => void }) {
  const i18n = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<BankPreviewData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setError(null);
    setDone(null);
    try {
      const content = await fileToBase64(chosen);
      setFile({ name: chosen.name, content });
      setPreview(await trainingApi.previewImport(nodeId, chosen.name, content));
    } catch (failure) {
      setPreview(null);
      setError(failure);
    }
  };
  const commit = async () => {
    if (!file) return;
    try {
      const result = await trainingApi.commitImport(nodeId, file.name, file.content);
      setDone(result.imported);
      setPreview(null);
      onImported();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Card size="small" title={i18n.t("training.import")}>
      <input ref={input} type="file" accept=".xlsx" hidden onChange={(event) => void choose(event.target.files?.[0])} data-testid="bank-file" />
      <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
        {i18n.t("training.import")}
      </Button>
      <ErrorAlert error={error} />
      {done !== null ? <Alert type="success" showIcon title={i18n.t("training.imported", { count: done })} /> : null}
      {preview ? (
        <Space orientation="vertical" style={{ width: "100%", marginTop: 8 }} data-testid="bank-preview">
          <Typography.Text>{i18n.t("training.importPreview", { total: preview.total, valid: preview.valid, invalid: preview.invalid.length })}</Typography.Text>
          {preview.invalid.length > 0 ? (
            <>
              <Alert type="error" showIcon title={i18n.t("training.importBlocked")} />
              <InvalidRows rows={preview.invalid} testId="bank-invalid" />
            </>
          ) : (
            <Button type="primary" onClick={() => void commit()} data-testid="bank-import">
              {i18n.t("training.importDo", { count: preview.valid })}
            </Button>
          )}
        </Space>
      ) : null}
    </Card>
  );
}

/** 题库: the questions the caller manages, with their keys (never shown to candidates), and the import. */
export default function BankPage() {
  const i18n = useI18n();
  const me = useMe();
  const { query } = useLocation();
  const topic = query.get("topic") ?? undefined;
  const difficulty = query.get("difficulty") ?? undefined;
  const paging = pageParams(query);
  const go = (next: Record<string, string | number | undefined>) => navigate(withQuery("/training/bank", { topic, difficulty, ...next }));
  const list = useAsync((signal) => trainingApi.questions({ topic, difficulty, ...paging }, signal), [topic, difficulty, paging.page, paging.pageSize]);
  const home = me.roles.find((role) => role.nodeId !== null && roleGrants(role.role, "training.manage"))?.nodeId ?? null;
  const columns: NonNullable<TableProps<BankQuestionData>["columns"]> = [
    { key: "stem", title: i18n.t("training.stem"), dataIndex: "stem" },
    { key: "type", title: i18n.t("training.form"), render: (_: unknown, q: BankQuestionData) => <Tag>{typeLabel(i18n, q.type)}</Tag> },
    { key: "topic", title: i18n.t("training.topic"), responsive: ["md"], render: (_: unknown, q: BankQuestionData) => <TopicTag topic={q.topic} /> },
    { key: "answer", title: i18n.t("training.answer"), responsive: ["md"], render: (_: unknown, q: BankQuestionData) => q.answer.join("") },
  ];
  return (
    <ListPage<BankQuestionData>
      pageTestId="training-bank-page"
      intro={home !== null ? <BankImport nodeId={home} onImported={list.reload} /> : null}
      actions={home !== null ? <QuestionForm nodeId={home} onCreated={list.reload} /> : null}
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("training.topic")}>
            <Select allowClear style={{ minWidth: 150 }} value={topic} onChange={(value?: string) => go({ topic: value })} options={trainingTopics.map((value) => ({ value, label: i18n.t(`training.topic.${value}`) }))} />
          </Form.Item>
          <Form.Item label={i18n.t("training.difficulty")}>
            <Select allowClear style={{ minWidth: 100 }} value={difficulty} onChange={(value?: string) => go({ difficulty: value })} options={difficulties.map((value) => ({ value, label: difficultyLabels[value] }))} />
          </Form.Item>
        </ListFilters>
      }
      list={list}
      columns={columns}
      testId="training-bank"
      empty={i18n.t("training.bankEmpty")}
      paging={{ ...paging, onChange: (page, pageSize) => go({ ...pagingQuery({ page, pageSize }) }) }}
    />
  );
}
