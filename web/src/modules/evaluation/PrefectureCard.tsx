import { Card, Table, Tag } from "antd";
import { evaluationApi, type PrefectureRankingData } from "../../api/evaluation";
import { useAsync } from "../../app/useAsync";
import { useI18n } from "../../i18n";
import { GradeTag } from "./labels";

type Row = PrefectureRankingData["items"][number];

/**
 * The city among the cities of its prefecture, for those who read the whole city (the office, the
 * leaders). For anyone else, or a city with no prefecture or no published city catalogue, the API
 * answers 404 and the card is not shown.
 */
export function PrefectureCard() {
  const i18n = useI18n();
  const ranking = useAsync((signal) => evaluationApi.prefectureRanking({}, signal), []);
  if (!ranking.data) return null;
  return (
    <Card size="small" title={`${i18n.t("evaluation.prefecture.title", { prefecture: ranking.data.prefecture })} · ${ranking.data.period.label}`} data-testid="prefecture-ranking">
      <Table<Row>
        rowKey="city"
        size="small"
        pagination={false}
        dataSource={ranking.data.items}
        columns={[
          { key: "rank", title: i18n.t("evaluation.rank"), width: 70, render: (_: unknown, row) => row.rank ?? "—" },
          { key: "city", title: i18n.t("evaluation.kind.city"), render: (_: unknown, row) => (row.own ? <span>{row.city} <Tag color="red">{i18n.t("evaluation.prefecture.own")}</Tag></span> : row.city) },
          { key: "score", title: i18n.t("evaluation.score"), align: "right", render: (_: unknown, row) => row.score ?? i18n.t("evaluation.prefecture.none") },
          { key: "grade", title: i18n.t("evaluation.grade"), render: (_: unknown, row) => <GradeTag grade={row.grade} /> },
        ]}
      />
    </Card>
  );
}
