import { FileSearchOutlined, FormOutlined } from "@ant-design/icons";
import { Button, Empty, Progress, Space, Typography } from "antd";
import { useState } from "react";
import { publicApi, type PublicListData } from "../../api/public";
import { hrefTo, navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { dateOf } from "../problems/labels";
import { publicPath } from "./city";

const PAGE = 10;

function ListCard({ city, list }: { city: string; list: PublicListData }) {
  const i18n = useI18n();
  const percent = list.itemCount === 0 ? 0 : Math.round((list.closedCount / list.itemCount) * 100);
  return (
    <a href={hrefTo(publicPath(city, "lists", list.id))} className="zl-public-card" data-testid="public-list" data-list-id={list.id}>
      <h3>{list.title}</h3>
      <div className="zl-public-meta">
        <span>{list.nodeName}</span>
        <span>
          {dateOf(i18n, list.periodFrom)} ~ {dateOf(i18n, list.periodTo)}
        </span>
        <span>{i18n.t("public.publishedOn", { date: dateOf(i18n, list.publishedAt) })}</span>
      </div>
      <div style={{ display: "flex", alignItems: "center", gap: 8, marginTop: 6 }}>
        <Progress percent={percent} size="small" style={{ flex: 1, margin: 0 }} showInfo={false} strokeColor="#389e0d" />
        <Typography.Text style={{ whiteSpace: "nowrap", fontSize: 13 }}>{i18n.t("public.closedOf", { closed: i18n.number(list.closedCount), total: i18n.number(list.itemCount) })}</Typography.Text>
      </div>
    </a>
  );
}

/** The published lists of a city (newest first), and the two things a resident comes to do. */
export default function PublicHome({ city }: { city: string }) {
  const i18n = useI18n();
  const [pages, setPages] = useState(1);
  const result = useAsync((signal) => publicApi.lists(city, { page: 1, pageSize: PAGE * pages }, signal), [city, pages]);
  return (
    <div>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 10, marginBottom: 14 }}>
        <Button type="primary" size="large" icon={<FormOutlined />} onClick={() => navigate(publicPath(city, "submit"))} style={{ height: 52 }} data-testid="public-go-submit">
          {i18n.t("public.nav.submit")}
        </Button>
        <Button size="large" icon={<FileSearchOutlined />} onClick={() => navigate(publicPath(city, "track"))} style={{ height: 52 }}>
          {i18n.t("public.nav.track")}
        </Button>
      </div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {i18n.t("public.listsTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {i18n.t("public.listsHint")}
      </Typography.Paragraph>
      <ErrorAlert error={result.error} onRetry={result.reload} />
      {!result.data && !result.error ? <Loading /> : null}
      {result.data && result.data.items.length === 0 ? <Empty description={i18n.t("public.noLists")} /> : null}
      {result.data?.items.map((list) => <ListCard key={list.id} city={city} list={list} />)}
      {result.data && result.data.items.length < result.data.total ? (
        <Space style={{ width: "100%", justifyContent: "center" }}>
          <Button loading={result.loading} onClick={() => setPages((n) => n + 1)}>
            {i18n.t("common.loadMore", { loaded: result.data.items.length, total: result.data.total })}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}
