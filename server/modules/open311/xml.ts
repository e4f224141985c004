/**
 * GeoReport v2's XML is the JSON turned inside out by the Spark convention: an object is an element
 * per member, a list is its element repeated under its singular name, null is an empty element.
 * Schemaless, no namespace, UTF-8 with the declaration, as the specification asks.
 */
const ITEM_NAMES: Record<string, string> = {
  services: "service",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  service_requests: "request",
  errors: "error",
};

/** Text content only (the format has no attributes), so quotes stay as they are. */
function escape(text: string): string {
  return text.replace(/[<>&]/g, (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[char]!);
}

function element(name: string, value: unknown, indent: string): string {
  if (value === null || value === undefined) return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? "item";
    const inner = value.map((entry) => element(item, entry, `${indent}  `)).join("\n");
    return inner ? `${indent}<${name}>\n${inner}\n${indent}</${name}>` : `${indent}<${name}/>`;
  }
  if (typeof value === "object") {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => element(key, child, `${indent}  `))
      .join("\n");
    return inner ? `${indent}<${name}>\n${inner}\n${indent}</${name}>` : `${indent}<${name}/>`;
  }
  return `${indent}<${name}>${escape(String(value))}</${name}>`;
}

export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, "")}\n`;
}
