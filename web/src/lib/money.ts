/** Yuan as typed ("1,234.5") into integer fen by its digits, never through a float; null when it is no amount. */
export function yuanTextToFen(text: string): number | null {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，\s]/g, ""));
  return match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : null;
}
