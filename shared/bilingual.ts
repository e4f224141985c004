/**
 * Notes the server writes for itself carry both languages as "中文 (English)" (an automatic dispatch,
 * an escalation). Shown as they are, a timeline mixed the two; this keeps the part in the UI's language.
 * A note a person typed, without that shape, is shown as typed.
 */
const BILINGUAL = /^([^()]*[\u4e00-\u9fff][^()]*?)\s*\(([^()\u4e00-\u9fff]*[A-Za-z][^()\u4e00-\u9fff]*)\)$/s;

export function inLanguage(locale: string, note: string): string {
  const match = BILINGUAL.exec(note.trim());
  if (!match) return note;
  return locale === "en" ? match[2]!.trim() : match[1]!.trim();
}
