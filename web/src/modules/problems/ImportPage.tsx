import { InboxOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Result, Space, Steps, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiError } from "../../api/client";
import { problemsApi, type ImportPreviewData, type ImportResultData } from "../../api/problems";
import { navigate } from "../../app/router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { InvalidRows } from "../../components/InvalidRows";
import { useI18n } from "../../i18n";
import { checkFile, fileToBase64, spreadsheetExtensions } from "./files";
import { fileProblemText } from "./FileUpload";
import { categoryLabel, StatusTag } from "./labels";

type SampleRow = ImportPreviewData["sample"][number];

/** The ledger's headings the import reads (the export writes the same ones). */
const expectedColumns = ["镇街", "村(社区)", "问题标题", "问题描述", "问题类别", "问题来源", "发现渠道", "发现日期", "反映人", "联系电话", "责任单位", "责任人", "整改措施", "整改时限(工作日)"];

/** 批量导入: upload an .xlsx ledger → every invalid row with its reasons → accept (skipping them or not) → the result. */
export default function ImportPage() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<ImportPreviewData | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState<ImportResultData | null>(null);

  const upload = async (file: File) => {
    setError(null);
    const problem = checkFile(file, spreadsheetExtensions);
    if (problem) {
      setError(new Error(fileProblemText(i18n, file.name, problem)));
      return;
    }
    setBusy(true);
    try {
      const data = await problemsApi.importPreview({ fileName: file.name, contentBase64: await fileToBase64(file) });
      setPreview(data);
      setSkipInvalid(false);
      setStep(1);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const data = await problemsApi.importCommit({ token: preview.token, skipInvalid });
      setResult(data);
      setStep(2);
      message.success(i18n.t("problems.import.done", { count: data.imported }));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setPreview(null);
    setResult(null);
    setError(null);
    setStep(0);
  };

  const expired = error instanceof ApiError && (error.code === "import_expired" || error.code === "import_committed");

  return (
    <Card size="small" data-testid="import-wizard">
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[{ title: i18n.t("problems.import.step.upload") }, { title: i18n.t("problems.import.step.preview") }, { title: i18n.t("problems.import.step.result") }]}
      />
      {error instanceof Error && !(error instanceof ApiError) ? (
        <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} data-testid="import-file-error" />
      ) : (
        <ErrorAlert error={error} onRetry={expired ? restart : undefined} />
      )}

      {step === 0 ? (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy ? i18n.t("problems.import.reading") : i18n.t("problems.import.drop")}</p>
            <p className="ant-upload-hint">{i18n.t("problems.import.rule")}</p>
          </Upload.Dragger>
          <div>
            <Typography.Text type="secondary">{i18n.t("problems.import.columns")}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              {expectedColumns.map((c) => (
                <Tag key={c} style={{ marginBottom: 4 }}>
                  {c}
                </Tag>
              ))}
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
              {i18n.t("problems.import.columnsHint")}
            </Typography.Paragraph>
          </div>
        </Space>
      ) : null}

      {step === 1 && preview ? (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} data-testid="import-summary">
            <Descriptions.Item label={i18n.t("problems.import.file")}>{preview.fileName}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.import.total")}>{i18n.number(preview.total)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.import.valid")}>
              <Typography.Text type="success" data-testid="import-valid">
                {i18n.number(preview.valid)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.import.invalid")}>
              <Typography.Text type={preview.invalid.length > 0 ? "danger" : undefined} data-testid="import-invalid">
                {i18n.number(preview.invalid.length)}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{i18n.t("problems.import.expires", { time: i18n.dateTime(preview.expiresAt) })}</Typography.Text>
          {preview.invalid.length > 0 ? (
            <Card size="small" title={i18n.t("problems.import.invalidRows", { count: preview.invalid.length })}>
              <InvalidRows rows={preview.invalid} testId="import-invalid-table" />
            </Card>
          ) : null}
          <Card size="small" title={i18n.t("problems.import.sample", { count: preview.sample.length, valid: preview.valid })}>
            <Table<SampleRow>
              rowKey="row"
              size="small"
              dataSource={preview.sample}
              pagination={false}
              scroll={{ x: 560 }}
              locale={{ emptyText: <Empty description={i18n.t("problems.import.noValid")} /> }}
              columns={[
                { key: "row", title: i18n.t("problems.import.row"), width: 70, dataIndex: "row" },
                { key: "node", title: i18n.t("problems.node"), width: 120, dataIndex: "nodeName" },
                { key: "category", title: i18n.t("problems.category"), width: 96, render: (_: unknown, r: SampleRow) => categoryLabel(i18n, r.category) },
                { key: "title", title: i18n.t("problems.title"), dataIndex: "title" },
                { key: "status", title: i18n.t("problems.status"), width: 90, render: (_: unknown, r: SampleRow) => <StatusTag status={r.status} /> },
              ]}
            />
          </Card>
          {preview.invalid.length > 0 ? (
            <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="import-skip-invalid">
              {i18n.t("problems.import.skipInvalid", { count: preview.invalid.length })}
            </Checkbox>
          ) : null}
          <Space wrap>
            <Button
              type="primary"
              loading={busy}
              disabled={preview.valid === 0 || (preview.invalid.length > 0 && !skipInvalid)}
              onClick={() => void commit()}
              data-testid="import-commit"
            >
              {i18n.t("problems.import.commit", { count: preview.valid })}
            </Button>
            <Button onClick={restart}>{i18n.t("problems.import.again")}</Button>
          </Space>
          {preview.invalid.length > 0 && !skipInvalid ? <Typography.Text type="secondary">{i18n.t("problems.import.fixOrSkip")}</Typography.Text> : null}
        </Space>
      ) : null}

      {step === 2 && result ? (
        <Result
          status="success"
          title={i18n.t("problems.import.done", { count: result.imported })}
          subTitle={result.skipped > 0 ? i18n.t("problems.import.skipped", { count: result.skipped }) : undefined}
          data-testid="import-result"
          extra={[
            <Button key="list" type="primary" onClick={() => navigate("/problems")}>
              {i18n.t("problems.nav.problems")}
            </Button>,
            <Button key="again" onClick={restart}>
              {i18n.t("problems.import.again")}
            </Button>,
          ]}
        />
      ) : null}
    </Card>
  );
}
