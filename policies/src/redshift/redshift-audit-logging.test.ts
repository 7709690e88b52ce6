import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { redshiftAuditLogging } from "./redshift-audit-logging.js";
import { R } from "./types.js";

const cluster: ResourceSpec = { type: R.cluster, name: "cluster", inputs: { clusterIdentifier: "prod-orders-dwh" } };
const logging = (inputs: Record<string, unknown>): ResourceSpec => ({
  type: R.logging,
  name: "logging",
  inputs: { clusterIdentifier: "prod-orders-dwh", ...inputs },
  propertyDependencies: { clusterIdentifier: ["cluster"] },
});
const all = ["connectionlog", "useractivitylog", "userlog"];

describePolicy(redshiftAuditLogging, {
  passes: [
    {
      title: "a cluster exporting its three audit logs to CloudWatch",
      fixture: [cluster, logging({ logDestinationType: "cloudwatch", logExports: all })],
    },
    {
      title: "a cluster logging to an S3 bucket",
      fixture: [cluster, logging({ logDestinationType: "s3", bucketName: "prod-orders-audit" })],
    },
    {
      title: "a serverless namespace exporting its three audit logs",
      fixture: { type: R.namespace, inputs: { namespaceName: "prod-orders-dwh", logExports: all } },
    },
  ],
  fails: [
    {
      title: "a cluster without logging",
      fixture: [cluster],
      messages: [
        'no aws.redshift.Logging resource logs this cluster; add one with clusterIdentifier set to the cluster\'s, logDestinationType: "cloudwatch" and logExports ["connectionlog", "userlog", "useractivitylog"]',
      ],
    },
    {
      title: "a cluster exporting only the connection log",
      fixture: [cluster, logging({ logDestinationType: "cloudwatch", logExports: ["connectionlog"] })],
      messages: ["the cluster's logging does not export userlog, useractivitylog; add them to logExports"],
    },
    {
      title: "a serverless namespace exporting no log",
      fixture: { type: R.namespace, inputs: { namespaceName: "prod-orders-dwh" } },
      messages: [
        'the namespace exports no audit log (logExports is not set); set logExports ["connectionlog", "userlog", "useractivitylog"]',
      ],
    },
    {
      title: "a serverless namespace exporting only the connection log",
      fixture: { type: R.namespace, inputs: { namespaceName: "prod-orders-dwh", logExports: ["connectionlog"] } },
      messages: ["the namespace does not export userlog, useractivitylog; add them to logExports"],
    },
  ],
  unknown: {
    fixture: [cluster, logging({ logDestinationType: UNKNOWN, logExports: all })],
    path: "logDestinationType",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
