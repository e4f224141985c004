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
