import { DATA_CLASSIFICATIONS } from "@dms-platform/config";
import { resourcePolicy } from "../lib/policy.js";
import { effectiveTags, isTaggable } from "../lib/tags.js";

export const dataClassificationTagValid = resourcePolicy({
  name: "data-classification-tag-valid",
  concern: "tagging",
  description: `The DataClassification tag of every taggable resource is one of ${DATA_CLASSIFICATIONS.join(", ")}, so access and retention rules keyed on it apply. A missing tag is left to required-tags-present.`,
  control: "dms-platform tagging rules (DataClassification values)",
  enforcementLevel: "mandatory",
  types: "any",
  validate: (_props, args, report) => {
    if (!isTaggable(args)) return;
    const value = effectiveTags(args).tags.DataClassification;
    if (value === undefined || value === "" || (DATA_CLASSIFICATIONS as readonly string[]).includes(value)) return;
    report(`tags.DataClassification is "${value}"; set it to one of ${DATA_CLASSIFICATIONS.join(", ")}`);
  },
});
