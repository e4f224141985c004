import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The module boundaries of docs/ARCHITECTURE.md, checked on the source: a module owns its tables and
 * others call its service; the platform stands below the modules. A test rather than a convention,
 * because a wrong import compiles and runs and only shows when the modules are moved apart.
 */
const serverDir = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(serverDir, "db", "schema");
const modulesDir = join(serverDir, "modules");

/** Who owns each schema file: a module folder, or the platform (auth, audit, calendar). */
const schemaOwners: Record<string, string> = {
  orgs: "orgs",
  people: "people",
  problems: "problems",
  campaign: "campaign",
  events: "events",
  notifications: "notifications",
  open311: "open311",
  ledgers: "ledgers",
  pairing: "pairing",
  training: "training",
  cadres: "cadres",
  evaluation: "evaluation",
  auth: "platform",
  security: "platform",
  audit: "platform",
  calendar: "platform",
  idempotency: "platform",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

interface Import {
  names: string[];
  target: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const imports: Import[] = [];
  for (const match of text.matchAll(/import\s+(?:type\s+)?(?:\{([^}]*)\}|\*\s+as\s+\w+|\w+)?\s*(?:,\s*\{([^}]*)\})?\s*from\s+"([^"]+)"/g)) {
    const names = `${match[1] ?? ""},${match[2] ?? ""}`
      .split(",")
      .map((name) => name.replace(/^\s*type\s+/, "").split(/\s+as\s+/)[0]!.trim())
      .filter(Boolean);
    const spec = match[3]!;
    if (spec.startsWith(".")) imports.push({ names, target: resolve(dirname(file), spec) });
  }
  return imports;
}

/** Table constant → schema file, from the schema files themselves. */
function tableOwnersByName(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of readdirSync(schemaDir).filter((name) => name.endsWith(".ts") && name !== "index.ts")) {
    const text = readFileSync(join(schemaDir, file), "utf8");
    for (const match of text.matchAll(/export const (\w+)\s*=\s*pgTable\(/g)) owners.set(match[1]!, file.slice(0, -3));
  }
  return owners;
}

/** SQL table name → schema file, for raw SQL in template strings. */
function tableOwnersBySqlName(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of readdirSync(schemaDir).filter((name) => name.endsWith(".ts") && name !== "index.ts")) {
    const text = readFileSync(join(schemaDir, file), "utf8");
    for (const match of text.matchAll(/pgTable\(\s*"(\w+)"/g)) owners.set(match[1]!, file.slice(0, -3));
  }
  return owners;
}

function moduleOf(file: string): string | null {
  const rel = relative(modulesDir, file);
  if (rel.startsWith("..")) return null;
  const first = rel.split("/")[0]!;
  return first.endsWith(".ts") ? null : first;
}

describe("module boundaries", () => {
  const files = sourceFiles(serverDir);
  const tableOwners = tableOwnersByName();

  it("keeps every file under modules/ within 600 lines: a service that grows is split by job", () => {
    const long = files
      .filter((file) => file.startsWith(join(serverDir, "modules")))
      .map((file) => ({ file: relative(serverDir, file), lines: readFileSync(file, "utf8").split("\n").length }))
      .filter((entry) => entry.lines > 600);
    expect(long).toEqual([]);
  });

  it("knows the owner of every schema file", () => {
    const schemaFiles = readdirSync(schemaDir)
      .filter((name) => name.endsWith(".ts") && /pgTable\(/.test(readFileSync(join(schemaDir, name), "utf8")))
      .map((name) => name.slice(0, -3));
    expect(schemaFiles.filter((name) => !(name in schemaOwners))).toEqual([]);
  });

  it("keeps the platform below the modules: nothing under platform/ imports modules/", () => {
    const offending = files
      .filter((file) => relative(serverDir, file).startsWith("platform/"))
      .flatMap((file) => importsOf(file).filter((imp) => relative(modulesDir, imp.target).split("/")[0] !== "..").map((imp) => `${relative(serverDir, file)} → ${relative(serverDir, imp.target)}`));
    expect(offending).toEqual([]);
  });

  it("lets a module import only its own tables, and no other module's repository or schema file", () => {
    const offending: string[] = [];
    for (const file of files) {
      const owner = moduleOf(file);
      if (!owner) continue;
      for (const imp of importsOf(file)) {
        const target = relative(serverDir, imp.target);
        const targetModule = moduleOf(imp.target);
        if (targetModule && targetModule !== owner && /\/(repository|schema)$/.test(target)) offending.push(`${relative(serverDir, file)} → ${target}`);
        if (target === "db/schema") {
          for (const name of imp.names) {
            const schema = tableOwners.get(name);
            if (schema && schemaOwners[schema] !== owner) offending.push(`${relative(serverDir, file)} uses ${name} (${schema})`);
          }
        } else if (target.startsWith("db/schema/")) {
          const schema = target.slice("db/schema/".length);
          if (schemaOwners[schema] !== owner) offending.push(`${relative(serverDir, file)} → ${target}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("lets a module's raw SQL name only its own tables", () => {
    const sqlOwners = tableOwnersBySqlName();
    const offending: string[] = [];
    for (const file of files) {
      const owner = moduleOf(file);
      if (!owner) continue;
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)/g)) {
        const schema = sqlOwners.get(match[1]!);
        if (schema && schemaOwners[schema] !== owner) offending.push(`${relative(serverDir, file)}: ${match[0]}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("would catch a module reading another module's table (the check is not vacuous)", () => {
    expect(tableOwners.get("events")).toBe("events");
    expect(tableOwners.get("orgNodes")).toBe("orgs");
    expect(tableOwnersBySqlName().get("org_nodes")).toBe("orgs");
    expect(importsOf(join(modulesDir, "events", "repository.ts")).some((imp) => relative(serverDir, imp.target) === "db/schema")).toBe(true);
  });
});

describe("abilities", () => {
  const sharedSchemas = join(serverDir, "..", "shared", "schemas");

  it("are typed objects with named keys in every response schema, never an open record", () => {
    const open: string[] = [];
    for (const name of readdirSync(sharedSchemas).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))) {
      const text = readFileSync(join(sharedSchemas, name), "utf8");
      for (const match of text.matchAll(/abilities:\s*z\.record\(/g)) open.push(`${name}@${match.index}`);
    }
    expect(open).toEqual([]);
  });

  it("are answered in each module's policy.ts, where its ability tables live", () => {
    const outside = sourceFiles(modulesDir)
      .filter((file) => !file.endsWith("/policy.ts"))
      .filter((file) => /\b(?:const|let)\s+\w*[aA]bilit(?:y|ies)\w*\s*=\s*\{/.test(readFileSync(file, "utf8")))
      .map((file) => relative(serverDir, file));
    expect(outside).toEqual([]);
  });
});
