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
    {
      title: "an Oracle instance exporting the four logs RDS.9 asks for",
      fixture: {
        type: T.rdsInstance,
        inputs: { engine: "oracle-se2", enabledCloudwatchLogsExports: ["alert", "audit", "listener", "trace"] },
      },
    },
    {
      title: "a SQL Server instance exporting agent and error",
      fixture: {
        type: T.rdsInstance,
        inputs: { engine: "sqlserver-se", enabledCloudwatchLogsExports: ["error", "agent"] },
      },
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
    {
      title: "an Oracle instance exporting the alert log only",
      fixture: { type: T.rdsInstance, inputs: { engine: "oracle-ee", enabledCloudwatchLogsExports: ["alert"] } },
      messages: [
        'enabledCloudwatchLogsExports is ["alert"], without "audit", "listener", "trace": Security Hub RDS.9 asks an Oracle instance for alert, audit, listener, trace; set enabledCloudwatchLogsExports to ["alert","audit","listener","trace"]',
      ],
    },
    {
      title: "a SQL Server instance exporting nothing",
      fixture: { type: T.rdsInstance, inputs: { engine: "sqlserver-ee" } },
      messages: [
        'enabledCloudwatchLogsExports is not set, without "agent", "error": Security Hub RDS.9 and RDS.40 ask a SQL Server instance for agent, error; set enabledCloudwatchLogsExports to ["agent","error"]',
      ],
    },
  ],
  unknown: {
    fixture: { type: T.rdsInstance, inputs: { enabledCloudwatchLogsExports: UNKNOWN } },
    path: "enabledCloudwatchLogsExports",
  },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
