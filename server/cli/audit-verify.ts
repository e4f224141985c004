import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SignedCheckpoints } from "../../shared/schemas/audit";
import { openDatabase } from "../db/client";
import { checkpointsSignedBy, verifyAuditChain, type ChainPoint } from "../platform/audit/service";

/**
 * `npm run audit:verify [-- --checkpoints exported.json [--public-key key.pem]]`: checks every audit chain
 * and names the first broken entry, and the entries missing after the newest checkpoint (kept in the
 * database, and in a signed export kept outside it when given); exit 1 when anything is wrong.
 */
const { values } = parseArgs({ options: { checkpoints: { type: "string" }, "public-key": { type: "string" } } });
let outside: ChainPoint[] = [];
if (values.checkpoints) {
  const file = SignedCheckpoints.parse(JSON.parse(readFileSync(values.checkpoints, "utf8")));
  const publicKey = values["public-key"] ? readFileSync(values["public-key"], "utf8") : undefined;
  if (!checkpointsSignedBy(file, publicKey)) {
    console.error(`${values.checkpoints}: the signature does not match; the file was changed or signed by another key`);
    process.exit(1);
  }
  outside = file.checkpoints;
}
const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? "./data" });
try {
  const result = await verifyAuditChain(handle.db, outside);
  if (result.ok) console.log(`audit trail intact: ${result.checked} entries in ${result.chains} chain(s)`);
  else if (result.firstBroken) console.error(`audit trail BROKEN at entry ${result.firstBroken.id} (city ${result.firstBroken.cityId ?? "system"}): ${result.firstBroken.reason}; ${result.checked} entries checked`);
  for (const gap of result.missing) console.error(`audit trail CUT (city ${gap.cityId ?? "system"}): ${gap.reason}`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await handle.close();
}
