/**
 * Typed builders for table-mapping rules. A builder returns a rule "draft": rule-id and rule-name are
 * optional until {@link tableMappings} numbers the rules, so a mapping can be written as
 * `tableMappings(selectionRule({ schema: "dmslab", table: "customers" }))`.
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

interface RuleIdentity {
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

// ---------------------------------------------------------------------------------------------
// One shortcut per transformation action. Each takes only the fields its action reads, and only
// the rule-targets DMS accepts for it (TRANSFORMATION_ACTIONS_BY_TARGET, after the DMS User Guide's
// "Transformation rules and actions",
// CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Transformations.md, and "Using
// data masking", ...SelectionTransformation.Masking.md), so a wrong target/action pair, or a field
// the action does not use, is a compile error. Each builds its rule with transformationRule.
// ---------------------------------------------------------------------------------------------

/** A schema a transformation applies to (`%` and `_` are wildcards). */
export interface SchemaObject extends RuleIdentity {
  /** Source schema (or database) name or pattern. */
  schema: string;
}

/** A table (or view) a transformation applies to. */
export interface TableObject extends SchemaObject {
  /** Source table name or pattern. */
  table: string;
}

/** A column a transformation applies to. */
export interface ColumnObject extends TableObject {
  /** Source column name or pattern (case-sensitive, as the source writes it). */
  column: string;
}

/** An Oracle table's tablespace or index tablespace a transformation applies to. */
export interface TablespaceObject extends TableObject {
  /** Tablespace name or pattern. */
  tablespace: string;
}

/** Any object a name transformation (case, prefix, suffix) applies to, by its rule-target. */
export type NamedObject =
  | ({ target: "schema" } & SchemaObject)
  | ({ target: "table" } & TableObject)
  | ({ target: "column" } & ColumnObject)
  | ({ target: "table-tablespace" | "index-tablespace" } & TablespaceObject);

function locate(o: SchemaObject & { table?: string; column?: string; tablespace?: string }) {
  return {
    ...(o.ruleId !== undefined ? { ruleId: o.ruleId } : {}),
    ...(o.ruleName !== undefined ? { ruleName: o.ruleName } : {}),
    schema: o.schema,
    ...(o.table !== undefined ? { table: o.table } : {}),
    ...(o.column !== undefined ? { column: o.column } : {}),
    ...(o.tablespace !== undefined ? { tablespace: o.tablespace } : {}),
  };
}

function named(o: NamedObject, action: TransformationAction, extra: { value?: string; oldValue?: string } = {}) {
  return transformationRule({ ...locate(o), target: o.target, action, ...extra });
}

/**
 * Rename a schema.
 *
 * @example
 * ```ts
 * renameSchema({ schema: "HR", to: "people" });
 * ```
 */
export function renameSchema(args: SchemaObject & { to: string }): RuleDraft<TransformationRule> {
  return named({ ...args, target: "schema" }, "rename", { value: args.to });
}

/**
 * Rename a table.
 *
 * @example
 * ```ts
 * renameTable({ schema: "shop", table: "Actor", to: "actor" });
 * ```
 */
export function renameTable(args: TableObject & { to: string }): RuleDraft<TransformationRule> {
  return named({ ...args, target: "table" }, "rename", { value: args.to });
}

/**
 * Rename a column.
 *
 * @example
 * ```ts
 * renameColumn({ schema: "shop", table: "Actor", column: "first_name", to: "fname" });
 * ```
 */
export function renameColumn(args: ColumnObject & { to: string }): RuleDraft<TransformationRule> {
  return named({ ...args, target: "column" }, "rename", { value: args.to });
}

/** Rename an Oracle table tablespace or index tablespace. */
export function renameTablespace(
  args: TablespaceObject & { target: "table-tablespace" | "index-tablespace"; to: string },
): RuleDraft<TransformationRule> {
  return named(args, "rename", { value: args.to });
}

/**
 * Lowercase the names of the schemas, tables, columns or tablespaces matched.
 *
 * @example
 * ```ts
 * convertLowercase({ target: "table", schema: "HR", table: "%" }); // Oracle's EMPLOYEES -> employees
 * ```
 */
export function convertLowercase(args: NamedObject): RuleDraft<TransformationRule> {
  return named(args, "convert-lowercase");
}

/** Uppercase the names of the schemas, tables, columns or tablespaces matched. */
export function convertUppercase(args: NamedObject): RuleDraft<TransformationRule> {
  return named(args, "convert-uppercase");
}

/**
 * Add a prefix to the names matched.
 *
 * @example
 * ```ts
 * addPrefix({ target: "table", schema: "shop", table: "%", prefix: "DMS_" });
 * ```
 */
export function addPrefix(args: NamedObject & { prefix: string }): RuleDraft<TransformationRule> {
  return named(args, "add-prefix", { value: args.prefix });
}

/** Remove a prefix from the names matched. */
export function removePrefix(args: NamedObject & { prefix: string }): RuleDraft<TransformationRule> {
  return named(args, "remove-prefix", { value: args.prefix });
}

/** Replace the prefix `oldPrefix` with `prefix` on the names matched. */
export function replacePrefix(
  args: NamedObject & { oldPrefix: string; prefix: string },
): RuleDraft<TransformationRule> {
  return named(args, "replace-prefix", { oldValue: args.oldPrefix, value: args.prefix });
}

/** Add a suffix to the names matched. */
export function addSuffix(args: NamedObject & { suffix: string }): RuleDraft<TransformationRule> {
  return named(args, "add-suffix", { value: args.suffix });
}

/**
 * Remove a suffix from the names matched.
 *
 * @example
 * ```ts
 * removeSuffix({ target: "table", schema: "shop", table: "%", suffix: "_DMS" });
 * ```
 */
export function removeSuffix(args: NamedObject & { suffix: string }): RuleDraft<TransformationRule> {
  return named(args, "remove-suffix", { value: args.suffix });
}

/** Replace the suffix `oldSuffix` with `suffix` on the names matched. */
export function replaceSuffix(
  args: NamedObject & { oldSuffix: string; suffix: string },
): RuleDraft<TransformationRule> {
  return named(args, "replace-suffix", { oldValue: args.oldSuffix, value: args.suffix });
}

/**
 * Leave the columns matched out of the target table.
 *
 * @example
 * ```ts
 * removeColumn({ schema: "billing", table: "invoices", column: "legacy_%" });
 * ```
 */
export function removeColumn(args: ColumnObject): RuleDraft<TransformationRule> {
  return named({ ...args, target: "column" }, "remove-column");
}

/** Keep the columns matched in the target table (with exclude-column, choose columns one by one). */
export function includeColumn(args: ColumnObject): RuleDraft<TransformationRule> {
  return named({ ...args, target: "column" }, "include-column");
}

/** Leave the columns matched out of the target table (the counterpart of includeColumn). */
export function excludeColumn(args: ColumnObject): RuleDraft<TransformationRule> {
  return named({ ...args, target: "column" }, "exclude-column");
}

/**
 * Give the target column another type.
 *
 * @example
 * ```ts
 * changeDataType({ schema: "dbo", table: "dms", column: "SALE_AMOUNT", dataType: { type: "int8" } });
 * ```
 */
export function changeDataType(
  args: ColumnObject & { dataType: TransformationDataType },
): RuleDraft<TransformationRule> {
  return transformationRule({ ...locate(args), target: "column", action: "change-data-type", dataType: args.dataType });
}

/**
 * Add a column to the target table, computed by an optional SQLite expression over the source row.
 *
 * @example
 * ```ts
 * addColumn({
 *   schema: "shop", table: "ITEM", column: "FULL_NAME",
 *   dataType: { type: "string", length: 50 }, expression: "$FIRST_NAME||' '||$LAST_NAME",
 * });
 * ```
 */
export function addColumn(
  args: TableObject & {
    /** The new column's name (DMS's `value`). */
    column: string;
    dataType: TransformationDataType;
    /** SQLite expression computing the value; `$NAME` reads a source column. @default none (null) */
    expression?: string;
  },
): RuleDraft<TransformationRule> {
  // The new column's name is the rule's value; the locator names only the table.
  const { column, dataType, expression, ...table } = args;
  return transformationRule({
    ...locate(table),
    target: "column",
    action: "add-column",
    value: column,
    dataType,
    ...(expression !== undefined ? { expression } : {}),
  });
}

/**
 * Add before-image columns (the values before a CDC update) for the columns `columnFilter` selects.
 *
 * @example
 * ```ts
 * addBeforeImageColumns({ schema: "%", table: "employees", columnPrefix: "BI_", columnFilter: "pk-only" });
 * ```
 */
export function addBeforeImageColumns(
  args: TableObject & { columnFilter: "pk-only" | "non-lob" | "all"; columnPrefix?: string; columnSuffix?: string },
): RuleDraft<TransformationRule> {
  const { columnFilter, columnPrefix, columnSuffix } = args;
  return transformationRule({
    ...locate(args),
    target: "column",
    action: "add-before-image-columns",
    beforeImage: {
      columnFilter,
      ...(columnPrefix !== undefined ? { columnPrefix } : {}),
      ...(columnSuffix !== undefined ? { columnSuffix } : {}),
    },
  });
}

/**
 * Define the target table's primary key (or, with origin "unique-index", a unique index) on `columns`.
 *
 * @example
 * ```ts
 * definePrimaryKey({ schema: "inventory", table: "ITEM", name: "ITEM-pk", columns: ["ITEM-NAME", "BOM-PART-NUM"] });
 * ```
 */
export function definePrimaryKey(
  args: TableObject & { name: string; columns: string[]; origin?: "primary-key" | "unique-index" },
): RuleDraft<TransformationRule> {
  const { name, columns, origin } = args;
  return transformationRule({
    ...locate(args),
    target: "table",
    action: "define-primary-key",
    primaryKey: { name, columns, ...(origin !== undefined ? { origin } : {}) },
  });
}

/**
 * Replace every digit of the columns matched with `maskCharacter` (DMS 3.5.4 and later).
 *
 * @example
 * ```ts
 * maskDigits({ schema: "cust", table: "customer_master", column: "cust_passport_no", maskCharacter: "#" });
 * ```
 */
export function maskDigits(args: ColumnObject & { maskCharacter: string }): RuleDraft<TransformationRule> {
  return named({ ...args, target: "column" }, "data-masking-digits-mask", { value: args.maskCharacter });
}

/** Replace every digit of the columns matched with a random digit (DMS 3.5.4 and later). */
export function randomizeDigits(args: ColumnObject): RuleDraft<TransformationRule> {
  return named({ ...args, target: "column" }, "data-masking-digits-randomize");
}

/** Replace the values of the columns matched with a hash of them (DMS 3.5.4 and later). */
export function hashMask(args: ColumnObject): RuleDraft<TransformationRule> {
  return named({ ...args, target: "column" }, "data-masking-hash-mask");
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
