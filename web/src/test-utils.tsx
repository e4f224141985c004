import { App as AntApp, ConfigProvider } from "antd";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { I18nProvider, type Locale } from "./i18n";

/** Renders inside the providers the app has: i18n (Chinese unless told), antd config and App. */
export function renderWithProviders(ui: ReactElement, { locale = "zh" }: { locale?: Locale } = {}): RenderResult {
  return render(
    <I18nProvider initialLocale={locale}>
      <ConfigProvider>
        <AntApp>{ui}</AntApp>
      </ConfigProvider>
    </I18nProvider>,
  );
}

/** What jsdom lacks: a media query list answering `matches` (antd's breakpoints and the app's phone query read them). */
export function mediaQueryList(query: string, matches: boolean): MediaQueryList {
  return {
    matches,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  };
}
