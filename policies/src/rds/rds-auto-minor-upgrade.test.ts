import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsAutoMinorUpgrade } from "./rds-auto-minor-upgrade.js";

describePolicy(rdsAutoMinorUpgrade, {
  passes: [
    { title: "an instance leaving the provider's default (true)", fixture: { type: T.rdsInstance, inputs: {} } },
    {
      title: "a cluster instance with it on",
      fixture: { type: T.rdsClusterInstance, inputs: { autoMinorVersionUpgrade: true } },
    },
  ],
  fails: [
    {
      title: "an instance with automatic upgrades off",
      fixture: { type: T.rdsInstance, inputs: { autoMinorVersionUpgrade: false } },
      messages: ["autoMinorVersionUpgrade is false; set autoMinorVersionUpgrade: true (or leave it unset)"],
    },
  ],
  unknown: {
    fixture: { type: T.rdsClusterInstance, inputs: { autoMinorVersionUpgrade: UNKNOWN } },
    path: "autoMinorVersionUpgrade",
  },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
