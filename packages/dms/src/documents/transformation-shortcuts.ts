/**
 * One shortcut per transformation action. Each takes only the fields its action reads, and only
 * the rule-targets DMS accepts for it (TRANSFORMATION_ACTIONS_BY_TARGET, after the DMS User Guide's
 * "Transformation rules and actions",
 * CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Transformations.md, and "Using
 * data masking", ...SelectionTransformation.Masking.md), so a wrong target/action pair, or a field
 * the action does not use, is a compile error. Each builds its rule with transformationRule.
 */
import { type RuleDraft, type RuleIdentity, transformationRule } from "./builders.js";
import type { TransformationAction, TransformationDataType, TransformationRule } from "./table-mappings/index.js";

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
