import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsMultiAz } from "./rds-multi-az.js";

describePolicy(rdsMultiAz, {
  passes: [
    { title: "a multi-AZ instance", fixture: { type: T.rdsInstance, inputs: { multiAz: true } } },
    { title: "an Aurora cluster (not judged)", fixture: { type: T.rdsCluster, inputs: {} } },
  ],
  fails: [
    {
      title: "a single-AZ instance",
      fixture: { type: T.rdsInstance, inputs: { multiAz: false } },
      messages: ["multiAz is false; set multiAz: true"],
    },
    {
      title: "an instance leaving it unset",
      fixture: { type: T.rdsInstance, inputs: {} },
      messages: ["multiAz is not set (AWS defaults to false); set multiAz: true"],
    },
  ],
  unknown: { fixture: { type: T.rdsInstance, inputs: { multiAz: UNKNOWN } }, path: "multiAz" },
  levels: { dev: "advisory", test: "advisory", prod: "mandatory" },
});
