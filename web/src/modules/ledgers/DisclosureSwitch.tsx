import { App, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { ledgersApi } from "../../api/ledgers";
import { useAsync } from "../../app/useAsync";
import { useI18n } from "../../i18n";

/** 村务公开: the village secretary publishes the village's contract list and income to its residents, or withdraws them. */
export function DisclosureSwitch({ villageId }: { villageId: number }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const state = useAsync((signal) => ledgersApi.disclosure(villageId, signal), [villageId]);
  const [saving, setSaving] = useState(false);
  // Not a village (a township picked as the filter): nothing to publish here.
  if (!state.data) return null;
  const toggle = async (published: boolean) => {
    setSaving(true);
    try {
      await ledgersApi.setDisclosure({ nodeId: villageId, published, version: state.data!.version });
      message.success(i18n.t(published ? "ledgers.disclosure.published" : "ledgers.disclosure.withdrawn"));
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setSaving(false);
      state.reload();
    }
  };
  return (
    <Space size={4}>
      <Switch checked={state.data.published} loading={saving || state.loading} onChange={(checked) => void toggle(checked)} data-testid="ledger-disclosure" />
      <Typography.Text>{i18n.t("ledgers.disclosure.label")}</Typography.Text>
    </Space>
  );
}
