import { resourcePolicy } from "../lib/policy.js";
import { effectiveTags, isTaggable } from "../lib/tags.js";

/** "Maximum number of user-created tags per resource: 50" (Tagging AWS Resources, "Tag naming limits and requirements"). */
export const MAX_TAGS_PER_RESOURCE = 50;

export const tagsWithinAwsLimit = resourcePolicy({
  name: "tags-within-aws-limit",
  concern: "tagging",
  description: `Every taggable AWS resource ends up with at most ${MAX_TAGS_PER_RESOURCE} tags once the aws provider's defaultTags, the platform's tags and the resource's own are merged: AWS refuses the create or update call beyond that, so the deployment fails part-way.`,
  control: 'AWS "Tagging AWS resources", tag limits',
  enforcementLevel: "mandatory",
  types: "any",
  validate: (_props, args, report) => {
    if (!isTaggable(args)) return;
    const { tags, fromProvider } = effectiveTags(args);
    const count = Object.keys(tags).length;
    if (count <= MAX_TAGS_PER_RESOURCE) return;
    report(
      `carries ${count} tags (${Object.keys(fromProvider).length} from the provider's defaultTags, the rest its own); AWS allows ${MAX_TAGS_PER_RESOURCE} per resource: drop ${count - MAX_TAGS_PER_RESOURCE} from the stack's aws:defaultTags or the resource's tags`,
    );
  },
});
