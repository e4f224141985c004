import { ApiError } from "../api/client";
import { useI18n } from "../i18n";
import { describeError } from "./errors";
import { Button, Result, Spinner } from "./light";

export function Loading({ tip, minHeight = 200 }: { tip?: string; minHeight?: number }) {
  const i18n = useI18n();
  return (
    <div className="zl-loading" style={{ minHeight }} aria-busy="true">
      <Spinner />
      <span>{tip ?? i18n.t("app.loading")}</span>
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
          <Button kind="primary" onClick={onRetry}>
            {i18n.t("app.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
