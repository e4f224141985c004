import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/es/locale/en_US";
import zhCN from "antd/es/locale/zh_CN";
import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { AppLayout } from "../modules/layout/AppLayout";
import { SectionFrameContext } from "./sectionFrame";
import { SectionFrame } from "./SectionTabs";

/*
 * antd's frame, loaded lazily by the entry (App.tsx): a phone on a field page never loads it.
 */

const theme = {
  token: { colorPrimary: "#c62828", colorLink: "#b71c1c", borderRadius: 6 },
};

/** antd's locale and theme, and its App (message, modal) for the pages built on antd. */
export function AntProviders({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  return (
    <ConfigProvider locale={i18n.locale === "zh" ? zhCN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** The signed-in desktop frame: side menu (a drawer on phones), header, section tabs. */
export function DesktopApp({ children }: { children: ReactNode }) {
  return (
    <AntProviders>
      <SectionFrameContext.Provider value={SectionFrame}>
        <AppLayout>{children}</AppLayout>
      </SectionFrameContext.Provider>
    </AntProviders>
  );
}
