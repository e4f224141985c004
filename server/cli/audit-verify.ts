import { openDatabase } from "../db/client";
import { verifyAuditChain } from "../platform/audit/service";

/** `npm run audit:verify`: checks every audit chain and names the first broken entry; exit 1 when broken. */
const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? "./data" });
try {
  const result = await verifyAuditChain(handle.db);
  if (result.ok) console.log(`audit trail intact: ${result.checked} entries in ${result.chains} chain(s)`);
  else console.error(`audit trail BROKEN at entry ${result.firstBroken!.id} (city ${result.firstBroken!.cityId ?? "system"}): ${result.firstBroken!.reason}; ${result.checked} entries checked`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await handle.close();
}
