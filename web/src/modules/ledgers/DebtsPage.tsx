import { Form, Input, Space, Typography, type TableProps } from "antd";
import { useMemo } from "react";
import { ledgersApi, type DebtData } from "../../api/ledgers";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { yuan } from "./labels";
import { useAuth } from "../auth/AuthContext";
import { RecordFormButton } from "../../components/RecordForm";
import { debtFields, movementFields } from "./recordForms";
import { DebtPlanForm } from "./DebtPlanForm";

/** 化债务: the villages' debts with what each has resolved through payments and write-offs. */
export default function DebtsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const q = location.query.get("q") ?? undefined;
  const { page, pageSize } = pageParams(location.query);
  const result = useAsync((signal) => ledgersApi.debts({ org, q, page, pageSize }, signal), [org, q, page, pageSize]);
  const go = (next: { org?: number; q?: string; page?: number; pageSize?: number }) => navigate(withQuery("/ledgers/debts", { org: next.org, q: next.q, ...pagingQuery(next) }), { replace: true });
  const columns = useMemo<NonNullable<TableProps<DebtData>["columns"]>>(
    () => [
      { key: "village", dataIndex: "nodeName", title: i18n.t("ledgers.village"), width: 100, fixed: "left" },
      { key: "creditor", dataIndex: "creditor", title: i18n.t("ledgers.debt.creditor"), width: 160 },
      { key: "origin", dataIndex: "origin", title: i18n.t("ledgers.debt.origin"), width: 180 },
      { key: "incurredOn", dataIndex: "incurredOn", title: i18n.t("ledgers.debt.incurredOn"), width: 110 },
      { key: "amount", title: i18n.t("ledgers.debt.amount"), width: 130, align: "right", render: (_: unknown, d: DebtData) => yuan(d.amountFen) },
      { key: "resolved", title: i18n.t("ledgers.debt.resolved"), width: 130, align: "right", render: (_: unknown, d: DebtData) => yuan(d.resolvedFen) },
      {
        key: "outstanding",
        title: i18n.t("ledgers.debt.outstanding"),
        width: 130,
        align: "right",
        render: (_: unknown, d: DebtData) => <Typography.Text type={d.outstandingFen > 0 ? "danger" : "success"}>{yuan(d.outstandingFen)}</Typography.Text>,
      },
      {
        key: "actions",
        title: i18n.t("common.actions"),
        width: 200,
        render: (_: unknown, d: DebtData) => (
          <Space size={4} wrap>
            <DebtPlanForm debt={d} editable={d.abilities.update && d.outstandingFen > 0} onSaved={result.reload} />
            {d.abilities.update && d.outstandingFen > 0 ? (
              <RecordFormButton
                small
                title="ledgers.movement.create"
                button="ledgers.movement.button"
                testId={`movement-${d.id}`}
                fields={movementFields(i18n)}
                initial={{ kind: "payment" }}
                send={(body) => ledgersApi.addMovement(d.id, { ...body, version: d.version } as never)}
                onSaved={result.reload}
              />
            ) : null}
          </Space>
        ),
      },
    ],
    [i18n, result.reload],
  );
  return (
    <ListPage<DebtData>
      pageTestId="ledger-debts"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("ledgers.org")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, q, pageSize })} />
          </Form.Item>
          <Form.Item>
            <Input.Search allowClear defaultValue={q} placeholder={i18n.t("ledgers.debt.creditor")} onSearch={(text) => go({ org, q: text || undefined, pageSize })} style={{ width: 200 }} />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <Space wrap>
          {auth.can("ledger.manage") ? (
            <RecordFormButton title="ledgers.debt.create" button="ledgers.debt.create" testId="debt" fields={debtFields(i18n)} initial={{ nodeId: org, creditorKind: "enterprise" }} send={(body) => ledgersApi.createDebt(body as never)} onSaved={result.reload} />
          ) : null}
          {result.data ? <Typography.Text type="secondary">{i18n.t("ledgers.debt.sum", { amount: yuan(result.data.amountFen), resolved: yuan(result.data.resolvedFen) })}</Typography.Text> : null}
        </Space>
      }
      list={result}
      columns={columns}
      scrollX={1140}
      testId="debts-table"
      empty={i18n.t("ledgers.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ org, q, page: p, pageSize: size }) }}
    />
  );
}
