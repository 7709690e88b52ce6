import { z } from "zod";
import type { Environment } from "./environments.js";
import { environmentSchema } from "./environments.js";

/** Tag keys every taggable resource must carry (provider default tags count). */
export const REQUIRED_TAG_KEYS = ["Application", "Environment", "Owner", "CostCenter", "DataClassification"] as const;
export type RequiredTagKey = (typeof REQUIRED_TAG_KEYS)[number];

/** The tag recording a DMS task's (or Serverless config's) migration wave; its value a number as text. */
export const MIGRATION_WAVE_TAG = "MigrationWave";
/** The tag by which a task allows settings keys the catalogue does not know (read by the policy pack). */
export const ALLOW_UNKNOWN_SETTINGS_TAG_KEY = "DmsAllowUnknownSettings";

/**
 * Every tag key the platform puts on a DMS resource: the required tags, Name, and the task tags
 * above. The operator policy's `aws:TagKeys` allow-list is built from it, so a task created or
 * tagged by hand with the tags the platform gives it is not denied.
 */
export const PLATFORM_TAG_KEYS: readonly string[] = [
  ...REQUIRED_TAG_KEYS,
  "Name",
  MIGRATION_WAVE_TAG,
  ALLOW_UNKNOWN_SETTINGS_TAG_KEY,
];

/** Allowed values of the `DataClassification` tag. */
export const DATA_CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

// AWS tag limits: key 1-128 and value 0-256 Unicode characters; keys may not start with "aws:".
// https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
const tagValue = z.string().max(256, "a tag value has at most 256 characters");

/** The five required tags, validated. */
export const requiredTagsSchema = z
  .object({
    Application: tagValue.min(1, "must not be empty"),
    Environment: environmentSchema,
    Owner: tagValue.min(1, "must not be empty"),
    CostCenter: tagValue.min(1, "must not be empty"),
    DataClassification: z.enum(DATA_CLASSIFICATIONS),
  })
  .strict();
export type RequiredTags = z.infer<typeof requiredTagsSchema>;

/** Any extra tags a user adds. */
export const extraTagsSchema = z.record(
  z
    .string()
    .min(1)
    .max(128, "a tag key has at most 128 characters")
    .refine((k) => !k.toLowerCase().startsWith("aws:"), "tag keys starting with aws: are reserved by AWS"),
  tagValue,
);

export type Tags = Record<string, string>;

/**
 * Merge tag sets left to right (later wins), dropping undefined values. Required tags are
 * usually the first argument and resource-specific tags (`Name`) the last.
 */
export function mergeTags(...sets: ReadonlyArray<Readonly<Record<string, string | undefined>> | undefined>): Tags {
  const out: Tags = {};
  for (const set of sets) {
    if (!set) continue;
    for (const [k, v] of Object.entries(set)) {
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}

/** The required keys missing (absent or empty) from a tag set. */
export function missingRequiredTags(tags: Readonly<Record<string, unknown>> | undefined): RequiredTagKey[] {
  return REQUIRED_TAG_KEYS.filter((k) => {
    const v = tags?.[k];
    return typeof v !== "string" || v.length === 0;
  });
}

/** Build the required tags from their parts (validated). */
export function requiredTags(parts: {
  application: string;
  environment: Environment;
  owner: string;
  costCenter: string;
  dataClassification: DataClassification;
}): RequiredTags {
  return requiredTagsSchema.parse({
    Application: parts.application,
    Environment: parts.environment,
    Owner: parts.owner,
    CostCenter: parts.costCenter,
    DataClassification: parts.dataClassification,
  });
}
