import { z } from "zod";
import { readAllowedAccountIds, refuseWeakProviderSettings } from "./config-keys.js";
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
 * string the Pulumi runtime passes), check its Environment equals the stack's environment, and
 * check the rest of the stack's `aws:*` provider config (checkAwsProviderConfig) on the way.
 */
export function readDefaultTags(
  values: Readonly<Record<string, unknown>>,
  file: string,
  environment: Environment,
): StackTags {
  checkAwsProviderConfig(values, file);
  refuseWeakProviderSettings(values, file, environment);
  readAllowedAccountIds(values, file);
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

/** `aws:*` keys that hold credentials: never in a stack file, even encrypted (CI and people use OIDC roles or profiles). */
export const AWS_CREDENTIAL_KEYS = ["aws:accessKey", "aws:secretKey", "aws:token"] as const;

/** An AWS region name: `eu-west-1`, `us-gov-west-1`, `ap-southeast-5`. */
const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * Check a stack's `aws:*` provider config for what AWS or our practice refuses: credentials in the
 * file (`aws:accessKey`, `aws:secretKey`, `aws:token`, secret or not), an empty or malformed
 * `aws:region`, and default tag keys AWS rejects (the reserved `aws:` prefix, over 128 characters).
 * Errors name the file and the key as written.
 */
export function checkAwsProviderConfig(values: Readonly<Record<string, unknown>>, file: string): void {
  for (const key of AWS_CREDENTIAL_KEYS) {
    if (key in values) {
      throw new ConfigError(
        file,
        key,
        `AWS credentials do not belong in a stack file, not even as a secret: remove it (\`pulumi config rm ${key}\`) and let CI assume its OIDC role and people use an AWS profile (aws:profile or AWS_PROFILE)`,
      );
    }
  }
  if ("aws:region" in values) {
    const region = values["aws:region"];
    if (typeof region !== "string" || !AWS_REGION.test(region)) {
      throw new ConfigError(
        file,
        "aws:region",
        `must be an AWS region such as eu-west-1 (got ${region === "" ? "an empty string" : (JSON.stringify(region) ?? "nothing")})`,
      );
    }
  }
  let raw = values["aws:defaultTags"];
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      return;
    }
  }
  const tags = (raw as { tags?: unknown } | null | undefined)?.tags;
  if (typeof tags !== "object" || tags === null) return;
  for (const key of Object.keys(tags)) {
    const path = `aws:defaultTags.tags${/^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
    // AWS reserves the prefix in any letter case (Tagging AWS resources, "Tag naming limits and requirements").
    if (key.toLowerCase().startsWith("aws:")) {
      throw new ConfigError(
        file,
        path,
        `a tag key may not begin with "aws:", which AWS reserves for its own tags (got "${key}")`,
      );
    }
    if (key.length > 128) throw new ConfigError(file, path, `a tag key has at most 128 characters (got ${key.length})`);
  }
}
