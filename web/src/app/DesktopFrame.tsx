import type { ReactNode } from "react";
import { AppLayout } from "../modules/layout/AppLayout";
import AntProviders from "./AntProviders";
import { SectionFrameContext } from "./sectionFrame";
import { SectionFrame } from "./SectionTabs";

/** The signed-in desktop frame (antd): side menu (a drawer on phones), header, section tabs. Loaded lazily by the entry (App.tsx). */
export default function DesktopFrame({ children }: { children: ReactNode }) {
  return (
    <AntProviders>
      <SectionFrameContext.Provider value={SectionFrame}>
        <AppLayout>{children}</AppLayout>
      </SectionFrameContext.Provider>
    </AntProviders>
  );
}
