/**
 * What a mapping selects: each selection rule's object, with the names the target will get after
 * schema/table transformations.
 */
import type { TableMappings, TransformationRule } from "./types.js";
import { matchesPattern } from "./wildcards.js";

/** One selection rule's object, with the names the target will get after schema/table transformations. */
export interface SelectedObject {
  /** Source schema name (may be a pattern such as `%`). */
  schemaName: string;
  /** Source table name (may be a pattern). */
  tableName: string;
  /** include, exclude or explicit. */
  action: string;
  /** Schema name on the target after the schema transformations that apply to it. */
  targetSchemaName: string;
  /** Table name on the target after the table transformations that apply to it. */
  targetTableName: string;
}

function applyNameAction(name: string, rule: TransformationRule): string {
  const value = rule.value ?? "";
  const old = rule["old-value"] ?? "";
  switch (rule["rule-action"]) {
    case "rename":
      return value;
    case "convert-lowercase":
      return name.toLowerCase();
    case "convert-uppercase":
      return name.toUpperCase();
    case "add-prefix":
      return value + name;
    case "remove-prefix":
      return name.startsWith(value) ? name.slice(value.length) : name;
    case "replace-prefix":
      return name.startsWith(old) ? value + name.slice(old.length) : name;
    case "add-suffix":
      return name + value;
    case "remove-suffix":
      return value && name.endsWith(value) ? name.slice(0, -value.length) : name;
    case "replace-suffix":
      return old && name.endsWith(old) ? name.slice(0, -old.length) + value : name;
    default:
      return name;
  }
}

/**
 * The name a source table (or pattern) gets on the target: the schema- and table-target transformation rules whose
 * locator matches the source names (`%` patterns included), applied in rule order. DMS matches every locator against
 * the source names, so a schema rename does not stop a table rule written with the source schema from applying.
 */
export function transformedName(doc: TableMappings, schema: string, table: string): { schema: string; table: string } {
  let targetSchema = schema;
  let targetTable = table;
  for (const t of doc.rules) {
    if (t["rule-type"] !== "transformation") continue;
    const loc = t["object-locator"];
    if (!matchesPattern(loc["schema-name"], schema)) continue;
    if (t["rule-target"] === "schema") {
      targetSchema = applyNameAction(targetSchema, t);
    } else if (t["rule-target"] === "table" && loc["table-name"] && matchesPattern(loc["table-name"], table)) {
      targetTable = applyNameAction(targetTable, t);
    }
  }
  return { schema: targetSchema, table: targetTable };
}

/**
 * The objects a mapping's selection rules name, in rule order: `[{ schemaName, tableName, action, targetSchemaName,
 * targetTableName }]`. Preflight uses the source names (which tables must exist); the consolidation check uses the
 * target names (which target tables a task writes; `transformedName`). A wildcard selection keeps its pattern.
 */
export function selectedObjects(doc: TableMappings): SelectedObject[] {
  const out: SelectedObject[] = [];
  for (const rule of doc.rules) {
    if (rule["rule-type"] !== "selection") continue;
    const schemaName = rule["object-locator"]["schema-name"];
    const tableName = rule["object-locator"]["table-name"];
    const target = transformedName(doc, schemaName, tableName);
    out.push({
      schemaName,
      tableName,
      action: rule["rule-action"],
      targetSchemaName: target.schema,
      targetTableName: target.table,
    });
  }
  return out;
}
