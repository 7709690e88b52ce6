import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dataClassificationTagValid } from "./data-classification-tag-valid.js";

describePolicy(dataClassificationTagValid, {
  passes: [
    { title: "confidential from the provider", fixture: { type: T.secret, inputs: {} } },
    {
      title: "restricted on the resource",
      fixture: { type: T.rdsInstance, inputs: { tags: { DataClassification: "restricted" } } },
    },
  ],
  fails: [
    {
      title: "a value outside the list",
      fixture: { type: T.rdsInstance, inputs: { tags: { DataClassification: "secret" } } },
      messages: ['tags.DataClassification is "secret"; set it to one of public, internal, confidential, restricted'],
    },
  ],
  unknown: {
    fixture: { type: T.rdsInstance, inputs: { tags: { DataClassification: UNKNOWN } } },
    path: "tags.DataClassification",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
