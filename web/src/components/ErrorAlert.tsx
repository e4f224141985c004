import { useI18n } from "../i18n";
import { describeError } from "./errors";
import { Alert, Button } from "./light";

export interface ErrorAlertProps {
  error: unknown;
  /** Form labels by field name, so that field errors read "手机号: …" rather than "phone: …". */
  fieldLabels?: Readonly<Record<string, string>>;
  /** Shown as a button on a 409 (version conflict or forbidden transition). */
  onReload?: () => void;
  onRetry?: () => void;
  style?: React.CSSProperties;
}

/** An error from the API, in the UI language, with each invalid field listed. */
export function ErrorAlert({ error, fieldLabels, onReload, onRetry, style }: ErrorAlertProps) {
  const i18n = useI18n();
  if (!error) return null;
  const described = describeError(i18n, error);
  const action =
    described.isConflict && onReload ? (
      <Button size="small" onClick={onReload}>
        {i18n.t("error.conflictReload")}
      </Button>
    ) : onRetry ? (
      <Button size="small" onClick={onRetry}>
        {i18n.t("app.retry")}
      </Button>
    ) : undefined;
  const description =
    described.detail || described.fields.length > 0 ? (
      <div>
        {described.detail ? <div>{described.detail}</div> : null}
        {described.fields.length > 0 ? (
          <>
            <div>{i18n.t("error.fields")}</div>
            <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }} data-testid="error-fields">
              {described.fields.map((f) => (
                <li key={`${f.field}:${f.message}`}>
                  <strong>{fieldLabels?.[f.field] ?? f.field}</strong>: {f.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    ) : undefined;
  return (
    <Alert
      type="error"
      title={described.summary}
      description={description}
      action={action}
      style={{ marginBottom: 16, ...style }}
    />
  );
}
