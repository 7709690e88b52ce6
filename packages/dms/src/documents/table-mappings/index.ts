/**
 * DMS table mappings: types, zod schemas written from the AWS DMS User Guide
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.html),
 * parsing with errors that name the JSON path and the rule, and canonical serialisation.
 *
 * Each rule type accepts only the fields the guide lists for it (RULE_FIELDS and its neighbours in rule-fields.ts):
 * a field of another rule type, a task setting or a misspelt field is an error naming where it belongs or what it
 * was probably meant to be, because DMS ignores such a field and the task runs without it. Values are checked by
 * the zod schemas; a valid document parses and serialises back to the same JSON value.
 */

export {
  type ParseOptions,
  parseTableMappings,
  parseTableMappingsDetailed,
  serializeTableMappings,
  utf8Bytes,
} from "./parse.js";
export { OBJECT_LOCATOR_FIELDS, RULE_FIELDS, RULE_TYPE_PAGES } from "./rule-fields.js";
export { type SelectedObject, selectedObjects, transformedName } from "./selected-objects.js";
export type {
  FilterCondition,
  LobSettings,
  ObjectMappingRule,
  ParallelLoad,
  PostProcessingRule,
  RuleId,
  RuleName,
  SelectionRule,
  SourceFilter,
  TableLocator,
  TableMappingRule,
  TableMappings,
  TableSettingsRule,
  TransformationDataType,
  TransformationRule,
} from "./types.js";
export {
  BEFORE_IMAGE_COLUMN_FILTERS,
  FILTER_OPERATORS,
  type FilterOperator,
  LOB_SETTINGS_MODES,
  type LobSettingsMode,
  OBJECT_MAPPING_ACTIONS,
  PARALLEL_LOAD_TYPES,
  type ParallelLoadType,
  RULE_TYPES,
  type RuleType,
  SELECTION_ACTIONS,
  type SelectionAction,
  TABLE_MAPPINGS_MAX_BYTES,
  TRANSFORMATION_ACTIONS,
  TRANSFORMATION_ACTIONS_BY_TARGET,
  TRANSFORMATION_TARGETS,
  type TransformationAction,
  type TransformationTarget,
} from "./vocabulary.js";
export { isWildcardName, matchesPattern } from "./wildcards.js";
