import { RightOutlined } from "@ant-design/icons";
import { Card, Col, Row, Space, Statistic, Tooltip, Typography } from "antd";
import { figuresApi } from "../../api/figures";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { figureLabel } from "../../i18n/figureLabels";
import { positiveInt } from "../../lib/query";
import { problemFigureCards, type FigureCard } from "./figures";

function Figure({ card }: { card: FigureCard }) {
  const i18n = useI18n();
  const label = figureLabel(i18n, card.key);
  const tooFew = card.kind === "rate" && card.value === null;
  const value = tooFew ? (
    <Tooltip title={i18n.t("problems.figures.tooFewHint", { denominator: i18n.number(card.denominator ?? 0) })}>
      <span style={{ fontSize: 16, color: "#8c8c8c" }} data-testid="too-few">
        {i18n.t("problems.figures.tooFew")}
      </span>
    </Tooltip>
  ) : null;
  const statistic = (
    <Statistic
      title={
        <span>
          {label}
          {card.route ? <RightOutlined style={{ fontSize: 10, marginInlineStart: 4 }} aria-hidden /> : null}
        </span>
      }
      value={card.value ?? 0}
      formatter={(v) => value ?? i18n.number(Number(v), card.kind === "rate" ? { maximumFractionDigits: 1 } : undefined)}
      suffix={card.kind === "rate" && !tooFew ? "%" : undefined}
      styles={{ content: { fontSize: 22, color: card.route && !tooFew ? "#b71c1c" : undefined } }}
    />
  );
  return card.route ? (
    <a
      href={hrefTo(card.route)}
      className="zl-figure-link"
      data-testid={`figure-${card.key}`}
      aria-label={i18n.t("figures.drill", { label })}
      style={{ display: "block", color: "inherit", borderRadius: 6, padding: "2px 4px", margin: "-2px -4px" }}
    >
      {statistic}
    </a>
  ) : (
    <div data-testid={`figure-${card.key}`}>{statistic}</div>
  );
}

/** 概览: the problem figures of a node (the caller's scope by default), each opening its records. */
export default function OverviewPage() {
  const i18n = useI18n();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const figures = useAsync((signal) => figuresApi.get(org, signal), [org]);
  if (figures.error && !figures.data) return <PageError error={figures.error} onRetry={figures.reload} />;
  if (!figures.data) return <Loading />;
  const cards = problemFigureCards(figures.data.figures, figures.data.org);
  const counts = cards.filter((c) => c.kind === "count");
  const rates = cards.filter((c) => c.kind === "rate");
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="problem-figures">
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {i18n.t("home.scope", { name: figures.data.org.name })}
        </Typography.Title>
        <div style={{ width: 260 }}>
          <OrgTreePicker
            value={org ?? null}
            onChange={(id) => navigate(withQuery("/problems/overview", { org: id ?? undefined }), { replace: true })}
            placeholder={i18n.t("problems.filter.org")}
            aria-label={i18n.t("problems.filter.org")}
          />
        </div>
        <Typography.Text type="secondary">{i18n.t("common.asOf", { time: i18n.dateTime(figures.data.asOf) })}</Typography.Text>
      </div>
      <Card size="small" title={i18n.t("problems.figures.counts")}>
        <Row gutter={[12, 12]}>
          {counts.map((card) => (
            <Col key={card.key} xs={12} sm={8} lg={6} xxl={4}>
              <Figure card={card} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={i18n.t("problems.figures.rates")}>
        <Row gutter={[12, 12]}>
          {rates.map((card) => (
            <Col key={card.key} xs={12} sm={8}>
              <Figure card={card} />
            </Col>
          ))}
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {i18n.t("problems.figures.ratesHint")}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
