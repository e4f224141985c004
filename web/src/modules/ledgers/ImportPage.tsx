import { InboxOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Result, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { ledgersApi, type ImportPreviewData, type ImportResultData } from "../../api/ledgers";
import { hrefTo, useLocation, withQuery } from "../../app/router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { InvalidRows } from "../../components/InvalidRows";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { fileToBase64 } from "../problems/files";
import { objectLabel, yuan } from "./labels";

/** 导入台账: a village's .xlsx ledger → every invalid row and why (nothing imported while any remains) → import → flags. */
export default function ImportPage() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const location = useLocation();
  const [village, setVillage] = useState<number | undefined>(positiveInt(location.query.get("org")));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<ImportPreviewData | null>(null);
  const [result, setResult] = useState<ImportResultData | null>(null);

  const upload = async (file: File) => {
    if (!village) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setPreview(await ledgersApi.previewImport({ nodeId: village, fileName: file.name, contentBase64: await fileToBase64(file) }));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    if (!preview?.token) return;
    setBusy(true);
    setError(null);
    try {
      const done = await ledgersApi.commitImport(preview.token);
      setResult(done);
      setPreview(null);
      message.success(i18n.t("ledgers.import.done", { count: done.imported, flagged: done.flagged }));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" data-testid="ledger-import">
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Form layout="vertical">
          <Form.Item label={i18n.t("ledgers.import.village")} style={{ maxWidth: 360, marginBottom: 0 }}>
            <OrgTreePicker value={village ?? null} selectableKinds={["village", "community"]} onChange={(id) => setVillage(id ?? undefined)} aria-label={i18n.t("ledgers.import.village")} />
          </Form.Item>
        </Form>
        <ErrorAlert error={error} />
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={busy || !village}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
          data-testid="ledger-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{village ? i18n.t("ledgers.import.drop") : i18n.t("ledgers.import.pickVillage")}</p>
          <p className="ant-upload-hint">{i18n.t("ledgers.import.rule")}</p>
        </Upload.Dragger>

        {preview ? (
          <Space orientation="vertical" size={8} style={{ width: "100%" }} data-testid="ledger-preview">
            <Alert
              type={preview.invalid.length > 0 ? "error" : "success"}
              showIcon
              title={i18n.t("ledgers.import.summary", { total: preview.total, valid: preview.valid, invalid: preview.invalid.length })}
            />
            {preview.invalid.length > 0 ? (
              <InvalidRows rows={preview.invalid} testId="ledger-invalid" />
            ) : (
              <>
                <Table
                  rowKey="row"
                  size="small"
                  pagination={false}
                  dataSource={preview.sample}
                  scroll={{ x: 560 }}
                  columns={[
                    { key: "code", dataIndex: "code", title: i18n.t("ledgers.contract.code"), width: 120 },
                    { key: "object", title: i18n.t("ledgers.contract.object"), render: (_: unknown, row: ImportPreviewData["sample"][number]) => `${objectLabel(i18n, row.object)} · ${row.objectName}` },
                    { key: "term", title: i18n.t("ledgers.contract.term"), render: (_: unknown, row: ImportPreviewData["sample"][number]) => `${row.startOn} ~ ${row.endOn}` },
                    { key: "price", title: i18n.t("ledgers.contract.price"), align: "right", render: (_: unknown, row: ImportPreviewData["sample"][number]) => yuan(row.annualPriceFen) },
                  ]}
                />
                <Button type="primary" loading={busy} onClick={() => void commit()} data-testid="ledger-commit">
                  {i18n.t("ledgers.import.commit")}
                </Button>
              </>
            )}
          </Space>
        ) : null}

        {result ? (
          <Result
            status="success"
            title={i18n.t("ledgers.import.done", { count: result.imported, flagged: result.flagged })}
            extra={
              <Button type="primary" href={hrefTo(withQuery("/ledgers/contracts", { org: village, state: result.flagged > 0 ? "flagged" : undefined }))} data-testid="ledger-imported-open">
                {i18n.t("ledgers.nav.contracts")}
              </Button>
            }
          />
        ) : null}
        <Typography.Text type="secondary">{i18n.t("ledgers.import.rule")}</Typography.Text>
      </Space>
    </Card>
  );
}
