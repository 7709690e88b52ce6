import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsBackupRetention } from "./rds-backup-retention.js";

const instance = (backupRetentionPeriod?: unknown) => ({
  type: T.rdsInstance,
  inputs: backupRetentionPeriod === undefined ? {} : { backupRetentionPeriod },
});

describePolicy(rdsBackupRetention, {
  passes: [
    { title: "35 days in prod", fixture: instance(35) },
    { title: "7 days in test", fixture: instance(7), env: "test" },
    { title: "the AWS default of 1 day in dev", fixture: instance(), env: "dev" },
    { title: "a cluster keeping 35 days", fixture: { type: T.rdsCluster, inputs: { backupRetentionPeriod: 35 } } },
  ],
  fails: [
    {
      title: "7 days in prod",
      fixture: instance(7),
      messages: ["backupRetentionPeriod is 7; set backupRetentionPeriod to at least 35 days"],
    },
    {
      title: "an unset period in test",
      fixture: instance(),
      env: "test",
      messages: [
        "backupRetentionPeriod is not set (AWS defaults to 1 day); set backupRetentionPeriod to at least 7 days",
      ],
    },
    {
      title: "backups off on a cluster in dev",
      fixture: { type: T.rdsCluster, inputs: { backupRetentionPeriod: 0 } },
      env: "dev",
      messages: ["backupRetentionPeriod is 0; set backupRetentionPeriod to at least 1 day"],
    },
  ],
  unknown: { fixture: instance(UNKNOWN), path: "backupRetentionPeriod" },
  levelFixture: { fixture: instance(0) },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
