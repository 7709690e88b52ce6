import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsReplicationInstanceNotPublic } from "./dms-replication-instance-not-public.js";

const instance = (inputs: Record<string, unknown>) => ({ type: T.dmsReplicationInstance, inputs });

describePolicy(dmsReplicationInstanceNotPublic, {
  passes: [{ title: "an instance with publiclyAccessible: false", fixture: instance({ publiclyAccessible: false }) }],
  fails: [
    {
      title: "an instance that leaves publiclyAccessible unset",
      fixture: instance({ replicationInstanceClass: "dms.t3.medium" }),
      messages: ["publiclyAccessible is not set (AWS defaults to true); set publiclyAccessible: false"],
    },
    {
      title: "a public instance",
      fixture: instance({ publiclyAccessible: true }),
      messages: ["publiclyAccessible is true; set publiclyAccessible: false"],
    },
  ],
  unknown: { fixture: instance({ publiclyAccessible: UNKNOWN }), path: "publiclyAccessible" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
