/** Personal data as it is shown by default: enough to recognise, not enough to use. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****";
}

export function maskIdNumber(idNumber: string | null): string | null {
  if (!idNumber) return idNumber;
  return idNumber.length > 8 ? `${idNumber.slice(0, 4)}${"*".repeat(idNumber.length - 8)}${idNumber.slice(-4)}` : "********";
}

/** Keeps the family name (the first character) of a resident who reported something. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return `${chars[0]}${"*".repeat(Math.max(1, chars.length - 1))}`;
}

/**
 * Masks the given people's names wherever they stand in free text (a visit's notes: "见到户主张三"),
 * each cut to its family name as `maskName` does. Longer names go first, so "张三丰" is not half-taken
 * for "张三"; single-character names are left alone (they would hit ordinary words).
 */
export function maskNamesIn(text: string, names: readonly string[]): string {
  const known = [...new Set(names.filter((name) => [...name].length >= 2))].sort((a, b) => b.length - a.length);
  if (known.length === 0) return text;
  const pattern = new RegExp(known.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gu");
  return text.replace(pattern, (name) => maskName(name) ?? "");
}

/** Keeps the place (up to the township or village) and hides the house. */
export function maskAddress(address: string | null): string | null {
  if (!address) return address;
  const cut = address.search(/[村社区街道镇乡]/u);
  const keep = cut >= 0 ? Math.min(cut + 1, Math.max(address.length - 2, 0)) : Math.min(6, Math.floor(address.length / 2));
  return `${address.slice(0, keep)}****`;
}

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = "10X98765432";

/** GB 11643: the 18th character is the ISO 7064 MOD 11-2 check of the first 17. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

export function isValidIdNumber(idNumber: string): boolean {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return false;
  return idNumberCheckChar(idNumber.slice(0, 17)) === idNumber[17];
}

/**
 * Masks phone, ID-card and bank-card numbers wherever they stand in free text (a description, a note,
 * a robot message): glued to letters or characters, or written in groups with spaces or dashes. A
 * number is matched whole (never the middle of a longer run of digits); the longest kinds go first, so
 * an ID number is not half-taken for a phone. Everything else is left as it was.
 */
export function maskFreeText(text: string): string;
export function maskFreeText(text: string | null): string | null;
export function maskFreeText(text: string | null): string | null {
  if (!text) return text;
  let masked = text;
  for (const { pattern, mask } of freeTextNumbers) masked = masked.replace(pattern, (match) => mask(match.replace(/[\s-]/g, "").toUpperCase()));
  return masked;
}

const sep = "[ \\t-]?";
const keepEnds = (digits: string, head: number) => `${digits.slice(0, head)}${"*".repeat(Math.max(digits.length - head - 4, 4))}${digits.slice(-4)}`;
const whole = (body: string) => new RegExp(`(?<![\\d])${body}(?![\\dXx])`, "g");

const freeTextNumbers: readonly { pattern: RegExp; mask: (digits: string) => string }[] = [
  // 18-digit ID numbers (the last may be X), bare or grouped 6-8-4 or in fours.
  { pattern: whole(`(?:\\d{6}${sep}\\d{8}${sep}\\d{3}[\\dXx]|\\d{4}(?:${sep}\\d{4}){3}${sep}\\d[\\dXx])`), mask: (d) => keepEnds(d, 4) },
  // Bank cards: 16 to 19 digits, bare or in groups of four.
  { pattern: whole(`(?:\\d{16,19}|\\d{4}(?:${sep}\\d{4}){3}(?:${sep}\\d{1,3})?)`), mask: (d) => keepEnds(d, 4) },
  // 15-digit ID numbers of the old kind, bare or grouped 6-6-3.
  { pattern: whole(`\\d{6}${sep}\\d{6}${sep}\\d{3}`), mask: (d) => keepEnds(d, 4) },
  // Mobile numbers, with or without +86, bare or grouped 3-4-4.
  { pattern: whole(`(?:(?:\\+|00)?86${sep})?1[3-9]\\d(?:${sep}\\d{4}){2}`), mask: (d) => keepEnds(d.replace(/^(\+|00)?86(?=1\d{10}$)/, ""), 3) },
  // Landlines with their area code: 0359-5021234, (0359)5021234.
  { pattern: whole(`(?:0\\d{2,3}${sep}|\\(0\\d{2,3}\\)${sep}?)\\d{7,8}`), mask: (d) => keepEnds(d.replace(/[()]/g, ""), 4) },
];
