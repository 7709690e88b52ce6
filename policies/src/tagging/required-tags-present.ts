import { missingRequiredTags, REQUIRED_TAG_KEYS } from "@dms-platform/config";
import { resourcePolicy } from "../lib/policy.js";
import { effectiveTags, isTaggable } from "../lib/tags.js";

export const requiredTagsPresent = resourcePolicy({
  name: "required-tags-present",
  concern: "tagging",
  description: `Every taggable AWS resource carries the five required tags (${REQUIRED_TAG_KEYS.join(", ")}), from its own tags or the aws provider's defaultTags: they say whose migration a resource belongs to, who pays for it and how its data must be handled.`,
  control: "AWS tagging best practices; Security Hub tagging controls (requiredKeyTags)",
  enforcementLevel: "mandatory",
  types: "any",
  validate: (_props, args, report) => {
    if (!isTaggable(args)) return;
    const { tags, fromProvider } = effectiveTags(args);
    const missing = missingRequiredTags(tags);
    if (missing.length === 0) return;
    const provided = Object.keys(fromProvider).filter((k) => (REQUIRED_TAG_KEYS as readonly string[]).includes(k));
    const note =
      provided.length > 0
        ? `the provider's defaultTags give only ${provided.join(", ")}`
        : "the provider's defaultTags give none of them";
    report(
      `tags lack ${missing.join(", ")} (${note}); set them in the resource's tags or in the stack's aws:defaultTags`,
    );
  },
});
