import { readFileSync } from "node:fs";
import {
  MappingError,
  matchesPattern,
  parseTableMappings,
  selectedObjects,
  type TableMappings,
  transformedName,
} from "@dms-platform/dms/documents";
import { LiveUsageError } from "./errors.js";

/**
 * The tables a migration selects, in DMS selection-rule terms: `schema.table` patterns where
 * `%` matches any run of characters and `_` one character, each rule including or excluding.
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Selections.html
 *
 * Rules come in groups, one per table mapping (a task's, or `--table-mappings`, or `--tables`):
 * an exclude rule removes tables from its own mapping's selection only, as each DMS task applies
 * its own mapping, and a selected table is named on the target by its own mapping's
 * transformation rules.
 */
export interface SelectionRule {
  schema: string;
  table: string;
  action: "include" | "exclude" | "explicit";
  /** Where the rule came from, for messages (`--tables` or `mappings.json selection 1`). */
  origin: string;
  /** The mapping the rule belongs to (rules without one form a group of their own). */
  group?: string;
  /** The whole mapping, whose transformation rules name the selected tables on the target. */
  mapping?: TableMappings;
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
  let mapping: TableMappings;
  try {
    mapping = parseTableMappings(raw, { file });
  } catch (error) {
    if (error instanceof MappingError) throw new LiveUsageError(`--table-mappings: ${error.message}`);
    throw error;
  }
  const rules = mappingSelection(mapping, file, file);
  if (!rules.some((r) => r.action !== "exclude")) {
    throw new LiveUsageError(`--table-mappings: ${file}: no selection rule includes a table`);
  }
  return rules;
}

/** The selection rules of one parsed table mapping, as one group (`origin`: where the mapping is, for messages). */
export function mappingSelection(mapping: TableMappings, group: string, origin: string): SelectionRule[] {
  return selectedObjects(mapping).map((o, index) => ({
    schema: o.schemaName,
    table: o.tableName,
    action: o.action as SelectionRule["action"],
    origin: `${origin} selection ${index + 1}`,
    group,
    mapping,
  }));
}

/** Whether one rule matches a table (DMS patterns: % any run, _ one character, [..] a set; explicit is literal). */
export function ruleMatches(rule: SelectionRule, name: TableName): boolean {
  if (rule.action === "explicit") return rule.schema === name.schema && rule.table === name.table;
  return matchesPattern(rule.schema, name.schema) && matchesPattern(rule.table, name.table);
}

function groups(rules: readonly SelectionRule[]): SelectionRule[][] {
  const byGroup = new Map<string | undefined, SelectionRule[]>();
  for (const r of rules) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  return [...byGroup.values()];
}

/** The group that selects a table: one of its rules includes it and none of its rules excludes it. */
function selectingGroup(rules: readonly SelectionRule[], name: TableName): SelectionRule[] | undefined {
  return groups(rules).find(
    (g) =>
      g.some((r) => r.action !== "exclude" && ruleMatches(r, name)) &&
      !g.some((r) => r.action === "exclude" && ruleMatches(r, name)),
  );
}

/**
 * The name a selected table has on the target: its mapping's schema and table transformation
 * rules (rename, prefixes, case...) applied to its own names; the source name without a mapping.
 */
export function targetNameOf(rules: readonly SelectionRule[], name: TableName): TableName {
  const mapping = selectingGroup(rules, name)?.find((r) => r.mapping)?.mapping;
  return mapping ? transformedName(mapping, name.schema, name.table) : { schema: name.schema, table: name.table };
}

/** The tables the rules select (included by some mapping and not excluded by that mapping), sorted. */
export function selectTables(rules: readonly SelectionRule[], tables: readonly TableName[]): TableName[] {
  return tables
    .filter((t) => selectingGroup(rules, t) !== undefined)
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
