import { hash, verify } from "@node-rs/argon2";

/** 2 is Argon2id in @node-rs/argon2's (const) enum. */
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** A hash of a random string, verified against when a username is unknown, so timing does not tell. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hashPassword(`decoy-${Math.random()}`);
    await verify(await decoy, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

const common = new Set(["password123", "1234567890", "qwertyuiop", "admin12345", "zhili12345", "p@ssw0rd12", "a123456789"]);

/**
 * The strength rule a government security review expects: at least 10 characters, at least three of
 * lower case, upper case, digits and symbols, not the username, not a well-known password.
 * Returns the reason it fails, or null.
 */
export function passwordWeakness(password: string, username: string): string | null {
  if (password.length < 10) return "至少 10 个字符 (at least 10 characters)";
  if (password.length > 128) return "最多 128 个字符 (at most 128 characters)";
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) return "需包含大写字母、小写字母、数字、符号中的至少三类 (use three of: upper case, lower case, digits, symbols)";
  if (username && password.toLowerCase().includes(username.toLowerCase())) return "不能包含用户名 (must not contain the username)";
  if (common.has(password.toLowerCase())) return "过于常见 (too common)";
  return null;
}
