export async function loadDemoCadres(..._args: unknown[]) { return {}; }
