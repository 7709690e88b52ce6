/**
 * Table-mapping types (DMS's kebab-case keys; unknown keys are allowed and kept).
 */
import type {
  BEFORE_IMAGE_COLUMN_FILTERS,
  FilterOperator,
  LobSettingsMode,
  OBJECT_MAPPING_ACTIONS,
  ParallelLoadType,
  SelectionAction,
  TransformationAction,
  TransformationTarget,
} from "./vocabulary.js";

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
  /** A DMS data type (`string`, `int8`, `numeric`, …; CHAP_Reference.DataTypes), in either case. */
  type: string;
  /** Sizes as numbers, or as the strings the guide also prints (`"100"`, `""` for not set). */
  precision?: number | string;
  scale?: number | string;
  length?: number | string;
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
