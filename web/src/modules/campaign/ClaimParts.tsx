import { App, Button, Popconfirm, Space } from "antd";
import { useState } from "react";
import { campaignApi, type ClaimData } from "../../api/campaign";
import { hrefTo } from "../../app/router";
import { useI18n } from "../../i18n";
import { NoteModal, useRunAction } from "./actions";
import { ClaimFormModal } from "./ClaimFormModal";

/**
 * The steps a claim allows the caller, as the server's `abilities` say: the office approves or
 * returns a submitted claim; its claimant resubmits a returned one or withdraws it.
 */
export function ClaimActions({ claim, onChanged, showOpen = false, size = "small" }: { claim: ClaimData; onChanged: (claim: ClaimData | null) => void; showOpen?: boolean; size?: "small" | "middle" }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const run = useRunAction();
  const [dialog, setDialog] = useState<"approve" | "return" | "resubmit" | null>(null);
  // After a 409 the claim is read again; the newer of that and what the list holds is acted on.
  const [reloaded, setReloaded] = useState<ClaimData | null>(null);
  const current = reloaded && reloaded.id === claim.id && reloaded.version >= claim.version ? reloaded : claim;
  const can = (key: keyof ClaimData["abilities"]) => current.abilities[key];
  const reloadClaim = async () => {
    const fresh = await campaignApi.claim(claim.id);
    setReloaded(fresh);
    onChanged(fresh);
  };

  return (
    <Space wrap size={4} data-testid="claim-actions" data-claim={claim.id}>
      {showOpen ? (
        <Button size={size} href={hrefTo(`/campaign/claims/${claim.id}`)} data-testid="claim-open">
          {i18n.t("campaign.claim.open")}
        </Button>
      ) : null}
      {can("approve") ? (
        <Button size={size} type="primary" onClick={() => setDialog("approve")} data-testid="claim-approve">
          {i18n.t("campaign.claim.approve")}
        </Button>
      ) : null}
      {can("return") ? (
        <Button size={size} danger onClick={() => setDialog("return")} data-testid="claim-return">
          {i18n.t("campaign.claim.return")}
        </Button>
      ) : null}
      {can("resubmit") ? (
        <Button size={size} type="primary" onClick={() => setDialog("resubmit")} data-testid="claim-resubmit">
          {i18n.t("campaign.claim.resubmit")}
        </Button>
      ) : null}
      {can("withdraw") ? (
        <Popconfirm
          title={i18n.t("campaign.claim.withdrawConfirm")}
          okText={i18n.t("campaign.claim.withdraw")}
          cancelText={i18n.t("common.cancel")}
          onConfirm={async () => {
            const saved = await run(() => campaignApi.withdrawClaim(claim.id, current.version), { success: i18n.t("campaign.claim.withdrawn"), reload: () => void reloadClaim() });
            if (saved) onChanged(saved);
          }}
        >
          <Button size={size} data-testid="claim-withdraw">
            {i18n.t("campaign.claim.withdraw")}
          </Button>
        </Popconfirm>
      ) : null}

      {dialog === "approve" ? (
        <NoteModal
          title={i18n.t("campaign.claim.approveTitle", { title: claim.topicTitle })}
          hint={i18n.t("campaign.claim.approveHint")}
          okText={i18n.t("campaign.claim.approve")}
          noteLabel={i18n.t("campaign.claim.note")}
          testId="claim-approve-dialog"
          onClose={() => setDialog(null)}
          onReload={reloadClaim}
          onSubmit={async (note) => {
            const saved = await campaignApi.approveClaim(claim.id, { version: current.version, ...(note ? { note } : {}) });
            setDialog(null);
            onChanged(saved);
            message.success(i18n.t("campaign.claim.approved", { count: saved.createdProjectIds.length }));
          }}
        />
      ) : null}
      {dialog === "return" ? (
        <NoteModal
          title={i18n.t("campaign.claim.returnTitle", { title: claim.topicTitle })}
          okText={i18n.t("campaign.claim.return")}
          noteLabel={i18n.t("campaign.claim.note")}
          noteRequired={i18n.t("campaign.claim.noteRequired")}
          danger
          testId="claim-return-dialog"
          onClose={() => setDialog(null)}
          onReload={reloadClaim}
          onSubmit={async (note) => {
            const saved = await campaignApi.returnClaim(claim.id, { version: current.version, note });
            setDialog(null);
            onChanged(saved);
            message.success(i18n.t("campaign.claim.returned"));
          }}
        />
      ) : null}
      {dialog === "resubmit" ? (
        <ClaimFormModal
          mode={{ kind: "resubmit", claim: current }}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            onChanged(saved);
          }}
        />
      ) : null}
    </Space>
  );
}
