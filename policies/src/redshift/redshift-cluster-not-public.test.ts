import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { redshiftClusterNotPublic } from "./redshift-cluster-not-public.js";
import { R } from "./types.js";

describePolicy(redshiftClusterNotPublic, {
  passes: [
    { title: "a private cluster", fixture: { type: R.cluster, inputs: { publiclyAccessible: false } } },
    { title: "a cluster leaving it unset (the provider sends false)", fixture: { type: R.cluster, inputs: {} } },
    { title: "a private serverless workgroup", fixture: { type: R.workgroup, inputs: { publiclyAccessible: false } } },
  ],
  fails: [
    {
      title: "a public cluster",
      fixture: { type: R.cluster, inputs: { publiclyAccessible: true } },
      messages: ["publiclyAccessible is true; set publiclyAccessible: false"],
    },
    {
      title: "a public serverless workgroup",
      fixture: { type: R.workgroup, inputs: { publiclyAccessible: true } },
      messages: ["publiclyAccessible is true; set publiclyAccessible: false"],
    },
  ],
  unknown: { fixture: { type: R.cluster, inputs: { publiclyAccessible: UNKNOWN } }, path: "publiclyAccessible" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
