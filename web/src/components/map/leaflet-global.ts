import L from "leaflet";

// leaflet.markercluster and leaflet.heat are plugins written against the global `L`; this module is
// imported before them so the global exists when they run.
(globalThis as unknown as { L: typeof L }).L = L;
