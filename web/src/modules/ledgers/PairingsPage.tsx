import { Form, Space, Typography, type TableProps } from "antd";
import { useMemo } from "react";
import { ledgersApi, type PairingData } from "../../api/ledgers";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { yuan } from "./labels";
import { useAuth } from "../auth/AuthContext";
import { RecordFormButton } from "../../components/RecordForm";
import { pairingFields } from "./recordForms";

/** 村企结对: enterprises paired with villages, with the projects, money and jobs the pairing brought. */
export default function PairingsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const { page, pageSize } = pageParams(location.query);
  const result = useAsync((signal) => ledgersApi.pairings({ org, page, pageSize }, signal), [org, page, pageSize]);
  const go = (next: { org?: number; page?: number; pageSize?: number }) => navigate(withQuery("/ledgers/pairings", { org: next.org, ...pagingQuery(next) }), { replace: true });
  const columns = useMemo<NonNullable<TableProps<PairingData>["columns"]>>(
    () => [
      { key: "enterprise", dataIndex: "enterprise", title: i18n.t("ledgers.pairing.enterprise"), width: 220, fixed: "left" },
      { key: "village", dataIndex: "nodeName", title: i18n.t("ledgers.village"), width: 100 },
      { key: "project", dataIndex: "project", title: i18n.t("ledgers.pairing.project"), width: 140 },
      { key: "agreementOn", dataIndex: "agreementOn", title: i18n.t("ledgers.pairing.agreementOn"), width: 110 },
      { key: "invested", title: i18n.t("ledgers.pairing.invested"), width: 130, align: "right", render: (_: unknown, row: PairingData) => yuan(row.investedFen) },
      { key: "jobs", dataIndex: "jobs", title: i18n.t("ledgers.pairing.jobs"), width: 80, align: "right" },
    ],
    [i18n],
  );
  const data = result.data;
  return (
    <ListPage<PairingData>
      pageTestId="ledger-pairings"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("ledgers.org")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, pageSize })} />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <Space wrap>
          {auth.can("ledger.manage") ? (
            <RecordFormButton title="ledgers.pairing.create" button="ledgers.pairing.create" testId="ledger-pairing" fields={pairingFields} initial={{ nodeId: org, jobs: 0 }} send={(body) => ledgersApi.createPairing(body as never)} onSaved={result.reload} />
          ) : null}
          {data ? <Typography.Text type="secondary">{i18n.t("ledgers.pairing.sum", { enterprises: data.enterprises, villages: data.villages, amount: yuan(data.investedFen) })}</Typography.Text> : null}
        </Space>
      }
      list={result}
      columns={columns}
      scrollX={780}
      testId="pairings-table"
      empty={i18n.t("ledgers.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ org, page: p, pageSize: size }) }}
    />
  );
}
