import { createContext, type ComponentType, type ReactNode } from "react";
import type { navigation } from "./routes";

export type SectionFrameComponent = ComponentType<{ section: keyof typeof navigation.sections; children: ReactNode }>;

/**
 * What stands around a section's pages (its tabs): the desktop frame gives it; the phone frame, whose
 * bottom tab bar does that job, gives none, so the entry need not load the tabs' antd.
 */
export const SectionFrameContext = createContext<SectionFrameComponent | null>(null);
