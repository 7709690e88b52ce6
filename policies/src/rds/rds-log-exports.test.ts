import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsLogExports } from "./rds-log-exports.js";

const FIX =
  'set enabledCloudwatchLogsExports to the engine\'s logs (["error", "slowquery"] for MySQL, ["postgresql"] for PostgreSQL)';

describePolicy(rdsLogExports, {
  passes: [
    {
      title: "a MySQL instance exporting logs",
      fixture: { type: T.rdsInstance, inputs: { enabledCloudwatchLogsExports: ["error", "slowquery"] } },
    },
    {
      title: "a cluster exporting logs",
      fixture: { type: T.rdsCluster, inputs: { enabledCloudwatchLogsExports: ["postgresql"] } },
    },
  ],
  fails: [
    {
      title: "an instance exporting nothing",
      fixture: { type: T.rdsInstance, inputs: {} },
      messages: [`enabledCloudwatchLogsExports is not set; ${FIX}`],
    },
    {
      title: "a cluster with an empty list",
      fixture: { type: T.rdsCluster, inputs: { enabledCloudwatchLogsExports: [] } },
      messages: [`enabledCloudwatchLogsExports is []; ${FIX}`],
    },
  ],
  unknown: {
    fixture: { type: T.rdsInstance, inputs: { enabledCloudwatchLogsExports: UNKNOWN } },
    path: "enabledCloudwatchLogsExports",
  },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
