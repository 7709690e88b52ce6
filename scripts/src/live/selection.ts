import { readFileSync } from "node:fs";
import {
  isWildcardName,
  MappingError,
  matchesPattern,
  parseTableMappings,
  selectedObjects,
} from "@dms-platform/dms/documents";
import { LiveUsageError } from "./errors.js";

/**
 * The tables a migration selects, in DMS selection-rule terms: `schema.table` patterns where
 * `%` matches any run of characters and `_` one character, each rule including or excluding.
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Selections.html
 */
export interface SelectionRule {
  schema: string;
  table: string;
  action: "include" | "exclude" | "explicit";
  /** Where the rule came from, for messages (`--tables` or `mappings.json selection 1`). */
  origin: string;
  /** Schema and table names on the target after the mapping's transformations (may be patterns). */
  targetSchema?: string;
  targetTable?: string;
}

export interface TableName {
  schema: string;
  table: string;
}

/** `--tables dmslab.%,sales.orders`: comma-separated include patterns. */
export function parseTablesOption(value: string): SelectionRule[] {
  const rules: SelectionRule[] = [];
  for (const raw of value.split(",")) {
    const pattern = raw.trim();
    if (pattern === "") continue;
    const dot = pattern.indexOf(".");
    if (dot <= 0 || dot === pattern.length - 1 || pattern.indexOf(".", dot + 1) !== -1) {
      throw new LiveUsageError(
        `--tables: "${pattern}" is not schema.table (use % and _ as wildcards, e.g. dmslab.% or dmslab.customers)`,
      );
    }
    rules.push({ schema: pattern.slice(0, dot), table: pattern.slice(dot + 1), action: "include", origin: "--tables" });
  }
  if (rules.length === 0) throw new LiveUsageError("--tables: no pattern given");
  return rules;
}

/**
 * The selection rules of a DMS table-mapping document, parsed and validated by
 * `@dms-platform/dms/documents` (the same parser the DmsReplication component and the policy
 * pack use), with the target names its schema/table transformations give each selection.
 */
export function parseTableMappingsFile(file: string): SelectionRule[] {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch {
    throw new LiveUsageError(`--table-mappings: cannot read ${file}`);
  }
  let objects: ReturnType<typeof selectedObjects>;
  try {
    objects = selectedObjects(parseTableMappings(raw, { file }));
  } catch (error) {
    if (error instanceof MappingError) throw new LiveUsageError(`--table-mappings: ${error.message}`);
    throw error;
  }
  const rules = objects.map((o, index) => ({
    schema: o.schemaName,
    table: o.tableName,
    action: o.action as SelectionRule["action"],
    origin: `${file} selection ${index + 1}`,
    targetSchema: o.targetSchemaName,
    targetTable: o.targetTableName,
  }));
  if (!rules.some((r) => r.action !== "exclude")) {
    throw new LiveUsageError(`--table-mappings: ${file}: no selection rule includes a table`);
  }
  return rules;
}

/** Whether one rule matches a table (DMS patterns: % any run, _ one character, [..] a set; explicit is literal). */
export function ruleMatches(rule: SelectionRule, name: TableName): boolean {
  if (rule.action === "explicit") return rule.schema === name.schema && rule.table === name.table;
  return matchesPattern(rule.schema, name.schema) && matchesPattern(rule.table, name.table);
}

/**
 * The name a selected table has on the target: the mapping's transformed names where they are
 * literal (a rename of the schema or the table), the source name otherwise.
 */
export function targetNameOf(rules: readonly SelectionRule[], name: TableName): TableName {
  const rule = rules.find((r) => r.action !== "exclude" && ruleMatches(r, name));
  const literal = (s: string | undefined) => s !== undefined && !isWildcardName(s);
  return {
    schema:
      rule && literal(rule.targetSchema) && rule.targetSchema !== rule.schema
        ? (rule.targetSchema as string)
        : name.schema,
    table:
      rule && literal(rule.targetTable) && rule.targetTable !== rule.table ? (rule.targetTable as string) : name.table,
  };
}

/** The tables the rules select (included by some rule, excluded by none), sorted. */
export function selectTables(rules: readonly SelectionRule[], tables: readonly TableName[]): TableName[] {
  return tables
    .filter((t) => rules.some((r) => r.action !== "exclude" && ruleMatches(r, t)))
    .filter((t) => !rules.some((r) => r.action === "exclude" && ruleMatches(r, t)))
    .sort((a, b) => `${a.schema}.${a.table}`.localeCompare(`${b.schema}.${b.table}`));
}

/** Include rules that match no existing table: the mapping names something that is not there. */
export function unmatchedRules(rules: readonly SelectionRule[], tables: readonly TableName[]): SelectionRule[] {
  return rules.filter((r) => r.action !== "exclude" && !tables.some((t) => ruleMatches(r, t)));
}

/** The schemas the rules could touch, for catalog queries (undefined when a schema pattern has wildcards). */
export function literalSchemas(rules: readonly SelectionRule[]): string[] | undefined {
  const included = rules.filter((r) => r.action !== "exclude");
  if (included.some((r) => r.action !== "explicit" && /[%_]/.test(r.schema))) return undefined;
  return [...new Set(included.map((r) => r.schema))];
}
