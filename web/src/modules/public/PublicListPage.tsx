import { Button, Empty, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { publicApi, type PublicItemData } from "../../api/public";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { dateOf } from "../problems/labels";
import { PublicItemCard } from "./common";

const PAGE = 20;

/** One published list: every item with its status and its dates, page after page. */
export default function PublicListPage({ id }: { city: string; id: number }) {
  const i18n = useI18n();
  const [page, setPage] = useState(1);
  const [pages, setPages] = useState<PublicItemData[][]>([]);
  const result = useAsync((signal) => publicApi.list(id, { page, pageSize: PAGE }, signal), [id, page]);
  useEffect(() => {
    const data = result.data;
    if (!data) return;
    setPages((list) => {
      const next = [...list];
      next[data.page - 1] = data.items;
      return next;
    });
  }, [result.data]);

  if (result.error && !result.data) return <ErrorAlert error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Loading />;
  const list = result.data;
  const items = pages.flat();
  const canMore = items.length < list.itemCount && list.items.length === PAGE;
  return (
    <div data-testid="public-list-page">
      <div className="zl-public-card">
        <Typography.Title level={4} style={{ margin: "0 0 4px" }} data-testid="public-list-title">
          {list.title}
        </Typography.Title>
        <div className="zl-public-meta">
          <span>{list.nodeName}</span>
          <span>
            {i18n.t("public.period")}: {dateOf(i18n, list.periodFrom)} ~ {dateOf(i18n, list.periodTo)}
          </span>
          <span>{i18n.t("public.publishedOn", { date: dateOf(i18n, list.publishedAt) })}</span>
        </div>
        <Typography.Paragraph style={{ margin: "8px 0 0" }}>
          {i18n.t("public.listSummary", { total: i18n.number(list.itemCount), closed: i18n.number(list.closedCount) })}
        </Typography.Paragraph>
      </div>
      {result.error ? <ErrorAlert error={result.error} onRetry={result.reload} /> : null}
      {items.length === 0 ? <Empty description={i18n.t("public.noItems")} /> : null}
      {items.map((item) => (
        <PublicItemCard key={item.code} item={item} />
      ))}
      {canMore ? (
        <Space style={{ width: "100%", justifyContent: "center" }}>
          <Button loading={result.loading} onClick={() => setPage(Math.floor(items.length / PAGE) + 1)} data-testid="public-more">
            {i18n.t("common.loadMore", { loaded: items.length, total: list.itemCount })}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}
