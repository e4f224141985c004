import { Card, Empty, List, Table, Typography } from "antd";
import { ledgersApi, type PublicLedgerData } from "../../api/ledgers";
import { hrefTo } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { publicPath } from "../public/city";
import { counterpartyLabel, letMethodLabel, objectLabel, sourceLabel, yuan } from "./labels";

type PublicContract = PublicLedgerData["contracts"][number];

/** One published village: its contracts (object, term, price, counterparty kind; never a person) and income by source. */
function VillageLedger({ id }: { id: number }) {
  const i18n = useI18n();
  const ledger = useAsync((signal) => ledgersApi.publicLedger(id, signal), [id]);
  const data = ledger.data;
  return (
    <Card size="small" title={data?.nodeName} loading={ledger.loading} data-testid="public-ledger">
      <ErrorAlert error={ledger.error} onRetry={ledger.reload} />
      {data ? (
        <>
          <Table<PublicContract>
            rowKey={(row) => `${row.object}-${row.startOn}-${row.endOn}-${row.annualPriceFen}-${row.area}`}
            size="small"
            pagination={{ pageSize: 20, simple: true }}
            dataSource={data.contracts}
            scroll={{ x: 560 }}
            columns={[
              { key: "object", title: i18n.t("ledgers.contract.object"), render: (_: unknown, c) => `${objectLabel(i18n, c.object)} ${c.area} ${c.unit}` },
              { key: "term", title: i18n.t("ledgers.contract.term"), render: (_: unknown, c) => `${c.startOn} ~ ${c.endOn}` },
              { key: "price", title: i18n.t("ledgers.contract.price"), align: "right", render: (_: unknown, c) => yuan(c.annualPriceFen) },
              { key: "who", title: i18n.t("ledgers.contract.counterpartyKind"), render: (_: unknown, c) => `${counterpartyLabel(i18n, c.counterpartyKind)} · ${letMethodLabel(i18n, c.letMethod)}` },
            ]}
          />
          {data.income.year ? (
            <>
              <Typography.Title level={5}>{i18n.t("ledgers.disclosure.income", { year: data.income.year, amount: yuan(data.income.totalFen) })}</Typography.Title>
              <List size="small" dataSource={data.income.bySource} renderItem={(row) => <List.Item extra={yuan(row.amountFen)}>{sourceLabel(i18n, row.source)}</List.Item>} />
            </>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

/** 村务公开 on the residents' side: the villages that publish their ledgers, and one village's ledger. */
export default function PublicLedgersPage({ city, id }: { city: string; id?: number }) {
  const i18n = useI18n();
  const villages = useAsync((signal) => ledgersApi.publicLedgers(city, signal), [city]);
  if (id) return <VillageLedger id={id} />;
  return (
    <Card size="small" title={i18n.t("ledgers.disclosure.title")} data-testid="public-ledgers">
      <ErrorAlert error={villages.error} onRetry={villages.reload} />
      {villages.data && villages.data.items.length === 0 ? <Empty description={i18n.t("ledgers.empty")} /> : null}
      <List
        loading={villages.loading}
        dataSource={villages.data?.items ?? []}
        renderItem={(village) => (
          <List.Item>
            <a href={hrefTo(publicPath(city, "ledgers", village.nodeId))}>{village.nodeName}</a>
          </List.Item>
        )}
      />
    </Card>
  );
}
