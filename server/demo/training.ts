export async function loadDemoTraining(..._args: unknown[]) { return {}; }
