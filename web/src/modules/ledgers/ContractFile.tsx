import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Space, Upload } from "antd";
import { useState } from "react";
import { ledgersApi, type ContractDetailData } from "../../api/ledgers";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { fileToBase64 } from "../problems/files";

/** The contract's text: a link to the current file, and for the village's keeper an upload that replaces it (the server names it by its bytes' type). */
export function ContractFile({ contract, onSaved }: { contract: ContractDetailData; onSaved: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const upload = async (file: File) => {
    setSaving(true);
    setError(null);
    try {
      await ledgersApi.uploadFile(contract.id, { version: contract.version, fileName: file.name, contentBase64: await fileToBase64(file) });
      message.success(i18n.t("ledgers.file.saved"));
      onSaved();
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap>
        {contract.fileId !== null ? (
          <a href={ledgersApi.fileUrl(contract.id)} download={contract.fileRef ?? undefined} data-testid="contract-file-link">
            {contract.fileRef}
          </a>
        ) : (
          <span>{contract.fileRef ?? "—"}</span>
        )}
        {contract.abilities.update ? (
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,.docx"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={saving} data-testid="contract-file-upload">
              {i18n.t(contract.fileId !== null ? "ledgers.file.replace" : "ledgers.file.upload")}
            </Button>
          </Upload>
        ) : null}
      </Space>
      <ErrorAlert error={error} fieldLabels={{ contentBase64: i18n.t("ledgers.file.label") }} />
    </Space>
  );
}
