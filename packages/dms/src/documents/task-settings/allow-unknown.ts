/**
 * allowUnknownSettings on the resource: the tag that carries it, so the policy pack lets the same keys
 * through as the component did.
 */
import { z } from "zod";
import { isPlainObject } from "../schema-helpers.js";

/** An `allowUnknownSettings` entry: dotted setting names, no indexes (`TargetMetadata.NewSetting`). */
export const ALLOW_UNKNOWN_SETTING_PATTERN = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/**
 * The tag that carries a task's allowUnknownSettings on the task (or Serverless config) itself, space-separated,
 * so the policy pack, which sees only resources, lets the same keys through under `pulumi preview` as the
 * component did. AWS tag values allow letters, digits, spaces and `_ . : / = + - @`, and 256 characters.
 */
export const ALLOW_UNKNOWN_SETTINGS_TAG = "DmsAllowUnknownSettings";

/** The most characters an AWS tag value may have. */
export const TAG_VALUE_MAX_LENGTH = 256;

/** allowUnknownSettings in args and stack config: dotted setting paths, small enough to travel as one tag value. */
export const allowUnknownSettingsSchema = z
  .array(
    z
      .string()
      .regex(
        ALLOW_UNKNOWN_SETTING_PATTERN,
        "must be a dotted settings path such as TargetMetadata.NewSetting (letters, digits and _ between dots)",
      ),
  )
  .refine(
    (entries) => entries.join(" ").length <= TAG_VALUE_MAX_LENGTH,
    `must fit in one tag value: at most ${TAG_VALUE_MAX_LENGTH} characters joined by spaces`,
  );

/** The tag value for a list of allowUnknownSettings entries (undefined for none). */
export function allowUnknownSettingsTagValue(entries: readonly string[] | undefined): string | undefined {
  return entries && entries.length > 0 ? entries.join(" ") : undefined;
}

/** The allowUnknownSettings entries a resource's tags carry (none when the tag is absent or not a string). */
export function allowUnknownSettingsFromTags(tags: unknown): string[] {
  const value = isPlainObject(tags) ? tags[ALLOW_UNKNOWN_SETTINGS_TAG] : undefined;
  return typeof value === "string" ? value.split(" ").filter((entry) => entry.length > 0) : [];
}
