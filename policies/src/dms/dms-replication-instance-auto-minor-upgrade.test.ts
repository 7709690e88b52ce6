import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsReplicationInstanceAutoMinorUpgrade } from "./dms-replication-instance-auto-minor-upgrade.js";

const instance = (inputs: Record<string, unknown>) => ({ type: T.dmsReplicationInstance, inputs });

describePolicy(dmsReplicationInstanceAutoMinorUpgrade, {
  passes: [{ title: "an instance that upgrades automatically", fixture: instance({ autoMinorVersionUpgrade: true }) }],
  fails: [
    {
      title: "an instance with automatic upgrades off",
      fixture: instance({ autoMinorVersionUpgrade: false }),
      messages: ["autoMinorVersionUpgrade is false; set autoMinorVersionUpgrade: true"],
    },
    {
      title: "an instance that leaves it unset",
      fixture: instance({}),
      messages: ["autoMinorVersionUpgrade is not set; set autoMinorVersionUpgrade: true"],
    },
  ],
  unknown: { fixture: instance({ autoMinorVersionUpgrade: UNKNOWN }), path: "autoMinorVersionUpgrade" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
