import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { evaluationApi, type FindingImportPreviewData } from "../../api/evaluation";
import { ErrorAlert } from "../../components/ErrorAlert";
import { InvalidRows } from "../../components/InvalidRows";
import { useI18n } from "../../i18n";
import { fileToBase64 } from "../problems/files";

type Row = FindingImportPreviewData["rows"][number];

/** 导入监督发现: an .xlsx of findings → each row with the body it counts against, each bad row with its reasons → all recorded, or none. */
export function FindingsImport({ onImported }: { onImported: () => void }) {
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<FindingImportPreviewData | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  const upload = (picked: File) =>
    run(async () => {
      setDone(null);
      setPreview(null);
      const sent = { fileName: picked.name, contentBase64: await fileToBase64(picked) };
      setFile(sent);
      setPreview(await evaluationApi.previewFindings(sent));
    });
  const commit = () =>
    run(async () => {
      if (!file) return;
      const result = await evaluationApi.importFindings(file);
      setDone(result.imported);
      setPreview(null);
      setFile(null);
      onImported();
    });

  return (
    <Space orientation="vertical" size={8} style={{ width: "100%", marginBottom: 12 }} data-testid="findings-import">
      <Space wrap>
        <Upload
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(picked) => {
            void upload(picked);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="findings-upload">
            {i18n.t("evaluation.import.button")}
          </Button>
        </Upload>
        <Typography.Text type="secondary">{i18n.t("evaluation.import.columns")}</Typography.Text>
      </Space>
      <ErrorAlert error={error} fieldLabels={{ contentBase64: i18n.t("evaluation.import.file") }} />
      {done !== null ? <Alert type="success" showIcon title={i18n.t("evaluation.import.done", { count: done })} /> : null}
      {preview ? (
        <Space orientation="vertical" size={8} style={{ width: "100%" }} data-testid="findings-preview">
          <Alert type={preview.invalid.length > 0 ? "error" : "success"} showIcon title={i18n.t("evaluation.import.summary", { total: preview.total, valid: preview.valid, invalid: preview.invalid.length })} />
          {preview.invalid.length > 0 ? (
            <InvalidRows rows={preview.invalid} testId="findings-invalid" />
          ) : null}
          <Table<Row>
            rowKey="row"
            size="small"
            pagination={false}
            dataSource={preview.rows}
            scroll={{ x: 640 }}
            data-testid="findings-rows"
            columns={[
              { key: "row", title: "#", width: 60, dataIndex: "row" },
              { key: "channel", title: i18n.t("evaluation.assess.channel"), render: (_: unknown, row) => i18n.t(`evaluation.channel.${row.channel}`) },
              { key: "body", title: i18n.t("evaluation.import.countsAgainst"), render: (_: unknown, row) => (row.parentName ? `${row.parentName} / ${row.bodyName}` : row.bodyName) },
              { key: "foundOn", title: i18n.t("evaluation.assess.foundOn"), dataIndex: "foundOn" },
              { key: "points", title: i18n.t("evaluation.assess.points"), dataIndex: "points", align: "right" },
              { key: "description", title: i18n.t("evaluation.assess.description"), render: (_: unknown, row) => <Space size={4}>{row.description}{row.openProblem ? <Tag color="orange">{i18n.t("evaluation.import.opensProblem")}</Tag> : null}</Space> },
            ]}
          />
          {preview.invalid.length === 0 ? (
            <Button type="primary" loading={busy} onClick={() => void commit()} data-testid="findings-commit">
              {i18n.t("evaluation.import.commit", { count: preview.valid })}
            </Button>
          ) : (
            <Typography.Text type="danger">{i18n.t("evaluation.import.fixFirst")}</Typography.Text>
          )}
        </Space>
      ) : null}
    </Space>
  );
}
