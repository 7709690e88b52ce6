/**
 * Per-rule-type checks the zod schemas cannot express: which fields each rule type, action and
 * rule-target needs or forbids, and the values a filter operator takes.
 */
import { describeValue } from "../errors.js";
import { closestKey } from "../task-settings-catalogue.js";
import {
  DMS_DATA_TYPES,
  type FilterOperator,
  NEGATIVE_OPERATORS,
  type ParallelLoadType,
  type RuleType,
  TRANSFORMATION_ACTIONS_BY_TARGET,
  type TransformationAction,
  type TransformationTarget,
} from "./vocabulary.js";
import { isWildcardName } from "./wildcards.js";

export function checkRuleSpecifics(
  rule: Record<string, unknown>,
  at: string,
  fail: (p: string, r: string) => Error,
): void {
  const type = rule["rule-type"] as RuleType;
  const locator = (rule["object-locator"] ?? {}) as Record<string, unknown>;
  const schemaName = String(locator["schema-name"] ?? "");
  const tableName = String(locator["table-name"] ?? "");
  const wildcard = isWildcardName(schemaName) || isWildcardName(tableName);

  if (type === "selection") {
    const filters = rule.filters as unknown[] | undefined;
    if (filters && filters.length > 0 && wildcard) {
      throw fail(
        `${at}.filters`,
        `filters need an exact schema-name and table-name; this selection uses a wildcard (${describeValue(schemaName)}.${describeValue(tableName)})`,
      );
    }
    // "Filters are only applied when rule-action = 'include'" (Using source filters); the empty array the console
    // writes filters nothing and stays allowed.
    if (filters && filters.length > 0 && rule["rule-action"] !== "include") {
      throw fail(
        `${at}.filters`,
        `filters apply only to an include selection; DMS ignores them on ${describeValue(rule["rule-action"])}: drop them, or make the rule include`,
      );
    }
    if (rule["rule-action"] === "explicit" && wildcard) {
      const key = isWildcardName(schemaName) ? "schema-name" : "table-name";
      throw fail(
        `${at}.object-locator.${key}`,
        `an explicit selection names exactly one object; wildcards are not allowed (got ${describeValue(locator[key])})`,
      );
    }
    (filters ?? []).forEach((f, i) => {
      const conditions = (f as { "filter-conditions": Record<string, unknown>[] })["filter-conditions"];
      conditions.forEach((c, j) => {
        const where = `${at}.filters[${i}].filter-conditions[${j}]`;
        checkFilterCondition(c, where, fail);
        const op = c["filter-operator"] as FilterOperator;
        if (NEGATIVE_OPERATORS.includes(op) && conditions.length > 1) {
          throw fail(
            `${where}.filter-operator`,
            `a filter with a negative operator (${op}) can have only one filter condition; use separate filters instead (they are ANDed)`,
          );
        }
      });
    });
    return;
  }

  if (type === "transformation") {
    const target = rule["rule-target"] as TransformationTarget;
    const action = rule["rule-action"] as TransformationAction;
    const allowed = TRANSFORMATION_ACTIONS_BY_TARGET[target];
    if (!allowed.includes(action)) {
      throw fail(
        `${at}.rule-action`,
        `must be one of ${allowed.join(", ")} for rule-target "${target}" (got ${describeValue(action)})`,
      );
    }
    const needsLocator: string[] = [];
    if (target !== "schema") needsLocator.push("table-name");
    if (target === "column" && action !== "add-column" && action !== "add-before-image-columns") {
      needsLocator.push("column-name");
    }
    if (target === "table-tablespace") needsLocator.push("table-tablespace-name");
    if (target === "index-tablespace") needsLocator.push("index-tablespace-name");
    for (const key of needsLocator) {
      if (locator[key] === undefined) {
        throw fail(
          `${at}.object-locator.${key}`,
          `is required for rule-target "${target}" with rule-action "${action}"`,
        );
      }
    }
    const needs: string[] = [];
    if (["rename", "add-prefix", "remove-prefix", "add-suffix", "remove-suffix", "add-column"].includes(action)) {
      needs.push("value");
    }
    if (action === "replace-prefix" || action === "replace-suffix") needs.push("old-value", "value");
    if (action === "change-data-type" || action === "add-column") needs.push("data-type");
    if (action === "define-primary-key") needs.push("primary-key-def");
    if (action === "add-before-image-columns") needs.push("before-image-def");
    for (const key of needs) {
      const v = rule[key];
      if (v === undefined || v === null || v === "") {
        throw fail(`${at}.${key}`, `is required for rule-action "${action}"`);
      }
    }
    checkDataType(rule, at, fail);
    checkMasking(rule, action, at, fail);
    return;
  }

  if (type === "table-settings") {
    // "The name of a specific schema and table or view (no wildcards)" (Table and collection settings rules).
    for (const key of ["schema-name", "table-name"] as const) {
      const name = key === "schema-name" ? schemaName : tableName;
      if (isWildcardName(name)) {
        throw fail(
          `${at}.object-locator.${key}`,
          `a table-settings rule needs an exact schema and table name; wildcards are not allowed (got ${describeValue(name)})`,
        );
      }
    }
    const lob = rule["lob-settings"] as Record<string, unknown> | undefined;
    if (lob && (lob.mode === undefined || lob.mode === "limited")) {
      const size = lob["bulk-max-size"];
      if (size === undefined || Number(size) === 0) {
        throw fail(
          `${at}.lob-settings.bulk-max-size`,
          `must be set to a nonzero size in KB in limited LOB mode (got ${describeValue(size)})`,
        );
      }
    }
    const pl = rule["parallel-load"] as Record<string, unknown> | undefined;
    if (pl) {
      const plType = pl.type as ParallelLoadType;
      const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
      if (plType === "partitions-list" && !nonEmpty(pl.partitions) && !nonEmpty(pl.subpartitions)) {
        throw fail(
          `${at}.parallel-load.partitions`,
          'is required (at least one partition, or subpartitions) for type "partitions-list"',
        );
      }
      if (plType === "ranges") {
        const columns = pl.columns;
        const boundaries = pl.boundaries;
        if (!(Array.isArray(columns) && columns.length > 0)) {
          throw fail(`${at}.parallel-load.columns`, 'is required (at least one column) for type "ranges"');
        }
        if (columns.length > 10) {
          throw fail(`${at}.parallel-load.columns`, `names ${columns.length} columns; ranges allow up to 10`);
        }
        if (!(Array.isArray(boundaries) && boundaries.length > 0)) {
          throw fail(`${at}.parallel-load.boundaries`, 'is required (at least one boundary) for type "ranges"');
        }
        boundaries.forEach((b, i) => {
          if (Array.isArray(b) && b.length > columns.length) {
            throw fail(
              `${at}.parallel-load.boundaries[${i}]`,
              `has ${b.length} values but parallel-load.columns names ${columns.length} column${columns.length > 1 ? "s" : ""}`,
            );
          }
        });
      }
    }
  }
}

function checkFilterCondition(c: Record<string, unknown>, at: string, fail: (p: string, r: string) => Error): void {
  const op = c["filter-operator"] as FilterOperator;
  const has = (k: string) => c[k] !== undefined && c[k] !== null;
  if (op === "between" || op === "notbetween") {
    for (const k of ["start-value", "end-value"]) {
      if (!has(k)) throw fail(`${at}.${k}`, `is required for filter-operator "${op}"`);
    }
    if (has("value")) {
      throw fail(`${at}.value`, `must not be set for filter-operator "${op}", which takes start-value and end-value`);
    }
  } else if (op === "null" || op === "notnull") {
    for (const k of ["value", "start-value", "end-value"]) {
      if (has(k)) throw fail(`${at}.${k}`, `must not be set for filter-operator "${op}", which takes no value`);
    }
  } else {
    if (!has("value")) throw fail(`${at}.value`, `is required for filter-operator "${op}"`);
    // Either value (one bound) or start-value/end-value (between), not both (Using source filters).
    for (const k of ["start-value", "end-value"]) {
      if (has(k)) {
        throw fail(
          `${at}.${k}`,
          `must not be set for filter-operator "${op}", which takes value (start-value and end-value are for between and notbetween)`,
        );
      }
    }
  }
}

/**
 * A data-type's type must be one of DMS's own data types (CHAP_Reference.DataTypes), not the source's or target's
 * ("varchar"): DMS maps them to the target's types itself.
 */
function checkDataType(rule: Record<string, unknown>, at: string, fail: (p: string, r: string) => Error): void {
  const dataType = rule["data-type"];
  if (typeof dataType !== "object" || dataType === null) return;
  const type = (dataType as Record<string, unknown>).type;
  if (typeof type !== "string" || (DMS_DATA_TYPES as readonly string[]).includes(type.toLowerCase())) return;
  const near = closestKey(type, DMS_DATA_TYPES);
  throw fail(
    `${at}.data-type.type`,
    `must be a DMS data type: ${DMS_DATA_TYPES.join(", ")} (got ${describeValue(type)})${near ? ` (did you mean "${near}"?)` : ""}; DMS maps its types to the target's`,
  );
}

/**
 * Data masking (3.5.4, …SelectionTransformation.Masking): digits-mask replaces each digit with "a single ASCII
 * printable character that you specify (excluding empty or whitespace characters)"; randomize and hash take no value.
 */
function checkMasking(
  rule: Record<string, unknown>,
  action: TransformationAction,
  at: string,
  fail: (p: string, r: string) => Error,
): void {
  if (action === "data-masking-digits-mask") {
    const value = rule.value;
    if (typeof value !== "string" || !/^[\x21-\x7e]$/.test(value)) {
      throw fail(
        `${at}.value`,
        `must be one printable ASCII character, not a space, for rule-action "data-masking-digits-mask" (got ${describeValue(value)})`,
      );
    }
  }
}
