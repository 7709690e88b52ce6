/**
 * DMS table mappings: types, zod schemas written from the AWS DMS User Guide
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.html),
 * parsing with errors that name the JSON path and the rule, and canonical serialisation.
 *
 * Each rule type accepts only the fields the guide lists for it (RULE_FIELDS and its neighbours below): a field
 * of another rule type, a task setting or a misspelt field is an error naming where it belongs or what it was
 * probably meant to be, because DMS ignores such a field and the task runs without it. Values are checked by
 * the zod schemas; a valid document parses and serialises back to the same JSON value.
 */
import { z } from "zod";
import { canonicalJson } from "./canonical.js";
import { type DocumentWarning, describeValue, firstIssue, MappingError, type ParsedDocument } from "./errors.js";
import { namesOverlap } from "./name-patterns.js";
import { cloneJson, intIn, isPlainObject, mustBe, oneOf, text } from "./schema-helpers.js";
import { closestKey, sectionsWithKey, TASK_SETTINGS_SECTIONS } from "./task-settings-catalogue.js";

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const RULE_TYPES = [
  "selection",
  "transformation",
  "table-settings",
  "post-processing",
  "object-mapping",
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const SELECTION_ACTIONS = ["include", "exclude", "explicit"] as const;
export type SelectionAction = (typeof SELECTION_ACTIONS)[number];

/** `lte` and its alias `ste`, `gte`, `eq`, `noteq`, `between`, `notbetween`, `null`, `notnull` (Using source filters). */
export const FILTER_OPERATORS = [
  "lte",
  "ste",
  "gte",
  "eq",
  "noteq",
  "between",
  "notbetween",
  "null",
  "notnull",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
/** "No more than one filter condition within a single filter if you specify a negative operator" (Using source filters). */
const NEGATIVE_OPERATORS: readonly FilterOperator[] = ["noteq", "notbetween", "notnull"];

export const TRANSFORMATION_TARGETS = ["schema", "table", "column", "table-tablespace", "index-tablespace"] as const;
export type TransformationTarget = (typeof TRANSFORMATION_TARGETS)[number];

const NAME_ACTIONS = [
  "rename",
  "convert-lowercase",
  "convert-uppercase",
  "add-prefix",
  "remove-prefix",
  "replace-prefix",
  "add-suffix",
  "remove-suffix",
  "replace-suffix",
] as const;

export const TRANSFORMATION_ACTIONS = [
  ...NAME_ACTIONS,
  "remove-column",
  "define-primary-key",
  "change-data-type",
  "add-column",
  "include-column",
  "exclude-column",
  "add-before-image-columns",
  "data-masking-digits-mask",
  "data-masking-digits-randomize",
  "data-masking-hash-mask",
] as const;
export type TransformationAction = (typeof TRANSFORMATION_ACTIONS)[number];

/** Which rule-action each rule-target accepts (Transformation rules and actions). */
export const TRANSFORMATION_ACTIONS_BY_TARGET: Readonly<Record<TransformationTarget, readonly TransformationAction[]>> =
  {
    schema: NAME_ACTIONS,
    table: [...NAME_ACTIONS, "define-primary-key"],
    column: [
      ...NAME_ACTIONS,
      "remove-column",
      "change-data-type",
      "add-column",
      "include-column",
      "exclude-column",
      "add-before-image-columns",
      "data-masking-digits-mask",
      "data-masking-digits-randomize",
      "data-masking-hash-mask",
    ],
    "table-tablespace": NAME_ACTIONS,
    "index-tablespace": NAME_ACTIONS,
  };

export const PARALLEL_LOAD_TYPES = [
  "partitions-auto",
  "subpartitions-auto",
  "partitions-list",
  "ranges",
  "none",
] as const;
export type ParallelLoadType = (typeof PARALLEL_LOAD_TYPES)[number];

export const LOB_SETTINGS_MODES = ["limited", "unlimited", "none"] as const;
export type LobSettingsMode = (typeof LOB_SETTINGS_MODES)[number];

export const BEFORE_IMAGE_COLUMN_FILTERS = ["pk-only", "non-lob", "all"] as const;

export const OBJECT_MAPPING_ACTIONS = ["map-record-to-record", "map-record-to-document"] as const;

/** AWS DMS can only process table-mapping JSON up to 2 MB (Specifying table selection and transformations rules using JSON). */
export const TABLE_MAPPINGS_MAX_BYTES = 2 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Types (DMS's kebab-case keys; unknown keys are allowed and kept)
// ---------------------------------------------------------------------------------------------

/** rule-id: a number, or a string of digits (the console writes `"1"`). */
export type RuleId = number | string;
/** rule-name: a string, or a number (DMS accepts both). */
export type RuleName = string | number;

export interface FilterCondition {
  "filter-operator": FilterOperator;
  value?: string | number;
  "start-value"?: string | number;
  "end-value"?: string | number;
  [key: string]: unknown;
}

export interface SourceFilter {
  "filter-type": "source";
  "column-name": string;
  "filter-conditions": FilterCondition[];
  [key: string]: unknown;
}

export interface TableLocator {
  "schema-name": string;
  "table-name": string;
  [key: string]: unknown;
}

export interface SelectionRule {
  "rule-type": "selection";
  "rule-id": RuleId;
  "rule-name": RuleName;
  "rule-action": SelectionAction;
  "object-locator": TableLocator & { "table-type"?: "table" | "view" | "all" };
  filters?: SourceFilter[];
  "load-order"?: number | string;
  [key: string]: unknown;
}

export interface TransformationDataType {
  type: string;
  precision?: number;
  scale?: number;
  length?: number;
  [key: string]: unknown;
}

export interface TransformationRule {
  "rule-type": "transformation";
  "rule-id": RuleId;
  "rule-name": RuleName;
  "rule-target": TransformationTarget;
  "rule-action": TransformationAction;
  "object-locator": {
    "schema-name": string;
    "table-name"?: string;
    "column-name"?: string;
    "table-tablespace-name"?: string;
    "index-tablespace-name"?: string;
    [key: string]: unknown;
  };
  value?: string | null;
  "old-value"?: string | null;
  "data-type"?: TransformationDataType;
  expression?: string;
  "primary-key-def"?: {
    name: string;
    origin?: "primary-key" | "unique-index";
    columns: string[];
    [key: string]: unknown;
  };
  "before-image-def"?: {
    "column-prefix"?: string;
    "column-suffix"?: string;
    "column-filter": (typeof BEFORE_IMAGE_COLUMN_FILTERS)[number];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface ParallelLoad {
  type: ParallelLoadType;
  partitions?: string[];
  subpartitions?: string[];
  columns?: unknown[];
  boundaries?: unknown[][];
  [key: string]: unknown;
}

export interface LobSettings {
  /** @default "limited" */
  mode?: LobSettingsMode;
  /** KB; a number or a string of digits. Required and nonzero in limited mode. */
  "bulk-max-size"?: number | string;
  [key: string]: unknown;
}

export interface TableSettingsRule {
  "rule-type": "table-settings";
  "rule-id": RuleId;
  "rule-name": RuleName;
  "object-locator": TableLocator;
  "parallel-load"?: ParallelLoad;
  "lob-settings"?: LobSettings;
  [key: string]: unknown;
}

export interface PostProcessingRule {
  "rule-type": "post-processing";
  "rule-id": RuleId;
  "rule-name": RuleName;
  "rule-action": "add-tag";
  "object-locator": TableLocator;
  "tag-set": Array<{ key: string; value: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface ObjectMappingRule {
  "rule-type": "object-mapping";
  "rule-id": RuleId;
  "rule-name": RuleName;
  "rule-action": (typeof OBJECT_MAPPING_ACTIONS)[number];
  "object-locator": TableLocator;
  "target-table-name"?: string;
  "mapping-parameters"?: Record<string, unknown>;
  [key: string]: unknown;
}

export type TableMappingRule =
  | SelectionRule
  | TransformationRule
  | TableSettingsRule
  | PostProcessingRule
  | ObjectMappingRule;

export type TableMappings = { rules: TableMappingRule[] } & Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const ruleIdError = mustBe("a non-negative integer or a string of digits");
const ruleId = z.union(
  [
    z.number({ error: ruleIdError }).int({ error: ruleIdError }).nonnegative({ error: ruleIdError }),
    z.string({ error: ruleIdError }).regex(/^\d+$/, { error: ruleIdError }),
  ],
  { error: ruleIdError },
);
const ruleNameError = mustBe("a non-empty string or a number");
const ruleName = z.union(
  [z.string({ error: ruleNameError }).min(1, { error: ruleNameError }), z.number({ error: ruleNameError })],
  { error: ruleNameError },
);
const scalar = z.union([z.string(), z.number()], { error: mustBe("a string or a number") });

const common = { "rule-id": ruleId, "rule-name": ruleName };

/** A non-negative integer, or a string of digits: the guide's own examples write `"load-order": "1"` and
 * `"bulk-max-size": "100000"`. */
function countOrDigits(max?: number) {
  const what = `a non-negative integer${max === undefined ? "" : ` up to ${max}`} or a string of digits`;
  const error = mustBe(what);
  const n = z.number({ error }).int({ error }).min(0, { error });
  return z.union([max === undefined ? n : n.max(max, { error }), z.string().regex(/^\d+$/, { error })], { error });
}

const tableLocator = z.looseObject(
  { "schema-name": text(), "table-name": text() },
  { error: mustBe("an object with schema-name and table-name") },
);

const filterCondition = z.looseObject(
  {
    "filter-operator": oneOf(FILTER_OPERATORS),
    value: scalar.optional(),
    "start-value": scalar.optional(),
    "end-value": scalar.optional(),
  },
  { error: mustBe("an object with a filter-operator") },
);

const sourceFilter = z.looseObject(
  {
    "filter-type": oneOf(["source"] as const),
    "column-name": text(),
    "filter-conditions": z
      .array(filterCondition, { error: mustBe("an array of filter conditions") })
      .min(1, { error: "must have at least one filter condition" }),
  },
  { error: mustBe("an object with filter-type, column-name and filter-conditions") },
);

const selectionSchema = z.looseObject({
  "rule-type": z.literal("selection"),
  ...common,
  "rule-action": oneOf(SELECTION_ACTIONS, "for a selection rule"),
  "object-locator": tableLocator.extend({ "table-type": oneOf(["table", "view", "all"] as const).optional() }),
  filters: z.array(sourceFilter, { error: mustBe("an array of filters") }).optional(),
  "load-order": countOrDigits(2147483647).optional(),
});

const dataType = z.looseObject(
  {
    type: text(),
    precision: intIn(0).optional(),
    scale: intIn(0).optional(),
    length: intIn(0).optional(),
  },
  { error: mustBe("an object with a type") },
);

const transformationSchema = z.looseObject({
  "rule-type": z.literal("transformation"),
  ...common,
  "rule-target": oneOf(TRANSFORMATION_TARGETS, "for a transformation rule"),
  "rule-action": oneOf(TRANSFORMATION_ACTIONS, "for a transformation rule"),
  "object-locator": z.looseObject(
    {
      "schema-name": text(),
      "table-name": text().optional(),
      "column-name": text().optional(),
      "table-tablespace-name": text().optional(),
      "index-tablespace-name": text().optional(),
    },
    { error: mustBe("an object with at least schema-name") },
  ),
  // The console writes `"value": null` / `"old-value": null` for actions that take no value.
  value: z
    .string({ error: mustBe("a string") })
    .nullable()
    .optional(),
  "old-value": z
    .string({ error: mustBe("a string") })
    .nullable()
    .optional(),
  "data-type": dataType.optional(),
  expression: z.string({ error: mustBe("a string") }).optional(),
  "primary-key-def": z
    .looseObject(
      {
        name: text(),
        origin: oneOf(["primary-key", "unique-index"] as const).optional(),
        columns: z.array(text(), { error: mustBe("an array of column names") }).min(1, {
          error: "must name at least one column",
        }),
      },
      { error: mustBe("an object with name and columns") },
    )
    .optional(),
  "before-image-def": z
    .looseObject(
      {
        "column-prefix": z.string({ error: mustBe("a string") }).optional(),
        "column-suffix": z.string({ error: mustBe("a string") }).optional(),
        "column-filter": oneOf(BEFORE_IMAGE_COLUMN_FILTERS),
      },
      { error: mustBe("an object with column-filter") },
    )
    .optional(),
});

const parallelLoad = z.looseObject(
  {
    type: oneOf(PARALLEL_LOAD_TYPES, "for parallel-load"),
    partitions: z.array(text(), { error: mustBe("an array of partition names") }).optional(),
    subpartitions: z.array(text(), { error: mustBe("an array of subpartition names") }).optional(),
    columns: z.array(z.unknown(), { error: mustBe("an array of columns") }).optional(),
    boundaries: z
      .array(z.array(z.unknown(), { error: mustBe("an array of boundary values") }), {
        error: mustBe("an array of boundaries"),
      })
      .optional(),
  },
  { error: mustBe("an object with a type") },
);

const lobSettings = z.looseObject(
  {
    // mode may be omitted: limited is the default (Specifying LOB settings for a selected table or view).
    mode: oneOf(LOB_SETTINGS_MODES, "for lob-settings").optional(),
    "bulk-max-size": countOrDigits().optional(),
  },
  { error: mustBe("an object with mode and bulk-max-size") },
);

const tableSettingsSchema = z.looseObject({
  "rule-type": z.literal("table-settings"),
  ...common,
  "object-locator": tableLocator,
  "parallel-load": parallelLoad.optional(),
  "lob-settings": lobSettings.optional(),
});

const postProcessingSchema = z.looseObject({
  "rule-type": z.literal("post-processing"),
  ...common,
  "rule-action": oneOf(["add-tag"] as const, "for a post-processing rule"),
  "object-locator": tableLocator,
  "tag-set": z
    .array(z.looseObject({ key: text(), value: z.string({ error: mustBe("a string") }) }), {
      error: mustBe("an array of {key, value} tags"),
    })
    .min(1, { error: "must have at least one tag" })
    .max(10, { error: "must have at most 10 tags (the S3 object tag limit)" }),
});

const objectMappingSchema = z.looseObject({
  "rule-type": z.literal("object-mapping"),
  ...common,
  "rule-action": oneOf(OBJECT_MAPPING_ACTIONS, "for an object-mapping rule"),
  "object-locator": tableLocator,
  "target-table-name": text().optional(),
  "mapping-parameters": z.looseObject({}, { error: mustBe("an object") }).optional(),
});

const RULE_SCHEMAS: Record<RuleType, z.ZodType> = {
  selection: selectionSchema,
  transformation: transformationSchema,
  "table-settings": tableSettingsSchema,
  "post-processing": postProcessingSchema,
  "object-mapping": objectMappingSchema,
};

// ---------------------------------------------------------------------------------------------
// Fields by rule type (the parameter tables of the Selections, Transformations, Tablesettings pages,
// CHAP_Target.S3 post-processing and CHAP_Target.DynamoDB object-mapping)
// ---------------------------------------------------------------------------------------------

const TM_GUIDE = "https://docs.aws.amazon.com/dms/latest/userguide/";
const TM_PAGE = `${TM_GUIDE}CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation`;

/** Where each rule type is documented. */
export const RULE_TYPE_PAGES: Readonly<Record<RuleType, string>> = {
  selection: `${TM_PAGE}.Selections.html`,
  transformation: `${TM_PAGE}.Transformations.html`,
  "table-settings": `${TM_PAGE}.Tablesettings.html`,
  "post-processing": `${TM_GUIDE}CHAP_Target.S3.html#CHAP_Target.S3.Tagging`,
  "object-mapping": `${TM_GUIDE}CHAP_Target.DynamoDB.html`,
};

const COMMON_FIELDS = ["rule-type", "rule-id", "rule-name", "object-locator"] as const;

/** The fields of each rule type. */
export const RULE_FIELDS: Readonly<Record<RuleType, readonly string[]>> = {
  selection: [...COMMON_FIELDS, "rule-action", "filters", "load-order"],
  transformation: [
    ...COMMON_FIELDS,
    "rule-target",
    "rule-action",
    "value",
    "old-value",
    "data-type",
    "expression",
    "primary-key-def",
    "before-image-def",
  ],
  "table-settings": [...COMMON_FIELDS, "parallel-load", "lob-settings"],
  "post-processing": [...COMMON_FIELDS, "rule-action", "tag-set"],
  "object-mapping": [...COMMON_FIELDS, "rule-action", "target-table-name", "mapping-parameters"],
};

/** The object-locator fields of each rule type. */
export const OBJECT_LOCATOR_FIELDS: Readonly<Record<RuleType, readonly string[]>> = {
  selection: ["schema-name", "table-name", "table-type"],
  // data-type: a change-data-type rule may select the columns of one data type.
  transformation: [
    "schema-name",
    "table-name",
    "column-name",
    "table-tablespace-name",
    "index-tablespace-name",
    "data-type",
  ],
  "table-settings": ["schema-name", "table-name"],
  "post-processing": ["schema-name", "table-name"],
  "object-mapping": ["schema-name", "table-name"],
};

/**
 * The fields of the objects nested in rules, by the field that holds them (an array holds objects of these
 * fields). mapping-parameters is left open: its content depends on the target (DynamoDB, Kinesis, Kafka…).
 */
const NESTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  filters: ["filter-type", "column-name", "filter-conditions"],
  "filter-conditions": ["filter-operator", "value", "start-value", "end-value"],
  // number-of-partitions … batch-size: autosegmentation of MongoDB and DocumentDB sources (Tablesettings page).
  "parallel-load": [
    "type",
    "partitions",
    "subpartitions",
    "columns",
    "boundaries",
    "number-of-partitions",
    "collection-count-from-metadata",
    "max-records-skip-per-page",
    "batch-size",
  ],
  "lob-settings": ["mode", "bulk-max-size"],
  "data-type": ["type", "precision", "scale", "length"],
  "primary-key-def": ["name", "origin", "columns"],
  "before-image-def": ["column-prefix", "column-suffix", "column-filter"],
  "tag-set": ["key", "value"],
};

const article = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");

function ruleTypesWith(
  fields: Readonly<Record<RuleType, readonly string[]>>,
  key: string,
  except: RuleType,
): RuleType[] {
  return RULE_TYPES.filter((t) => t !== except && fields[t].includes(key));
}

function unknownRuleField(key: string, type: RuleType): string {
  const what = `not a field of ${article(type)} ${type} rule`;
  const owners = ruleTypesWith(RULE_FIELDS, key, type);
  if (owners.length > 0) return `${what}; ${key} belongs to ${owners.join(", ")} rules`;
  if (OBJECT_LOCATOR_FIELDS[type].includes(key)) return `${what}; it belongs in object-locator`;
  const parent = Object.entries(NESTED_FIELDS).find(([p, keys]) => keys.includes(key) && RULE_FIELDS[type].includes(p));
  if (parent) return `${what}; it belongs in ${parent[0]}`;
  if (Object.hasOwn(TASK_SETTINGS_SECTIONS, key) || sectionsWithKey(key).length > 0) {
    return `${what}; ${key} is a task setting: put it in the task settings, not in the table mappings`;
  }
  const near = closestKey(key, RULE_FIELDS[type]);
  if (near !== undefined) return `${what} (did you mean \`${near}\`?)`;
  return `${what}: the DMS User Guide does not list it (${RULE_TYPE_PAGES[type]})`;
}

function unknownLocatorField(key: string, type: RuleType): string {
  const what = `not an object-locator field of ${article(type)} ${type} rule`;
  const owners = ruleTypesWith(OBJECT_LOCATOR_FIELDS, key, type);
  if (owners.length > 0) return `${what}; ${key} belongs to the object-locator of ${owners.join(", ")} rules`;
  const near = closestKey(key, OBJECT_LOCATOR_FIELDS[type]);
  if (near !== undefined) return `${what} (did you mean \`${near}\`?)`;
  return `${what}: it takes ${OBJECT_LOCATOR_FIELDS[type].join(", ")}`;
}

function unknownNestedField(key: string, parent: string, allowed: readonly string[]): string {
  const what = `not a field of ${parent}`;
  const near = closestKey(key, allowed);
  if (near !== undefined) return `${what} (did you mean \`${near}\`?)`;
  return `${what}: it takes ${allowed.join(", ")}`;
}

/** Hold a rule's fields, its object-locator's and its nested objects' to the lists above; throws on the first stray. */
function checkRuleFields(
  rule: Record<string, unknown>,
  type: RuleType,
  at: string,
  fail: (p: string, r: string) => Error,
): void {
  for (const key of Object.keys(rule)) {
    if (!RULE_FIELDS[type].includes(key)) throw fail(`${at}.${key}`, unknownRuleField(key, type));
  }
  const locator = rule["object-locator"];
  if (isPlainObject(locator)) {
    for (const key of Object.keys(locator)) {
      if (!OBJECT_LOCATOR_FIELDS[type].includes(key)) {
        throw fail(`${at}.object-locator.${key}`, unknownLocatorField(key, type));
      }
    }
  }
  const visit = (value: unknown, field: string, where: string) => {
    const allowed = NESTED_FIELDS[field];
    if (allowed === undefined) return;
    const objects = Array.isArray(value)
      ? value.map((v, i) => [v, `${where}[${i}]`] as const)
      : [[value, where] as const];
    for (const [object, path] of objects) {
      if (!isPlainObject(object)) continue;
      for (const key of Object.keys(object)) {
        if (!allowed.includes(key)) throw fail(`${path}.${key}`, unknownNestedField(key, field, allowed));
        visit(object[key], key, `${path}.${key}`);
      }
    }
  };
  for (const field of RULE_FIELDS[type]) {
    if (field !== "object-locator" && rule[field] !== undefined) visit(rule[field], field, `${at}.${field}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Wildcards (Wildcards in table mapping: % any run, _ one character, [_] a literal underscore,
// [ab] / [a-d] a set or range)
// ---------------------------------------------------------------------------------------------

/**
 * True when a schema or table name in an object-locator is a pattern rather than one exact name.
 * `%` and bracket sets are patterns; `_` alone is not counted, because it also matches itself and
 * real names are full of underscores (`order_items`), and `[_]` is the documented literal underscore.
 */
export function isWildcardName(name: string): boolean {
  return name.includes("%") || /\[(?!_\])[^\]]*\]/.test(name);
}

/** Does a DMS name pattern (`%`, `_`, `[_]`, `[ab]`, `[a-d]`) match `name`? */
export function matchesPattern(pattern: string, name: string): boolean {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "%") re += "[\\s\\S]*";
    else if (c === "_") re += "[\\s\\S]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) {
        re += "\\[";
        continue;
      }
      const body = pattern.slice(i + 1, end);
      re += `[${body.replace(/[\\^]/g, "\\$&")}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|\\\]]/g, "\\$&");
  }
  try {
    return new RegExp(`^${re}$`).test(name);
  } catch {
    return pattern === name;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

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

function checkRuleSpecifics(rule: Record<string, unknown>, at: string, fail: (p: string, r: string) => Error): void {
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
  } else if (op === "null" || op === "notnull") {
    for (const k of ["value", "start-value", "end-value"]) {
      if (has(k)) throw fail(`${at}.${k}`, `must not be set for filter-operator "${op}", which takes no value`);
    }
  } else if (!has("value")) {
    throw fail(`${at}.value`, `is required for filter-operator "${op}"`);
  }
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
  for (const key of Object.keys(doc)) {
    if (key !== "rules") {
      const near = closestKey(key, ["rules"]);
      throw fail(
        key,
        `not a table-mappings field${near ? ` (did you mean \`${near}\`?)` : ""}: a table-mappings document has only "rules", and DMS ignores anything else`,
      );
    }
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
  const warnings: DocumentWarning[] = [];
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
    checkRuleFields(rule, type as RuleType, at, fail);
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

// ---------------------------------------------------------------------------------------------
// What a mapping selects
// ---------------------------------------------------------------------------------------------

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
