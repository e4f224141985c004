import { GlobalOutlined } from "@ant-design/icons";
import { useI18n } from "../i18n";
import { Button } from "./light";

/** Switches between Chinese and English; the choice is kept in localStorage. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const i18n = useI18n();
  const next = i18n.locale === "zh" ? "en" : "zh";
  return (
    <Button
      kind="text"
      onClick={() => i18n.setLocale(next)}
      aria-label={i18n.t("lang.switchAria")}
      title={i18n.t("lang.switchAria")}
      data-testid="lang-switch"
      lang={next === "zh" ? "zh-CN" : "en"}
      icon={<GlobalOutlined />}
      style={{ color: "inherit" }}
    >
      {compact ? (next === "zh" ? "中" : "EN") : i18n.t("lang.switchTo")}
    </Button>
  );
}
