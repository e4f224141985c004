import { EyeInvisibleOutlined, EyeOutlined } from "@ant-design/icons";
import { App, Button, Space, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n";
import { errorText } from "./errors";

export interface MaskedTextProps {
  /** The masked value as the server sent it (e.g. 138****5678); null when there is none. */
  value: string | null;
  /** Field name for the button's label, e.g. "手机号". */
  label: string;
  /** Whether the caller may see the full value (Person.abilities.reveal). */
  canReveal: boolean;
  /** Fetches the full value (an audited call). */
  onReveal: () => Promise<string | null>;
  /** The full value is hidden again after this many seconds; 0 keeps it. */
  hideAfterSeconds?: number;
}

/** A masked personal field with a button to show it in full, for those allowed to. */
export function MaskedText({ value, label, canReveal, onReveal, hideAfterSeconds = 60 }: MaskedTextProps) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (revealed === null || hideAfterSeconds <= 0) return;
    const timer = window.setTimeout(() => setRevealed(null), hideAfterSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [revealed, hideAfterSeconds]);

  // A new record (or a new masked value) starts masked again.
  useEffect(() => setRevealed(null), [value]);

  if (value === null || value === "") return <Typography.Text type="secondary">{i18n.t("mask.none")}</Typography.Text>;

  const reveal = async () => {
    setLoading(true);
    try {
      const full = await onReveal();
      setRevealed(full ?? "");
    } catch (error) {
      message.error(`${i18n.t("mask.revealFailed")}: ${errorText(i18n, error)}`);
    } finally {
      setLoading(false);
    }
  };

  const shown = revealed ?? value;
  return (
    <Space size={2} wrap={false} style={{ whiteSpace: "nowrap" }}>
      <Typography.Text style={{ fontVariantNumeric: "tabular-nums" }} data-testid="masked-value" copyable={revealed !== null ? { text: revealed } : false}>
        {shown}
      </Typography.Text>
      {canReveal ? (
        revealed === null ? (
          <Tooltip title={`${i18n.t("mask.revealAria", { field: label })}（${i18n.t("mask.revealNotice")}）`}>
            <Button
              size="small"
              type="text"
              icon={<EyeOutlined />}
              loading={loading}
              onClick={reveal}
              aria-label={i18n.t("mask.revealAria", { field: label })}
              data-testid="reveal-button"
            />
          </Tooltip>
        ) : (
          <Tooltip title={i18n.t("mask.hide")}>
            <Button size="small" type="text" icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)} aria-label={i18n.t("mask.hide")} />
          </Tooltip>
        )
      ) : null}
    </Space>
  );
}
