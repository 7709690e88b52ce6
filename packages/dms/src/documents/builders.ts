/**
 * Typed builders for table-mapping rules. A builder returns a rule "draft": rule-id and rule-name are
 * optional until {@link tableMappings} numbers the rules, so a mapping can be written as
 * `tableMappings(selectionRule({ schema: "dmslab", table: "customers" }))`. The shortcuts, one per
 * transformation action, are in transformation-shortcuts.ts.
 */
import {
  type FilterCondition,
  type FilterOperator,
  type LobSettings,
  type ParallelLoad,
  parseTableMappings,
  type RuleId,
  type RuleName,
  type SelectionAction,
  type SelectionRule,
  type SourceFilter,
  type TableMappingRule,
  type TableMappings,
  type TableSettingsRule,
  type TransformationAction,
  type TransformationDataType,
  type TransformationRule,
  type TransformationTarget,
} from "./table-mappings/index.js";

/** A rule whose rule-id and rule-name may still be missing (tableMappings assigns them). */
export type RuleDraft<R extends TableMappingRule> = Omit<R, "rule-id" | "rule-name"> & {
  "rule-id"?: RuleId;
  "rule-name"?: RuleName;
};

export interface RuleIdentity {
  /** rule-id; assigned by tableMappings (next free number) when omitted. */
  ruleId?: number | string;
  /** rule-name; defaults to the rule-id. */
  ruleName?: string | number;
}

function identity(args: RuleIdentity): { "rule-id"?: RuleId; "rule-name"?: RuleName } {
  const out: { "rule-id"?: RuleId; "rule-name"?: RuleName } = {};
  if (args.ruleId !== undefined) out["rule-id"] = String(args.ruleId);
  if (args.ruleName !== undefined) out["rule-name"] = args.ruleName;
  else if (args.ruleId !== undefined) out["rule-name"] = String(args.ruleId);
  return out;
}

/** A source filter condition: `{ operator: "gte", value: 100 }` or `{ operator: "between", start, end }`. */
export type FilterConditionArgs =
  | { operator: Exclude<FilterOperator, "between" | "notbetween" | "null" | "notnull">; value: string | number }
  | { operator: "between" | "notbetween"; start: string | number; end: string | number }
  | { operator: "null" | "notnull" };

export interface SelectionRuleArgs extends RuleIdentity {
  /** Source schema (or database) name; `%` and `_` are wildcards. */
  schema: string;
  /** Source table name; `%` and `_` are wildcards. */
  table: string;
  /** @default "include" */
  action?: SelectionAction;
  /** Tables, views or both. @default DMS's default, "table" */
  tableType?: "table" | "view" | "all";
  /** Source filters: column → conditions (ANDed across columns, ORed within one). Exact names only. */
  filters?: Array<{ column: string; conditions: FilterConditionArgs[] }>;
  /** Load order: higher loads first. */
  loadOrder?: number;
}

function condition(c: FilterConditionArgs): FilterCondition {
  if (c.operator === "between" || c.operator === "notbetween") {
    return { "filter-operator": c.operator, "start-value": c.start, "end-value": c.end };
  }
  if ("value" in c) return { "filter-operator": c.operator, value: c.value };
  return { "filter-operator": c.operator };
}

/**
 * A selection rule (include, exclude or explicit) for one schema/table pattern.
 *
 * @example
 * ```ts
 * selectionRule({ schema: "dmslab", table: "customers" }); // include dmslab.customers
 * selectionRule({ schema: "shop", table: "audit_%", action: "exclude" });
 * selectionRule({ schema: "shop", table: "orders", filters: [{ column: "year", conditions: [{ operator: "gte", value: 2020 }] }] });
 * ```
 */
export function selectionRule(args: SelectionRuleArgs): RuleDraft<SelectionRule> {
  const locator: SelectionRule["object-locator"] = { "schema-name": args.schema, "table-name": args.table };
  if (args.tableType) locator["table-type"] = args.tableType;
  const rule: RuleDraft<SelectionRule> = {
    "rule-type": "selection",
    ...identity(args),
    "object-locator": locator,
    "rule-action": args.action ?? "include",
  };
  if (args.filters) {
    rule.filters = args.filters.map(
      (f): SourceFilter => ({
        "filter-type": "source",
        "column-name": f.column,
        "filter-conditions": f.conditions.map(condition),
      }),
    );
  }
  if (args.loadOrder !== undefined) rule["load-order"] = args.loadOrder;
  return rule;
}

export interface TransformationRuleArgs extends RuleIdentity {
  target: TransformationTarget;
  action: TransformationAction;
  /** Schema name (pattern) the rule applies to. */
  schema: string;
  /** Table name (pattern); required for every target but schema. */
  table?: string;
  /** Column name (pattern); required for column actions other than add-column / add-before-image-columns. */
  column?: string;
  /** Tablespace name for the table-tablespace / index-tablespace targets. */
  tablespace?: string;
  /** New name, prefix or suffix (rename, add-/remove-/replace-prefix/suffix, add-column). */
  value?: string;
  /** The prefix or suffix being replaced (replace-prefix, replace-suffix). */
  oldValue?: string;
  /** Column type (change-data-type, add-column). */
  dataType?: TransformationDataType;
  /** SQLite expression computing the column (add-column, and column rename with an expression). */
  expression?: string;
  /** define-primary-key: index name, origin and columns. */
  primaryKey?: { name: string; origin?: "primary-key" | "unique-index"; columns: string[] };
  /** add-before-image-columns: prefix, suffix and which columns. */
  beforeImage?: { columnPrefix?: string; columnSuffix?: string; columnFilter: "pk-only" | "non-lob" | "all" };
}

/**
 * A transformation rule, any rule-target and rule-action: prefer the shortcut of the action
 * (renameSchema, addColumn, ...), which takes only the fields it needs. Combinations DMS rejects
 * are caught when the mapping is assembled (tableMappings).
 *
 * @example
 * ```ts
 * transformationRule({ target: "schema", action: "rename", schema: "HR", value: "people" });
 * ```
 */
export function transformationRule(args: TransformationRuleArgs): RuleDraft<TransformationRule> {
  const locator: TransformationRule["object-locator"] = { "schema-name": args.schema };
  if (args.table !== undefined) locator["table-name"] = args.table;
  if (args.column !== undefined) locator["column-name"] = args.column;
  if (args.tablespace !== undefined) {
    if (args.target === "index-tablespace") locator["index-tablespace-name"] = args.tablespace;
    else locator["table-tablespace-name"] = args.tablespace;
  }
  const rule: RuleDraft<TransformationRule> = {
    "rule-type": "transformation",
    ...identity(args),
    "rule-target": args.target,
    "object-locator": locator,
    "rule-action": args.action,
  };
  if (args.value !== undefined) rule.value = args.value;
  if (args.oldValue !== undefined) rule["old-value"] = args.oldValue;
  if (args.dataType !== undefined) rule["data-type"] = { ...args.dataType };
  if (args.expression !== undefined) rule.expression = args.expression;
  if (args.primaryKey !== undefined) {
    rule["primary-key-def"] = { ...args.primaryKey, columns: [...args.primaryKey.columns] };
  }
  if (args.beforeImage !== undefined) {
    const def: NonNullable<TransformationRule["before-image-def"]> = { "column-filter": args.beforeImage.columnFilter };
    if (args.beforeImage.columnPrefix !== undefined) def["column-prefix"] = args.beforeImage.columnPrefix;
    if (args.beforeImage.columnSuffix !== undefined) def["column-suffix"] = args.beforeImage.columnSuffix;
    rule["before-image-def"] = def;
  }
  return rule;
}

export interface TableSettingsRuleArgs extends RuleIdentity {
  /** Exact schema name. */
  schema: string;
  /** Exact table name. */
  table: string;
  /** Parallel full load of this table: by partitions, subpartitions or column ranges. */
  parallelLoad?: ParallelLoad;
  /** LOB handling for this table: mode limited | unlimited | none, bulk-max-size in KB. */
  lobSettings?: LobSettings;
}

/**
 * A table-settings rule (parallel-load, lob-settings) for one table.
 *
 * @example
 * ```ts
 * tableSettingsRule({ schema: "shop", table: "orders", parallelLoad: { type: "partitions-auto" } });
 * ```
 */
export function tableSettingsRule(args: TableSettingsRuleArgs): RuleDraft<TableSettingsRule> {
  const rule: RuleDraft<TableSettingsRule> = {
    "rule-type": "table-settings",
    ...identity(args),
    "object-locator": { "schema-name": args.schema, "table-name": args.table },
  };
  if (args.parallelLoad) rule["parallel-load"] = structuredClone(args.parallelLoad);
  if (args.lobSettings) rule["lob-settings"] = { ...args.lobSettings };
  return rule;
}

/**
 * Assemble a table mapping: rules keep their order; a rule without rule-id gets the next number after the
 * highest numeric rule-id so far (as a string, as the console writes it), and rule-name defaults to its
 * rule-id. The result is validated like any parsed document (a MappingError names the rule and the path).
 *
 * @example
 * ```ts
 * tableMappings(
 *   selectionRule({ schema: "shop", table: "%" }), // rule-id "1"
 *   renameSchema({ schema: "shop", to: "shop_eu" }), // rule-id "2"
 *   removeColumn({ schema: "shop", table: "orders", column: "legacy_%" }), // rule-id "3"
 * );
 * ```
 */
export function tableMappings(...rules: Array<TableMappingRule | RuleDraft<TableMappingRule>>): TableMappings {
  let next = 1;
  for (const r of rules) {
    const id = r["rule-id"];
    const n = typeof id === "number" ? id : typeof id === "string" && /^\d+$/.test(id) ? Number(id) : Number.NaN;
    if (Number.isFinite(n) && n >= next) next = n + 1;
  }
  const out = rules.map((r) => {
    const copy = structuredClone(r) as Record<string, unknown>;
    if (copy["rule-id"] === undefined) copy["rule-id"] = String(next++);
    if (copy["rule-name"] === undefined) copy["rule-name"] = String(copy["rule-id"]);
    return copy;
  });
  return parseTableMappings({ rules: out });
}
