import { PlusOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Col, Empty, Row, Segmented, Select, Space, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import { campaignApi, type ClaimData, type TopicData } from "../../api/campaign";
import { navigate, useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { claimStatuses, SectionHeader, useCampaign, type ClaimStatusName, type TopicStatusName } from "./common";
import { ClaimsTable, type ClaimFilters } from "./lists/ClaimsPage";
import { TopicCard, TopicFormModal } from "./TopicParts";

type Audience = "leader" | "unit";

/**
 * 揭榜领题: the topics on the board by status (open for claims, closed, and the office's drafts),
 * each with its claim deadline and the caller's own claim on it; below, the claims the caller may
 * see (the office starts with those awaiting review; a unit sees its own).
 */
export default function BoardPage() {
  const i18n = useI18n();
  const { campaign, me, href } = useCampaign();
  const location = useLocation();
  const audienceParam = location.query.get("audience");
  const audience: Audience | undefined = audienceParam === "leader" || audienceParam === "unit" ? audienceParam : undefined;
  const kindParam = location.query.get("kind");
  const kind = kindParam === "required" || kindParam === "optional" ? kindParam : undefined;
  const reviewer = campaign.abilities.review === true;
  const manager = campaign.abilities.manage === true;
  const [claimStatus, setClaimStatus] = useState<ClaimStatusName | "all">(reviewer ? "submitted" : "all");
  const [claimPage, setClaimPage] = useState({ page: 1, pageSize: 20 });
  const [tick, setTick] = useState(0);
  const [creating, setCreating] = useState(false);

  const topics = useAsync((signal) => campaignApi.topics({ campaign: campaign.id, audience, kind, pageSize: 500 }, signal), [campaign.id, audience, kind, tick]);
  // The caller's own claims mark the topics they have already claimed or taken.
  const claims = useAsync((signal) => campaignApi.claims({ campaign: campaign.id, pageSize: 500 }, signal), [campaign.id, tick]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  const mine = useMemo(() => {
    const byTopic = new Map<number, ClaimData>();
    for (const claim of claims.data?.items ?? []) {
      if (claim.status === "withdrawn") continue;
      const own = claim.audience === "leader" ? me.personId !== null && claim.claimant?.id === me.personId : claim.unit !== null && me.units.some((u) => u.id === claim.unit?.id);
      if (own && !byTopic.has(claim.topicId)) byTopic.set(claim.topicId, claim);
    }
    return byTopic;
  }, [claims.data, me]);

  const go = (next: { audience?: Audience; kind?: "required" | "optional" }) =>
    navigate(href("/campaign/board", { audience: "audience" in next ? next.audience : audience, kind: "kind" in next ? next.kind : kind }), { replace: true });

  const columns: { status: TopicStatusName; label: string }[] = [
    { status: "open", label: i18n.t("campaign.board.open") },
    { status: "closed", label: i18n.t("campaign.board.closed") },
    ...(manager ? [{ status: "draft" as const, label: i18n.t("campaign.board.draft") }] : []),
  ];
  const byStatus = (status: TopicStatusName): TopicData[] =>
    (topics.data?.items ?? []).filter((t) => t.status === status).sort((a, b) => (status === "open" ? a.claimDeadline.localeCompare(b.claimDeadline) : b.claimDeadline.localeCompare(a.claimDeadline)) || a.id - b.id);

  const claimFilters: ClaimFilters = { ...claimPage, ...(claimStatus === "all" ? {} : { status: claimStatus }) };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="board">
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 8 }}>
          <Typography.Text type="secondary" style={{ flex: "1 1 260px" }}>
            {i18n.t("campaign.board.hint")}
          </Typography.Text>
          <Space wrap>
            <Segmented<Audience | "all">
              value={audience ?? "all"}
              onChange={(value) => go({ audience: value === "all" ? undefined : value })}
              options={[
                { value: "all", label: i18n.t("campaign.filter.all") },
                { value: "leader", label: i18n.t("campaign.audience.leader") },
                { value: "unit", label: i18n.t("campaign.audience.unit") },
              ]}
              data-testid="board-audience"
            />
            <Select<"required" | "optional">
              allowClear
              value={kind}
              onChange={(value) => go({ kind: value ?? undefined })}
              options={(["required", "optional"] as const).map((k) => ({ value: k, label: i18n.t(`campaign.kind.${k}`) }))}
              placeholder={i18n.t("campaign.filter.kind")}
              style={{ width: 120 }}
              aria-label={i18n.t("campaign.filter.kind")}
            />
            {manager ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="topic-create">
                {i18n.t("campaign.board.newTopic")}
              </Button>
            ) : null}
          </Space>
        </div>
      </Card>

      <ErrorAlert error={topics.error ?? claims.error} onRetry={refresh} />
      {!topics.data ? (
        topics.error ? null : <Loading />
      ) : (
        <Row gutter={[12, 12]}>
          {columns.map((column) => {
            const list = byStatus(column.status);
            return (
              <Col key={column.status} xs={24} md={24 / columns.length}>
                <section className="zl-board-col zl-topic-col" data-testid={`board-${column.status}`} aria-label={column.label}>
                  <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", position: "sticky", top: -8, zIndex: 1, background: "#fafafa", margin: "-8px -8px 0", padding: 8 }}>
                    <Typography.Text strong>{column.label}</Typography.Text>
                    <Badge count={list.length} showZero color={column.status === "open" ? "#c62828" : "#8c8c8c"} overflowCount={999} />
                  </div>
                  {list.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={i18n.t("campaign.board.empty")} /> : null}
                  {list.map((topic) => (
                    <TopicCard key={topic.id} topic={topic} mine={mine.get(topic.id)} onChanged={refresh} compact={column.status === "closed"} />
                  ))}
                </section>
              </Col>
            );
          })}
        </Row>
      )}

      <Card size="small">
        <SectionHeader
          title={i18n.t("campaign.board.claims")}
          extra={
            <Segmented<ClaimStatusName | "all">
              value={claimStatus}
              onChange={(value) => {
                setClaimStatus(value);
                setClaimPage((p) => ({ ...p, page: 1 }));
              }}
              options={[{ value: "all", label: i18n.t("campaign.filter.all") }, ...claimStatuses.map((s) => ({ value: s, label: i18n.t(`campaign.claim.status.${s}`) }))]}
              style={{ maxWidth: "100%", overflowX: "auto" }}
              data-testid="claims-status"
            />
          }
        />
        <ClaimsTable filters={claimFilters} reloadKey={tick} onPage={(page, pageSize) => setClaimPage({ page, pageSize })} onChanged={refresh} />
      </Card>

      {creating ? (
        <TopicFormModal
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            refresh();
          }}
        />
      ) : null}
    </Space>
  );
}
