import { Card, Select, Space, Table, Typography } from "antd";
import { useCallback, useMemo } from "react";
import { figuresApi, type ProvinceFiguresData } from "../../api/figures";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { isFigureKey } from "../../../../shared/figures";
import { FiguresPanel } from "../../components/FiguresPanel";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { figureLabel, figureUnit } from "../../i18n/figureLabels";

type City = ProvinceFiguresData["cities"][number];

/**
 * The province reader's home: the figures of every city (or of one prefecture) summed, and the cities
 * ranked by one of them. A figure opens the ranking by it: the province has no list of records of its
 * own, each city's are its own, and a city's name opens that city's figures.
 */
export function ProvinceHome() {
  const i18n = useI18n();
  const location = useLocation();
  const prefecture = location.query.get("prefecture") ?? undefined;
  const asked = location.query.get("figure") ?? undefined;
  // The server chooses the figure when none (or an unknown one) is in the address.
  const chosen = asked && isFigureKey(asked) ? asked : undefined;
  const province = useAsync((signal) => figuresApi.province({ prefecture, figure: chosen }, signal), [prefecture, chosen]);
  const whole = useAsync((signal) => figuresApi.province({}, signal), []);
  const prefectures = useMemo(() => [...new Set((whole.data?.cities ?? []).map((city) => city.prefecture).filter((name): name is string => name !== null))].sort(), [whole.data]);
  const routeOf = useCallback((key: string) => withQuery("/", { prefecture, figure: key }), [prefecture]);
  const ranked = useMemo(() => rank(province.data?.cities ?? []), [province.data]);

  if (province.error) return <PageError error={province.error} onRetry={province.reload} />;
  if (!province.data) return <Loading />;
  const figure = province.data.figure;
  const unit = figureUnit(i18n, figure);
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="province-home">
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {prefecture ? i18n.t("home.province.prefectureTitle", { name: prefecture }) : i18n.t("home.province.title")}
        </Typography.Title>
        <Select
          aria-label={i18n.t("home.province.prefecture")}
          style={{ minWidth: 180 }}
          value={prefecture ?? ""}
          options={[{ value: "", label: i18n.t("home.province.all") }, ...prefectures.map((name) => ({ value: name, label: name }))]}
          onChange={(value: string) => navigate(withQuery("/", { prefecture: value || undefined, figure: asked }))}
        />
        <Typography.Text type="secondary">{i18n.t("home.province.cityCount", { count: province.data.cities.length })}</Typography.Text>
        <a href={hrefTo(withQuery("/bigscreen/province", { prefecture, figure: asked }))} data-testid="province-screen-link">
          {i18n.t("home.province.screen")}
        </a>
      </Space>
      <FiguresPanel data={province.data} routeOf={routeOf} showChart={false} />
      <Card size="small" title={i18n.t("home.province.ranking", { figure: figureLabel(i18n, figure) })} data-testid="province-ranking">
        <Table<RankedCity>
          size="small"
          rowKey={(row) => row.city.org.id}
          pagination={false}
          dataSource={ranked}
          columns={[
            { title: i18n.t("home.province.rank"), dataIndex: "rank", width: 72, render: (value: number | null) => value ?? "—" },
            { title: i18n.t("home.province.city"), render: (_: unknown, row) => <a href={hrefTo(`/orgs/${row.city.org.id}`)}>{row.city.org.name}</a> },
            { title: i18n.t("home.province.prefecture"), render: (_: unknown, row) => row.city.prefecture ?? "—" },
            { title: figureLabel(i18n, figure), align: "right", render: (_: unknown, row) => (row.city.value === null ? "—" : `${i18n.number(row.city.value)}${unit ? ` ${unit}` : ""}`) },
          ]}
        />
      </Card>
    </Space>
  );
}

interface RankedCity {
  city: City;
  /** Equal values share a place (1, 2, 2, 4); a city without the figure has none. */
  rank: number | null;
}

/** The cities, highest value first. */
export function rank(cities: readonly City[]): RankedCity[] {
  const sorted = [...cities].sort((a, b) => Number(a.value === null) - Number(b.value === null) || (b.value ?? 0) - (a.value ?? 0));
  return sorted.map((city) => ({ city, rank: city.value === null ? null : sorted.findIndex((other) => other.value === city.value) + 1 }));
}
