import type { ReactNode } from "react";
import { AppLayout } from "../modules/layout/AppLayout";
import AntProviders from "./AntProviders";

/** The signed-in desktop frame (antd): side menu (a drawer on phones), header. Loaded lazily by the entry (App.tsx). */
export default function DesktopFrame({ children }: { children: ReactNode }) {
  return (
    <AntProviders>
      <AppLayout>{children}</AppLayout>
    </AntProviders>
  );
}
