import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsReplicationMultiAz } from "./dms-replication-multi-az.js";

describePolicy(dmsReplicationMultiAz, {
  passes: [
    { title: "a multi-AZ instance", fixture: { type: T.dmsReplicationInstance, inputs: { multiAz: true } } },
    {
      title: "a multi-AZ Serverless config",
      fixture: { type: T.dmsReplicationConfig, inputs: { computeConfig: { multiAz: true } } },
    },
  ],
  fails: [
    {
      title: "an instance that leaves multiAz unset",
      fixture: { type: T.dmsReplicationInstance, inputs: {} },
      messages: ["multiAz is not set (AWS defaults to false); set multiAz: true"],
    },
    {
      title: "a single-AZ Serverless config",
      fixture: { type: T.dmsReplicationConfig, inputs: { computeConfig: { multiAz: false } } },
      messages: ["computeConfig.multiAz is false; set computeConfig.multiAz: true"],
    },
  ],
  unknown: { fixture: { type: T.dmsReplicationInstance, inputs: { multiAz: UNKNOWN } }, path: "multiAz" },
  levels: { dev: "advisory", test: "advisory", prod: "mandatory" },
});
