import { Card, Empty, List, Space, Typography } from "antd";
import { evaluationApi } from "../../api/evaluation";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { GradeTag } from "./labels";

/** 晒一晒 看一看 on the residents' side: the boards the city publishes, as lists that read on a phone. */
export default function PublicRankingsPage({ city }: { city: string }) {
  const i18n = useI18n();
  const rankings = useAsync((signal) => evaluationApi.publicRankings(city, signal), [city]);
  if (rankings.error) return <ErrorAlert error={rankings.error} onRetry={rankings.reload} />;
  if (!rankings.data) return <Loading />;
  if (rankings.data.boards.length === 0) return <Empty description={i18n.t("evaluation.public.empty")} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="public-rankings">
      {rankings.data.boards.map((board) => (
        <Card key={`${board.catalogue}-${board.period}`} size="small" title={board.catalogue} extra={<Typography.Text type="secondary">{board.period}</Typography.Text>}>
          <List
            size="small"
            dataSource={board.items}
            pagination={board.items.length > 20 ? { pageSize: 20, simple: true, size: "small" } : false}
            renderItem={(row) => (
              <List.Item extra={<GradeTag grade={row.grade} />}>
                <Space size={6} wrap>
                  <Typography.Text strong>{row.rank ?? "—"}</Typography.Text>
                  <span>{row.name}</span>
                  {row.parentName ? <Typography.Text type="secondary">{row.parentName}</Typography.Text> : null}
                  <Typography.Text>{row.score ?? "—"}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          {board.gains.length > 0 ? (
            <>
              <Typography.Title level={5}>{i18n.t("evaluation.public.gains")}</Typography.Title>
              <List
                size="small"
                data-testid="public-gains"
                dataSource={board.gains.slice(0, 10)}
                renderItem={(row) => <List.Item extra={i18n.t("evaluation.public.closed", { count: row.closedProblems })}>{row.parentName ? `${row.name} · ${row.parentName}` : row.name}</List.Item>}
              />
            </>
          ) : null}
        </Card>
      ))}
    </Space>
  );
}
