import { GlobalOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Space, Typography } from "antd";
import { useState } from "react";
import { problemsApi } from "../../../api/problems";
import { hrefTo } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { Loading, PageError } from "../../../components/PageState";
import { useI18n } from "../../../i18n";
import { DEFAULT_PUBLIC_CITY, publicPath } from "../../public/city";
import { dateOf } from "../labels";
import { ProblemTable } from "../ProblemTable";
import { ClosedShare, ListStatusTag, ReasonModal } from "./common";
import { usePublishList } from "./ProblemListsPage";

/** One problem list: its node and period, every item with its status, and publish / withdraw (公示). */
export default function ProblemListDetailPage({ id }: { id: number }) {
  const i18n = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [refreshKey, setRefreshKey] = useState(0);
  const [withdrawing, setWithdrawing] = useState(false);
  const detail = useAsync((signal) => problemsApi.listDetail(id, paging, signal), [id, paging.page, paging.pageSize, refreshKey]);
  const refresh = () => {
    setWithdrawing(false);
    setRefreshKey((n) => n + 1);
  };
  const publish = usePublishList(refresh);

  if (detail.error && !detail.data) return <PageError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const list = detail.data;
  const publicHref = hrefTo(publicPath(DEFAULT_PUBLIC_CITY, "lists", list.id));

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="problem-list-page" data-status={list.status}>
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8, marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="problem-list-title">
            {list.title}
          </Typography.Title>
          <ListStatusTag status={list.status} />
          <div style={{ flex: 1 }} />
          <Space wrap>
            {list.abilities.publish === true ? (
              <Button type="primary" onClick={() => publish(list)} data-testid="list-publish">
                {i18n.t("problems.lists.publish")}
              </Button>
            ) : null}
            {list.abilities.withdraw === true ? (
              <Button danger onClick={() => setWithdrawing(true)} data-testid="list-withdraw">
                {i18n.t("problems.lists.withdraw")}
              </Button>
            ) : null}
            {list.status === "published" ? (
              <a href={publicHref} target="_blank" rel="noreferrer" data-testid="list-public-link">
                <GlobalOutlined /> {i18n.t("problems.lists.publicPage")}
              </a>
            ) : null}
          </Space>
        </div>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={i18n.t("problems.lists.node")}>{list.nodeName}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.lists.period")}>
            {dateOf(i18n, list.periodFrom)} ~ {dateOf(i18n, list.periodTo)}
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.lists.closedOfTotal")}>
            <ClosedShare closed={list.closedCount} total={list.itemCount} />
          </Descriptions.Item>
          {list.publishedAt ? <Descriptions.Item label={i18n.t("problems.lists.publishedAt")}>{i18n.dateTime(list.publishedAt)}</Descriptions.Item> : null}
          {list.withdrawnAt ? <Descriptions.Item label={i18n.t("problems.lists.withdrawnAt")}>{i18n.dateTime(list.withdrawnAt)}</Descriptions.Item> : null}
          {list.withdrawReason ? <Descriptions.Item label={i18n.t("common.reason")}>{list.withdrawReason}</Descriptions.Item> : null}
        </Descriptions>
        {list.status === "draft" ? <Alert type="info" showIcon style={{ marginTop: 12 }} title={i18n.t("problems.lists.draftHint")} /> : null}
      </Card>
      <Card size="small" title={i18n.t("problems.lists.items", { count: list.itemsTotal })}>
        {detail.error ? <ErrorAlert error={detail.error} onRetry={detail.reload} /> : null}
        <ProblemTable
          testId="list-items-table"
          items={list.items}
          loading={detail.loading}
          total={list.itemsTotal}
          page={list.page}
          pageSize={list.pageSize}
          onPageChange={(page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize })}
          columns={["code", "title", "node", "category", "status", "light", "deadline", "closedOn"]}
        />
      </Card>
      {withdrawing ? (
        <ReasonModal
          title={i18n.t("problems.lists.withdrawTitle", { title: list.title })}
          okText={i18n.t("problems.lists.withdraw")}
          warning={i18n.t("problems.lists.withdrawHint")}
          run={(reason) => problemsApi.withdrawList(list.id, { version: list.version, reason })}
          onClose={() => setWithdrawing(false)}
          onDone={refresh}
          testId="list-withdraw"
        />
      ) : null}
    </Space>
  );
}
