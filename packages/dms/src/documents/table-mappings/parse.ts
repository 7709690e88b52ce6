/**
 * Parsing table mappings with errors that name the JSON path and the rule, and canonical serialisation.
 */
import { canonicalJson } from "../canonical.js";
import { type DocumentWarning, describeValue, firstIssue, MappingError, type ParsedDocument } from "../errors.js";
import { namesOverlap } from "../name-patterns.js";
import { cloneJson, isPlainObject } from "../schema-helpers.js";
import { closestKey } from "../task-settings-catalogue.js";
import { checkRuleSpecifics } from "./rule-checks.js";
import { checkRuleFields, RULE_FIELDS } from "./rule-fields.js";
import { RULE_SCHEMAS } from "./schemas.js";
import type { TableMappings } from "./types.js";
import { RULE_TYPES, type RuleType, TABLE_MAPPINGS_MAX_BYTES } from "./vocabulary.js";

/** Options of {@link parseTableMappings}. */
export interface ParseOptions {
  /** The file the document came from; named in error messages. */
  file?: string;
}

function decode(json: unknown, fail: (path: string, rule: string) => Error): unknown {
  if (typeof json !== "string") return json;
  try {
    return JSON.parse(json) as unknown;
  } catch (err) {
    throw fail("", `not valid JSON: ${(err as Error).message}`);
  }
}

/** Bytes of a string in UTF-8 (the size AWS measures). */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function ruleIdKey(id: unknown): string {
  return typeof id === "number" ? String(id) : String(Number(id));
}

/** Validate an already-decoded table-mappings value; throws with `fail`, returns the warnings. */
function validateTableMappings(
  doc: unknown,
  fail: (path: string, rule: string) => Error,
): ParsedDocument<TableMappings> {
  if (!isPlainObject(doc)) throw fail("", `must be a JSON object with a "rules" array (got ${describeValue(doc)})`);
  const topWarnings: DocumentWarning[] = [];
  for (const key of Object.keys(doc)) {
    if (key === "rules") continue;
    const near = closestKey(key, ["rules"]);
    // A misspelt "rules", or a rule's own field written beside the rules: provably misplaced.
    const ruleField = RULE_TYPES.some((t) => RULE_FIELDS[t].includes(key));
    const rule = `not a table-mappings field${near ? ` (did you mean \`${near}\`?)` : ""}: a table-mappings document has only "rules", and DMS ignores anything else`;
    if (near !== undefined || ruleField) throw fail(key, ruleField ? `${rule} (${key} is a field of a rule)` : rule);
    topWarnings.push({ path: key, message: rule });
  }
  const rules = doc.rules;
  if (rules === undefined) throw fail("rules", "is required (an array of rules)");
  if (!Array.isArray(rules)) throw fail("rules", `must be an array of rules (got ${describeValue(rules)})`);

  const size = utf8Bytes(canonicalJson(doc));
  if (size > TABLE_MAPPINGS_MAX_BYTES) {
    throw fail(
      "",
      `is ${size} bytes; AWS DMS processes table mappings up to 2 MB (${TABLE_MAPPINGS_MAX_BYTES} bytes): split the tables across tasks`,
    );
  }

  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const warnings: DocumentWarning[] = [...topWarnings];
  let selections = 0;
  rules.forEach((rule: unknown, i: number) => {
    const at = `rules[${i}]`;
    if (!isPlainObject(rule)) throw fail(at, `must be a rule object (got ${describeValue(rule)})`);
    const type = rule["rule-type"];
    if (typeof type !== "string" || !(RULE_TYPES as readonly string[]).includes(type)) {
      throw fail(
        `${at}.rule-type`,
        type === undefined ? "is required" : `must be one of ${RULE_TYPES.join(", ")} (got ${describeValue(type)})`,
      );
    }
    warnings.push(...checkRuleFields(rule, type as RuleType, at, fail));
    const schema = RULE_SCHEMAS[type as RuleType];
    const result = schema.safeParse(rule, { reportInput: true });
    if (!result.success) {
      const { path, rule: broken } = firstIssue(result.error, at);
      throw fail(path, broken);
    }
    checkRuleSpecifics(rule, at, fail);
    const key = ruleIdKey(rule["rule-id"]);
    const first = seenIds.get(key);
    if (first !== undefined) {
      throw fail(
        `${at}.rule-id`,
        `duplicates the rule-id of rules[${first}] (${describeValue(rule["rule-id"])}); rule-ids must be unique`,
      );
    }
    seenIds.set(key, i);
    const name = String(rule["rule-name"]);
    const firstNamed = seenNames.get(name);
    if (firstNamed !== undefined) {
      warnings.push({
        path: `${at}.rule-name`,
        message: `duplicates the rule-name of rules[${firstNamed}] (${describeValue(rule["rule-name"])}); DMS accepts it, but its messages and table statistics name rules by rule-name: give each rule its own`,
      });
    } else {
      seenNames.set(name, i);
    }
    if (type === "selection") selections++;
  });
  if (selections === 0) {
    throw fail("rules", "must contain at least one selection rule (DMS needs one to know which tables to migrate)");
  }
  warnings.push(...unselectedTargets(rules as Record<string, unknown>[]));
  return { document: cloneJson(doc) as TableMappings, warnings };
}

/**
 * Rules other than selections whose object-locator can name no object an include or explicit selection rule
 * selects: DMS applies transformations and table settings to selected objects only, so such a rule does nothing
 * (typically a schema or table name typed differently from the selection's). Patterns are compared as patterns
 * (`ord%` and `%ers` overlap), so only a rule that can never apply is reported.
 */
function unselectedTargets(rules: Record<string, unknown>[]): DocumentWarning[] {
  const selected = rules
    .filter((r) => r["rule-type"] === "selection" && r["rule-action"] !== "exclude")
    .map((r) => r["object-locator"] as Record<string, unknown>)
    .map((l) => ({ schema: String(l["schema-name"]), table: String(l["table-name"]) }));
  // Exact names are looked up; only patterns are compared one by one (a 2 MB mapping has thousands of rules).
  const hasPattern = (name: string) => /[%_[]/.test(name);
  const exactTables = new Set(
    selected.filter((s) => !hasPattern(s.schema) && !hasPattern(s.table)).map((s) => `${s.schema}\u0000${s.table}`),
  );
  const exactSchemas = new Set(selected.filter((s) => !hasPattern(s.schema)).map((s) => s.schema));
  const patterns = selected.filter((s) => hasPattern(s.schema) || hasPattern(s.table));
  const out: DocumentWarning[] = [];
  rules.forEach((rule, i) => {
    if (rule["rule-type"] === "selection") return;
    const locator = rule["object-locator"] as Record<string, unknown>;
    const schema = String(locator["schema-name"]);
    const table = typeof locator["table-name"] === "string" ? locator["table-name"] : undefined;
    const exact = !hasPattern(schema) && (table === undefined || !hasPattern(table));
    const overlaps = (s: { schema: string; table: string }) =>
      namesOverlap(s.schema, schema) && (table === undefined || namesOverlap(s.table, table));
    const applies = exact
      ? (table === undefined ? exactSchemas.has(schema) : exactTables.has(`${schema}\u0000${table}`)) ||
        patterns.some(overlaps)
      : selected.some(overlaps);
    if (!applies) {
      const named = table === undefined ? schema : `${schema}.${table}`;
      out.push({
        path: `rules[${i}].object-locator`,
        message: `names ${describeValue(named)}, which no include or explicit selection rule selects; DMS applies a ${String(rule["rule-type"])} rule to selected objects only, so this one does nothing (check the names against the selection rules: they are case-sensitive)`,
      });
    }
  });
  return out;
}

/**
 * Parse and validate a DMS table-mappings document (a JSON string or an already-decoded value).
 * Returns a copy with every key kept; throws a {@link MappingError} naming the JSON path and the rule.
 */
export function parseTableMappings(json: unknown, options: ParseOptions = {}): TableMappings {
  return parseTableMappingsDetailed(json, options).document;
}

/**
 * {@link parseTableMappings}, also returning the warnings: what DMS accepts but is very likely a mistake (a
 * duplicate rule-name), each with its JSON path.
 */
export function parseTableMappingsDetailed(json: unknown, options: ParseOptions = {}): ParsedDocument<TableMappings> {
  const fail = (path: string, rule: string) => new MappingError(path, rule, options.file);
  return validateTableMappings(decode(json, fail), fail);
}

/** The canonical JSON text of a table-mappings document (keys sorted, no whitespace): what DMS is sent. */
export function serializeTableMappings(doc: TableMappings): string {
  return canonicalJson(doc);
}
