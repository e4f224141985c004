import { Alert, Button, Empty, Form, Input, Tag, Typography } from "antd";
import { useEffect } from "react";
import { ApiError } from "../../api/client";
import { publicApi, type PublicTrackData } from "../../api/public";
import { eventCodePattern } from "../../api/publicEvents";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { categoryLabel } from "../problems/labels";
import { publicPath } from "./city";
import { PublicItemCard } from "./common";
import { PublicEventTrack } from "./PublicEventTrack";

const codePattern = /^ZL-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

/**
 * "zl abcd efgh jkmn", "ZLABCDEFGHJKMN" … → "ZL-ABCD-EFGH-JKMN" (as it is read over the phone or typed);
 * an event's ten-character 查询码 ("7565 qrxv ht") → "7565QRXVHT".
 */
export function normalizeTrackingCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (eventCodePattern.test(compact)) return compact;
  const body = compact.startsWith("ZL") ? compact.slice(2) : compact;
  if (body.length !== 12) return raw.trim().toUpperCase();
  return `ZL-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
}

/** A problem's code (ZL-…) or an event's (ten letters and digits): one tracking page takes both. */
export function isTrackingCode(code: string): boolean {
  return codePattern.test(code) || eventCodePattern.test(code);
}

const statusColor: Record<PublicTrackData["status"], string> = { open: "blue", converted: "green", dismissed: "default" };

function TrackResult({ code }: { code: string }) {
  const i18n = useI18n();
  const result = useAsync((signal) => publicApi.track(code, signal), [code]);
  if (result.error) {
    if (result.error instanceof ApiError && result.error.status === 404) return <Alert type="warning" showIcon title={i18n.t("public.track.notFound")} data-testid="track-not-found" />;
    return <ErrorAlert error={result.error} onRetry={result.reload} />;
  }
  if (!result.data) return <Loading />;
  const t = result.data;
  return (
    <div data-testid="track-result" data-status={t.status}>
      <div className="zl-public-card">
        <div style={{ display: "flex", justifyContent: "space-between", gap: 8, alignItems: "center" }}>
          <Typography.Text strong>{i18n.t("public.track.received")}</Typography.Text>
          <Tag color={statusColor[t.status]} style={{ marginInlineEnd: 0 }} data-testid="track-status">
            {i18n.t(`public.track.status.${t.status}`)}
          </Tag>
        </div>
        <div className="zl-public-meta" style={{ marginTop: 6 }}>
          <span className="zl-public-code">{t.code}</span>
          <span>{t.nodeName}</span>
          <span>{categoryLabel(i18n, t.category)}</span>
          <span>{i18n.dateTime(t.receivedAt)}</span>
        </div>
        <Typography.Paragraph style={{ margin: "8px 0 0" }}>{i18n.t(`public.track.explain.${t.status}`)}</Typography.Paragraph>
        {t.dismissReason ? (
          <Typography.Paragraph style={{ margin: "4px 0 0" }}>
            {i18n.t("public.track.reason")}: {t.dismissReason}
          </Typography.Paragraph>
        ) : null}
      </div>
      {t.problems.length > 0 ? (
        <>
          <Typography.Title level={5}>{i18n.t("public.track.problems", { count: t.problems.length })}</Typography.Title>
          {t.problems.map((item) => (
            <PublicItemCard key={item.code} item={item} />
          ))}
        </>
      ) : t.status === "converted" ? (
        <Empty description={i18n.t("public.noItems")} />
      ) : null}
    </div>
  );
}

/** 查询进度: a resident follows what they raised with the code they were given. */
export default function PublicTrackPage({ city }: { city: string }) {
  const i18n = useI18n();
  const location = useLocation();
  const raw = location.query.get("code") ?? "";
  const code = normalizeTrackingCode(raw);
  const valid = isTrackingCode(code);
  const [form] = Form.useForm<{ code?: string }>();
  useEffect(() => form.setFieldsValue({ code: raw ? code : "" }), [form, raw, code]);
  return (
    <div>
      <div className="zl-public-card">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {i18n.t("public.track.title")}
        </Typography.Title>
        <Form
          form={form}
          name="track"
          layout="vertical"
          onFinish={(values) => navigate(withQuery(publicPath(city, "track"), { code: normalizeTrackingCode(values.code ?? "") }), { replace: true })}
        >
          <Form.Item
            name="code"
            label={i18n.t("public.track.code")}
            normalize={(v: string) => v.toUpperCase()}
            rules={[
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!isTrackingCode(normalizeTrackingCode(value ?? ""))) throw new Error(i18n.t("public.track.codeFormat"));
                },
              },
            ]}
          >
            <Input size="large" placeholder="ZL-ABCD-EFGH-JKMN / 7565QRXVHT" autoCapitalize="characters" autoComplete="off" className="zl-public-code" data-testid="track-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" data-testid="track-submit">
            {i18n.t("public.track.button")}
          </Button>
        </Form>
      </div>
      {raw && !valid ? <Alert type="warning" showIcon title={i18n.t("public.track.codeFormat")} /> : null}
      {valid ? eventCodePattern.test(code) ? <PublicEventTrack key={code} code={code} /> : <TrackResult key={code} code={code} /> : null}
    </div>
  );
}
