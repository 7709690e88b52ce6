import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsDeletionProtection } from "./rds-deletion-protection.js";

describePolicy(rdsDeletionProtection, {
  passes: [
    { title: "a protected instance", fixture: { type: T.rdsInstance, inputs: { deletionProtection: true } } },
    { title: "a protected cluster", fixture: { type: T.rdsCluster, inputs: { deletionProtection: true } } },
  ],
  fails: [
    {
      title: "an instance leaving it unset",
      fixture: { type: T.rdsInstance, inputs: {} },
      messages: ["deletionProtection is not set (AWS defaults to false); set deletionProtection: true"],
    },
    {
      title: "an unprotected cluster",
      fixture: { type: T.rdsCluster, inputs: { deletionProtection: false } },
      messages: ["deletionProtection is false; set deletionProtection: true"],
    },
  ],
  unknown: { fixture: { type: T.rdsCluster, inputs: { deletionProtection: UNKNOWN } }, path: "deletionProtection" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
