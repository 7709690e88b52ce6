/**
 * Fields by rule type (the parameter tables of the Selections, Transformations, Tablesettings pages,
 * CHAP_Target.S3 post-processing and CHAP_Target.DynamoDB object-mapping), and the error for a field that
 * belongs elsewhere or is misspelt.
 */
import type { DocumentWarning } from "../errors.js";
import { isPlainObject } from "../schema-helpers.js";
import {
  CATALOGUE_ENGINE_VERSION,
  closestKey,
  sectionsWithKey,
  TASK_SETTINGS_SECTIONS,
} from "../task-settings-catalogue.js";
import { RULE_TYPES, type RuleType } from "./vocabulary.js";

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
  // kafka-target-topic and partition-key: a Kafka target's object mapping ("Using object mapping to migrate data to a
  // Kafka topic", CHAP_Target.Kafka) writes both at the rule's top level.
  "object-mapping": [
    ...COMMON_FIELDS,
    "rule-action",
    "target-table-name",
    "mapping-parameters",
    "kafka-target-topic",
    "partition-key",
  ],
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
    // Names of the S3 target's partition subfolders for a ranges parallel load (CHAP_Target.S3, parallel load).
    "segment-names",
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

/** An uncatalogued key: an error when it is provably a mistake, otherwise a warning (rule in words either way). */
interface Verdict {
  error: boolean;
  rule: string;
}

const notCatalogued = (page: string, what: string): Verdict => ({
  error: false,
  rule: `is not in the catalogue of table-mapping fields as of DMS ${CATALOGUE_ENGINE_VERSION} (${what}; ${page}); DMS ignores a field it does not know: check the spelling, or the target endpoint's page if it is a target-specific field`,
});

function unknownRuleField(key: string, type: RuleType): Verdict {
  const what = `not a field of ${article(type)} ${type} rule`;
  const owners = ruleTypesWith(RULE_FIELDS, key, type);
  if (owners.length > 0) return { error: true, rule: `${what}; ${key} belongs to ${owners.join(", ")} rules` };
  if (OBJECT_LOCATOR_FIELDS[type].includes(key)) return { error: true, rule: `${what}; it belongs in object-locator` };
  const parent = Object.entries(NESTED_FIELDS).find(([p, keys]) => keys.includes(key) && RULE_FIELDS[type].includes(p));
  if (parent) return { error: true, rule: `${what}; it belongs in ${parent[0]}` };
  if (Object.hasOwn(TASK_SETTINGS_SECTIONS, key) || sectionsWithKey(key).length > 0) {
    return {
      error: true,
      rule: `${what}; ${key} is a task setting: put it in the task settings, not in the table mappings`,
    };
  }
  const near = closestKey(key, RULE_FIELDS[type]);
  if (near !== undefined) return { error: true, rule: `${what} (did you mean \`${near}\`?)` };
  return notCatalogued(RULE_TYPE_PAGES[type], `${article(type)} ${type} rule takes ${RULE_FIELDS[type].join(", ")}`);
}

function unknownLocatorField(key: string, type: RuleType): Verdict {
  const what = `not an object-locator field of ${article(type)} ${type} rule`;
  const owners = ruleTypesWith(OBJECT_LOCATOR_FIELDS, key, type);
  if (owners.length > 0) {
    return { error: true, rule: `${what}; ${key} belongs to the object-locator of ${owners.join(", ")} rules` };
  }
  const near = closestKey(key, OBJECT_LOCATOR_FIELDS[type]);
  if (near !== undefined) return { error: true, rule: `${what} (did you mean \`${near}\`?)` };
  return notCatalogued(RULE_TYPE_PAGES[type], `its object-locator takes ${OBJECT_LOCATOR_FIELDS[type].join(", ")}`);
}

function unknownNestedField(key: string, parent: string, allowed: readonly string[], type: RuleType): Verdict {
  const what = `not a field of ${parent}`;
  const near = closestKey(key, allowed);
  if (near !== undefined) return { error: true, rule: `${what} (did you mean \`${near}\`?)` };
  return notCatalogued(RULE_TYPE_PAGES[type], `${parent} takes ${allowed.join(", ")}`);
}

/**
 * Hold a rule's fields, its object-locator's and its nested objects' to the lists above: throws on the first field
 * that is provably a mistake (another rule type's, misplaced, misspelt), and returns a warning for each field near
 * nothing known (a target-specific or newer field the catalogue lacks).
 */
export function checkRuleFields(
  rule: Record<string, unknown>,
  type: RuleType,
  at: string,
  fail: (p: string, r: string) => Error,
): DocumentWarning[] {
  const warnings: DocumentWarning[] = [];
  const judge = (path: string, verdict: Verdict) => {
    if (verdict.error) throw fail(path, verdict.rule);
    warnings.push({ path, message: verdict.rule });
  };
  for (const key of Object.keys(rule)) {
    if (!RULE_FIELDS[type].includes(key)) judge(`${at}.${key}`, unknownRuleField(key, type));
  }
  const locator = rule["object-locator"];
  if (isPlainObject(locator)) {
    for (const key of Object.keys(locator)) {
      if (!OBJECT_LOCATOR_FIELDS[type].includes(key)) {
        judge(`${at}.object-locator.${key}`, unknownLocatorField(key, type));
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
        if (!allowed.includes(key)) {
          judge(`${path}.${key}`, unknownNestedField(key, field, allowed, type));
          continue;
        }
        visit(object[key], key, `${path}.${key}`);
      }
    }
  };
  for (const field of RULE_FIELDS[type]) {
    if (field !== "object-locator" && rule[field] !== undefined) visit(rule[field], field, `${at}.${field}`);
  }
  return warnings;
}
