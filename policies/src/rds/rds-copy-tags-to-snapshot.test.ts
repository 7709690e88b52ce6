import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsCopyTagsToSnapshot } from "./rds-copy-tags-to-snapshot.js";

describePolicy(rdsCopyTagsToSnapshot, {
  passes: [
    { title: "an instance copying tags", fixture: { type: T.rdsInstance, inputs: { copyTagsToSnapshot: true } } },
  ],
  fails: [
    {
      title: "a cluster not copying tags",
      fixture: { type: T.rdsCluster, inputs: {} },
      messages: ["copyTagsToSnapshot is not set (AWS defaults to false); set copyTagsToSnapshot: true"],
    },
  ],
  unknown: { fixture: { type: T.rdsInstance, inputs: { copyTagsToSnapshot: UNKNOWN } }, path: "copyTagsToSnapshot" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
