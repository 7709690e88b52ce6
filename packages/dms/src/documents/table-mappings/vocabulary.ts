/**
 * Table-mapping vocabulary: the rule types, actions, targets and operators the AWS DMS User Guide
 * lists, and the size limit DMS puts on a table-mapping document.
 */

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
export const NEGATIVE_OPERATORS: readonly FilterOperator[] = ["noteq", "notbetween", "notnull"];

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

/**
 * DMS data types, for a transformation's data-type.type (Data types for AWS Database Migration Service,
 * CHAP_Reference.DataTypes). The guide's examples write them in lower case ("int8", "datetime"); the reference table in
 * upper case: compared case-insensitively. That table names BYTE; the transformation examples' underlying engine and
 * the console write BYTES: both are taken.
 */
export const DMS_DATA_TYPES = [
  "string",
  "wstring",
  "boolean",
  "byte",
  "bytes",
  "date",
  "time",
  "datetime",
  "int1",
  "int2",
  "int4",
  "int8",
  "numeric",
  "real4",
  "real8",
  "uint1",
  "uint2",
  "uint4",
  "uint8",
  "blob",
  "clob",
  "nclob",
] as const;

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
