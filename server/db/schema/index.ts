export * from "./orgs";
export * from "./people";
export * from "./auth";
export * from "./audit";
