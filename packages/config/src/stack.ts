import { z } from "zod";
import type { Environment } from "./environments.js";
import { ConfigError } from "./errors.js";
import { parseWithSchema } from "./load.js";
import { requiredTagsSchema } from "./tags.js";

/** `aws:defaultTags`: the provider applies these to every taggable resource; the five required tags must be here. */
export const awsDefaultTagsSchema = z
  .object({
    tags: z.object(requiredTagsSchema.shape).catchall(z.string().max(256, "a tag value has at most 256 characters")),
  })
  .strict();

export type StackTags = z.output<typeof awsDefaultTagsSchema>["tags"];

/** The file a stack's config lives in. */
export function stackConfigFile(stack: string): string {
  return `Pulumi.${stack}.yaml`;
}

/**
 * Read the required tags from a stack's `aws:defaultTags` (an object from YAML, or the JSON
 * string the Pulumi runtime passes), check its Environment equals the stack's environment.
 */
export function readDefaultTags(
  values: Readonly<Record<string, unknown>>,
  file: string,
  environment: Environment,
): StackTags {
  let raw = values["aws:defaultTags"];
  if (raw === undefined) {
    throw new ConfigError(
      file,
      "aws:defaultTags",
      "is required: set tags Application, Environment, Owner, CostCenter, DataClassification",
    );
  }
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new ConfigError(file, "aws:defaultTags", "must be an object { tags: {...} }");
    }
  }
  const parsed = parseWithSchema(awsDefaultTagsSchema, raw, file, "aws:defaultTags");
  if (parsed.tags.Environment !== environment) {
    throw new ConfigError(
      file,
      "aws:defaultTags.tags.Environment",
      `must equal the environment "${environment}" (got "${parsed.tags.Environment}")`,
    );
  }
  return parsed.tags;
}
