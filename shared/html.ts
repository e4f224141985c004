/**
 * Escapes a value for an HTML string: the only way text enters markup that is built by hand
 * (ECharts tooltips take HTML). Quotes too, so the result is safe in an attribute as well.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"'`]/g, (char) => htmlEntities[char]!);
}

const htmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };
