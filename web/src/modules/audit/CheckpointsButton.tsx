import { FileProtectOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { auditApi } from "../../api/audit";
import { useI18n } from "../../i18n";
import { downloadText, exportFileName } from "../../lib/csv";

/** Downloads the chains' checkpoints, signed by the server, for the audit administrator to keep outside the system. */
export function CheckpointsButton() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const run = async () => {
    setLoading(true);
    try {
      const signed = await auditApi.checkpoints();
      downloadText(exportFileName(i18n.t("audit.checkpointsFile")).replace(/\.csv$/, ".json"), JSON.stringify(signed, null, 2), "application/json");
      message.success(i18n.t("audit.checkpointsSaved", { count: i18n.number(signed.checkpoints.length) }));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button icon={<FileProtectOutlined />} loading={loading} onClick={() => void run()} data-testid="audit-checkpoints">
      {i18n.t("audit.checkpoints")}
    </Button>
  );
}
