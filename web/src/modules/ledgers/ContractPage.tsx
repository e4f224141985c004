import { App, Button, Card, Descriptions, Empty, Space, Table, Typography } from "antd";
import type { ReactNode } from "react";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { ledgersApi, type FlagData } from "../../api/ledgers";
import { hrefTo } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { MaskedText } from "../../components/MaskedText";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { ContractFile } from "./ContractFile";
import { ContractForm } from "./ContractForm";
import { checkStateLabel, counterpartyLabel, flagStateLabel, letMethodLabel, objectLabel, procedureLabel, ruleLabel, scheduleLabel, StateTag, statusLabel, yuan } from "./labels";

/** Amounts among a flag's facts are fen: shown in yuan; the rest as they are. */
function factsText(facts: FlagData["facts"]): string {
  return Object.entries(facts)
    .map(([key, value]) => `${key}: ${typeof value === "number" && key.endsWith("Fen") ? yuan(value) : (value ?? "—")}`)
    .join("；");
}

/** One contract: its ledger entry, each rule it tripped with the facts, and the flag raised as a problem. */
export default function ContractPage({ id }: { id: number }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const contract = useAsync((signal) => ledgersApi.contract(id, signal), [id]);
  const [raising, setRaising] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const raise = async (flag: FlagData) => {
    setRaising(flag.id);
    setError(null);
    try {
      const raised = await ledgersApi.raise(flag.id, flag.version);
      message.success(i18n.t("ledgers.flag.raised", { code: raised.problemCode }));
      contract.reload();
    } catch (cause) {
      setError(cause);
    } finally {
      setRaising(null);
    }
  };
  const c = contract.data;
  if (!c) return contract.error ? <PageError error={contract.error} onRetry={contract.reload} /> : <Loading />;
  const columns: ColumnsType<FlagData> = [
    { title: i18n.t("ledgers.flag.rule"), key: "rule", width: 180, render: (_: unknown, f) => ruleLabel(i18n, f.rule) },
    { title: i18n.t("ledgers.flag.facts"), key: "facts", render: (_: unknown, f) => <Typography.Text style={{ fontSize: 12 }}>{factsText(f.facts)}</Typography.Text> },
    { title: i18n.t("ledgers.flag.state"), key: "state", width: 110, render: (_: unknown, f) => <StateTag state={f.state} label={flagStateLabel(i18n, f.state)} /> },
    {
      title: i18n.t("ledgers.flag.problem"),
      key: "problem",
      width: 130,
      render: (_: unknown, f) =>
        f.problemId ? (
          <a href={hrefTo(`/problems/${f.problemId}`)} data-testid="flag-problem">
            {f.problemCode}
          </a>
        ) : f.abilities.raise ? (
          <Button size="small" type="primary" loading={raising === f.id} onClick={() => void raise(f)} data-testid="flag-raise">
            {i18n.t("ledgers.flag.raise")}
          </Button>
        ) : null,
    },
  ];
  const item = (label: string, children: ReactNode) => ({ key: label, label, children });
  // Only a person's data is masked; an enterprise's name is shown as it is.
  const masked = (field: "counterpartyName" | "counterpartyIdNumber" | "counterpartyPhone", value: string | null, label: string) =>
    c.counterpartyKind === "person" || field !== "counterpartyName" ? (
      <MaskedText value={value} label={label} canReveal={c.abilities.reveal} onReveal={async () => (await ledgersApi.reveal(c.id, field)).value} />
    ) : (
      value
    );
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="ledger-contract">
      <Card size="small" title={`${c.code} · ${c.nodeName}`} extra={
          <Space>
            <StateTag state={c.checkState} label={checkStateLabel(i18n, c.checkState)} />
            {c.abilities.update ? (
              <Button size="small" onClick={() => setEditing(true)} data-testid="contract-edit">
                {i18n.t("ledgers.contract.edit")}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            item(`${i18n.t("ledgers.contract.counterparty")}（${counterpartyLabel(i18n, c.counterpartyKind)}）`, masked("counterpartyName", c.counterpartyName, i18n.t("ledgers.contract.counterparty"))),
            item(i18n.t("ledgers.contract.idNumber"), masked("counterpartyIdNumber", c.counterpartyIdNumber, i18n.t("ledgers.contract.idNumber"))),
            item(i18n.t("ledgers.contract.phone"), masked("counterpartyPhone", c.counterpartyPhone, i18n.t("ledgers.contract.phone"))),
            item(i18n.t("ledgers.contract.object"), `${objectLabel(i18n, c.object)} · ${c.objectName}`),
            item(i18n.t("ledgers.contract.area"), `${c.area} ${c.unit}`),
            item(i18n.t("ledgers.contract.term"), `${c.startOn} ~ ${c.endOn}`),
            item(i18n.t("ledgers.contract.price"), yuan(c.annualPriceFen)),
            item(i18n.t("ledgers.contract.schedule"), scheduleLabel(i18n, c.paymentSchedule)),
            item(i18n.t("ledgers.contract.due"), yuan(c.dueFen)),
            item(i18n.t("ledgers.contract.received"), yuan(c.receivedFen)),
            item(i18n.t("ledgers.contract.owed"), yuan(c.owedFen)),
            item(i18n.t("ledgers.contract.letMethod"), letMethodLabel(i18n, c.letMethod)),
            item(i18n.t("ledgers.contract.procedure"), `${procedureLabel(i18n, c.procedure)}${c.procedureOn ? ` ${c.procedureOn}` : ""}`),
            item(i18n.t("ledgers.contract.fileRef"), <ContractFile contract={c} onSaved={contract.reload} />),
            item(i18n.t("ledgers.contract.status"), statusLabel(i18n, c.status)),
          ]}
        />
      </Card>
      <Card size="small" title={i18n.t("ledgers.contract.flags")}>
        <ErrorAlert error={error} />
        {c.flags.length === 0 ? (
          <Empty description={i18n.t("ledgers.contract.noFlags")} />
        ) : (
          <Table<FlagData> rowKey="id" size="small" columns={columns} dataSource={c.flags} pagination={false} scroll={{ x: 640 }} data-testid="flags-table" />
        )}
      </Card>
      {editing ? (
        <ContractForm
          contract={c}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            message.success(i18n.t("ledgers.contract.saved"));
            contract.reload();
          }}
        />
      ) : null}
    </Space>
  );
}
