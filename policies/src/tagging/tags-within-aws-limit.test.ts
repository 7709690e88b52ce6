import { T } from "../lib/types.js";
import { describePolicy, PROD_TAGS, UNKNOWN } from "../testing/harness.js";
import { tagsWithinAwsLimit } from "./tags-within-aws-limit.js";

const many = (n: number, prefix: string) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "x"]));

describePolicy(tagsWithinAwsLimit, {
  passes: [
    { title: "a resource with the required tags", fixture: { type: T.vpc, inputs: { tags: PROD_TAGS } } },
    {
      title: "exactly 50 tags across the provider and the resource, overlapping keys counted once",
      fixture: { type: T.subnet, inputs: { tags: { ...many(45, "own"), Owner: "data" } } },
    },
  ],
  fails: [
    {
      title: "51 tags once the provider's defaultTags merge in",
      fixture: { type: T.subnet, inputs: { tags: many(46, "own") } },
      messages: [
        "carries 51 tags (5 from the provider's defaultTags, the rest its own); AWS allows 50 per resource: drop 1 from the stack's aws:defaultTags or the resource's tags",
      ],
    },
  ],
  unknown: { fixture: { type: T.vpc, inputs: { tags: UNKNOWN } }, path: "tags" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
