import { Button, Result, Spin } from "antd";
import { ApiError } from "../api/client";
import { useI18n } from "../i18n";
import { describeError } from "./errors";

export function Loading({ tip, minHeight = 200 }: { tip?: string; minHeight?: number }) {
  const i18n = useI18n();
  return (
    <div style={{ display: "flex", alignItems: "center", justifyContent: "center", minHeight }} aria-busy="true">
      <Spin description={tip ?? i18n.t("app.loading")} />
    </div>
  );
}

/** A whole page (or panel) that could not load: 403 and 404 get their own pictures. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  const described = describeError(i18n, error);
  const status = error instanceof ApiError && (error.status === 403 || error.status === 404) ? (String(error.status) as "403" | "404") : "error";
  return (
    <Result
      status={status}
      title={described.summary}
      subTitle={described.detail ?? undefined}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {i18n.t("app.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
