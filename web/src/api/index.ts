export { ApiError, isApiError, onUnauthorized, setApiLanguage, setCsrfToken } from "./client";
export type { FieldError } from "./client";
export * from "./auth";
export * from "./orgs";
export * from "./people";
export * from "./accounts";
export * from "./audit";
export * from "./figures";
