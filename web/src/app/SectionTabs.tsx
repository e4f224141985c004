import { Suspense, type ReactNode } from "react";
import "../components/light/light.css";
import { Loading } from "../components/PageState";
import { useI18n } from "../i18n";
import { useAuth } from "../modules/auth/AuthContext";
import { hrefTo, useLocation } from "./router";
import { navigation } from "./routes";

type Section = keyof typeof navigation.sections;

export interface SectionTabsProps {
  section: Section;
  /** Beside the tabs (the campaign picker). */
  extra?: ReactNode;
  /** The link a tab opens, from its path (the campaign section keeps ?campaign=). */
  hrefFor?: (path: string) => string;
}

/** A section's tabs (from the route table), those the caller may open; the page's own tab is active. Links, no antd: phones show them too. */
export function SectionTabs({ section, extra, hrefFor = (path) => path }: SectionTabsProps) {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const tabs = navigation.tabs(section, auth.can);
  const active = navigation.tabFor(location.path)?.path;
  return (
    <div className="zl-no-print" style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8, marginBottom: 12 }}>
      <nav className="zl-tabs" style={{ flex: "1 1 320px" }}>
        {tabs.map((route) => (
          <a key={route.path} href={hrefTo(hrefFor(route.path))} aria-current={route.path === active ? "page" : undefined}>
            <span data-testid={`${section}-tab-${route.tab.id}`}>{i18n.t(route.tab.label)}</span>
          </a>
        ))}
      </nav>
      {extra}
    </div>
  );
}

/** What stands around a section's pages: the section's own frame, or else its tabs. */
export function SectionFrame({ section, children }: { section: Section; children: ReactNode }) {
  const Layout = navigation.sections[section].layout;
  if (Layout) return <Layout>{children}</Layout>;
  return (
    <div data-testid={`${section}-section`}>
      <SectionTabs section={section} />
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </div>
  );
}
