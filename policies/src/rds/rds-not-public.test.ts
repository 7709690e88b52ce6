import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { rdsNotPublic } from "./rds-not-public.js";

describePolicy(rdsNotPublic, {
  passes: [
    { title: "a private instance", fixture: { type: T.rdsInstance, inputs: { publiclyAccessible: false } } },
    { title: "an instance leaving it unset (the provider sends false)", fixture: { type: T.rdsInstance, inputs: {} } },
  ],
  fails: [
    {
      title: "a public instance",
      fixture: { type: T.rdsInstance, inputs: { publiclyAccessible: true } },
      messages: ["publiclyAccessible is true; set publiclyAccessible: false"],
    },
    {
      title: "a public Aurora cluster instance",
      fixture: { type: T.rdsClusterInstance, inputs: { publiclyAccessible: true } },
      messages: ["publiclyAccessible is true; set publiclyAccessible: false"],
    },
  ],
  unknown: { fixture: { type: T.rdsInstance, inputs: { publiclyAccessible: UNKNOWN } }, path: "publiclyAccessible" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
