/**
 * Table-mapping zod schemas, one per rule type, written from the AWS DMS User Guide.
 */
import { z } from "zod";
import { mustBe, oneOf, text } from "../schema-helpers.js";
import {
  BEFORE_IMAGE_COLUMN_FILTERS,
  FILTER_OPERATORS,
  LOB_SETTINGS_MODES,
  OBJECT_MAPPING_ACTIONS,
  PARALLEL_LOAD_TYPES,
  type RuleType,
  SELECTION_ACTIONS,
  TRANSFORMATION_ACTIONS,
  TRANSFORMATION_TARGETS,
} from "./vocabulary.js";

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

/**
 * A data-type's length, precision or scale. The guide prints them as numbers (`"precision": 6`, Transformations) and as
 * strings, an empty one for "not set" (`"length": "100", "scale": ""`, …SelectionTransformation.Masking and the
 * Transformations page's change-data-type example): take all three.
 */
function typeSize() {
  const error = mustBe("a non-negative integer, a string of digits, or an empty string");
  return z.union([z.number({ error }).int({ error }).min(0, { error }), z.string().regex(/^\d*$/, { error })], {
    error,
  });
}

// The type itself is held to DMS's data types in rule-checks.ts.
const dataType = z.looseObject(
  {
    type: text(),
    precision: typeSize().optional(),
    scale: typeSize().optional(),
    length: typeSize().optional(),
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

export const RULE_SCHEMAS: Record<RuleType, z.ZodType> = {
  selection: selectionSchema,
  transformation: transformationSchema,
  "table-settings": tableSettingsSchema,
  "post-processing": postProcessingSchema,
  "object-mapping": objectMappingSchema,
};
