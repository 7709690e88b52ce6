import { stackPolicy } from "../lib/policy.js";
import { asArray } from "../lib/values.js";
import { R } from "./types.js";

/** The audit logs Redshift exports to CloudWatch (aws.redshift.Logging logExports). */
const AUDIT_LOGS = ["connectionlog", "userlog", "useractivitylog"] as const;

export const redshiftAuditLogging = stackPolicy({
  name: "redshift-audit-logging",
  concern: "redshift",
  description:
    "Every Redshift cluster has audit logging on: an aws.redshift.Logging resource for it (the cluster's own `logging` block is gone from provider v6) exporting connectionlog, userlog and useractivitylog to CloudWatch, or writing them to an S3 bucket. Every Redshift Serverless namespace exports the same three logs to CloudWatch (its `logExports`; Serverless audit logs go to CloudWatch only). Who connected and what ran is the record an incident needs. (checkov CKV_AWS_71 reads the removed `logging` block, so it cannot pass a v6 cluster.)",
  control: "Security Hub Redshift.4, RedshiftServerless.6; checkov CKV_AWS_71",
  enforcementLevel: "mandatory",
  types: [R.cluster, R.namespace],
  validate: (args, report) => {
    for (const namespace of args.resources) {
      if (namespace.type !== R.namespace) continue;
      const exported = asArray(namespace.props.logExports);
      const missing = AUDIT_LOGS.filter((l) => !exported.includes(l));
      if (missing.length === 0) continue;
      report(
        namespace.props.logExports === undefined
          ? 'the namespace exports no audit log (logExports is not set); set logExports ["connectionlog", "userlog", "useractivitylog"]'
          : `the namespace does not export ${missing.join(", ")}; add them to logExports`,
        namespace.urn,
      );
    }
    const loggings = args.resources.filter((r) => r.type === R.logging);
    for (const cluster of args.resources) {
      if (cluster.type !== R.cluster) continue;
      const logging = loggings.find(
        (l) =>
          (l.propertyDependencies.clusterIdentifier ?? []).some((d) => d.urn === cluster.urn) ||
          (l.props.clusterIdentifier !== undefined && l.props.clusterIdentifier === cluster.props.clusterIdentifier),
      );
      if (!logging) {
        report(
          'no aws.redshift.Logging resource logs this cluster; add one with clusterIdentifier set to the cluster\'s, logDestinationType: "cloudwatch" and logExports ["connectionlog", "userlog", "useractivitylog"]',
          cluster.urn,
        );
        continue;
      }
      const destination = logging.props.logDestinationType;
      if (destination === "s3" && typeof logging.props.bucketName === "string") continue;
      if (destination === "cloudwatch") {
        const exported = asArray(logging.props.logExports);
        const missing = AUDIT_LOGS.filter((l) => !exported.includes(l));
        if (missing.length === 0) continue;
        report(`the cluster's logging does not export ${missing.join(", ")}; add them to logExports`, cluster.urn);
        continue;
      }
      report(
        'the cluster\'s logging has no destination; set logDestinationType: "cloudwatch" with logExports, or "s3" with bucketName',
        cluster.urn,
      );
    }
  },
});
