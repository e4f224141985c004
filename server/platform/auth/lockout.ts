import type { Config } from "../config";
import type { Database } from "../../db/client";
import * as repo from "./repository";

/**
 * Failed sign-ins are counted under three keys, whether or not the username belongs to an account, so
 * an unknown name and a real one get the same answers:
 * - the username from one client address: locks after LOCKOUT_THRESHOLD failures;
 * - the client address, whatever names it tries: locks after four times as many (password spraying);
 * - the username from anywhere: locks after twice as many (guessing from many addresses), but this
 *   lock does not hold against an address the account has signed in from before, so a stranger
 *   cannot keep an administrator out of their own machine.
 * Each lock of a key lasts twice as long as its previous one (LOCKOUT_MINUTES, 2×, 4× … up to a
 * day); a key's count and its growth start afresh after a day without failures.
 */
const MAX_LOCK_MS = 24 * 3_600_000;
const FORGET_AFTER_MS = 24 * 3_600_000;

export interface LoginKeys {
  /** The keys that may refuse this attempt. */
  checked: string[];
  /** The keys this attempt's failure counts under, with the failures that lock each. */
  counted: { key: string; threshold: number }[];
}

export const accountKey = (username: string) => `user:${username}|`;

export function loginKeys(config: Config, username: string, ip: string, trustedAddress: boolean): LoginKeys {
  const pair = `${accountKey(username)}${ip}`;
  const address = `ip:${ip}`;
  const account = accountKey(username);
  const counted = [
    { key: pair, threshold: config.lockoutThreshold },
    { key: address, threshold: config.lockoutThreshold * 4 },
    { key: account, threshold: config.lockoutThreshold * 2 },
  ];
  return { checked: trustedAddress ? [pair, address] : [pair, address, account], counted };
}

/** The latest end of a lock that refuses the attempt now, or null. */
export async function lockedUntil(db: Database, keys: string[], now: Date): Promise<Date | null> {
  const rows = await repo.throttles(db, keys);
  const running = rows.map((row) => row.lockedUntil).filter((until): until is Date => until !== null && until > now);
  return running.length ? new Date(Math.max(...running.map((until) => until.getTime()))) : null;
}

/** Counts one failure under each key; returns the latest lock it set or prolonged among the checked keys, or null. */
export async function countFailure(db: Database, config: Config, keys: LoginKeys, now: Date): Promise<Date | null> {
  const existing = new Map((await repo.throttles(db, keys.counted.map((c) => c.key))).map((row) => [row.key, row]));
  let locked: Date | null = null;
  for (const { key, threshold } of keys.counted) {
    const before = existing.get(key);
    const stale = !before || now.getTime() - before.lastFailureAt.getTime() > FORGET_AFTER_MS;
    // A lock that has run out starts a fresh count; its length still grows with the next one.
    const lockOver = before?.lockedUntil != null && before.lockedUntil <= now;
    let failures = (stale || lockOver ? 0 : before.failures) + 1;
    let locks = stale ? 0 : before.locks;
    let until = stale || lockOver ? null : before.lockedUntil;
    if (failures >= threshold) {
      locks += 1;
      until = new Date(now.getTime() + Math.min(config.lockoutMinutes * 60_000 * 2 ** (locks - 1), MAX_LOCK_MS));
      failures = 0;
    }
    await repo.saveThrottle(db, { key, failures, locks, lastFailureAt: now, lockedUntil: until });
    if (until && until > now && keys.checked.includes(key) && (!locked || until > locked)) locked = until;
  }
  return locked;
}
