import { lazy } from "react";
import { provinceRoles } from "../../../../shared/permissions";
import { figuresApi } from "../../api/figures";
import { workbenchApi } from "../../api/workbench";
import { useAsync } from "../../app/useAsync";
import { useNarrow } from "../../app/useNarrow";
import { useAuth } from "../auth/AuthContext";
import { FiguresPanel } from "../../components/FiguresPanel";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { WorkbenchView } from "../workbench/WorkbenchView";

/** Loaded only for the province reader: it draws with antd, which a grid worker's phone home must not load. */
const ProvinceHome = lazy(() => import("./ProvinceHome").then((module) => ({ default: module.ProvinceHome })));

/** The figures of the caller's whole scope, asked for only when their tab is opened. */
function Figures() {
  const i18n = useI18n();
  const figures = useAsync((signal) => figuresApi.get(undefined, signal), []);
  // No chart on a phone: the cards say the same, and the phone need not load ECharts.
  const narrow = useNarrow();
  if (figures.error) return <PageError error={figures.error} onRetry={figures.reload} />;
  if (!figures.data) return <Loading />;
  return (
    <div>
      <h2 style={{ marginTop: 0, fontSize: 16 }}>{i18n.t("home.scope", { name: figures.data.org.name })}</h2>
      <FiguresPanel data={figures.data} showChart={!narrow} />
    </div>
  );
}

function Work() {
  const work = useAsync((signal) => workbenchApi.get(signal), []);
  if (work.error) return <PageError error={work.error} onRetry={work.reload} />;
  if (!work.data) return <Loading />;
  return <WorkbenchView data={work.data} />;
}

/**
 * Home (工作台): the caller's work first, most urgent first; the figures of its scope follow, one
 * click ("数据概览") or a scroll away, so a phone opens on work rather than on a wall of figures.
 */
export default function HomePage() {
  const i18n = useI18n();
  const auth = useAuth();
  // The province reader has no work of its own and no node: its home is the province's figures.
  if (auth.me?.roles.some((held) => provinceRoles.includes(held.role))) return <ProvinceHome />;
  return (
    <div className="zl-stack" style={{ gap: 16 }}>
      <h2 style={{ margin: 0, fontSize: 20 }}>
        {i18n.t("workbench.tab")}
        <a href="#home-figures" onClick={(event) => { event.preventDefault(); document.getElementById("home-figures")?.scrollIntoView({ behavior: "smooth" }); }} style={{ fontSize: 14, fontWeight: "normal", marginInlineStart: 12 }} data-testid="home-figures-link">
          {i18n.t("workbench.figuresTab")}
        </a>
      </h2>
      <Work />
      <div id="home-figures">
        <Figures />
      </div>
    </div>
  );
}
