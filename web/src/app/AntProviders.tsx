import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/es/locale/en_US";
import zhCN from "antd/es/locale/zh_CN";
import type { ReactNode } from "react";
import { useI18n } from "../i18n";

const theme = {
  token: { colorPrimary: "#c62828", colorLink: "#b71c1c", borderRadius: 6 },
};

/**
 * antd's locale and theme, and its App (message, modal), for what is built on antd: loaded lazily
 * (App.tsx, PublicApp, a field page's dialogs), so a phone on a field page never loads it.
 */
export default function AntProviders({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  return (
    <ConfigProvider locale={i18n.locale === "zh" ? zhCN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
