// Loaded before the app: zod reads this object when it loads. The platform's CSP forbids eval, so zod
// must neither compile its fast parsers with `new Function` nor probe whether it may (the probe alone
// is reported as a CSP violation). A classic script runs before the app's modules, whatever their chunks.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
