import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

const PROTECT =
  "set the resource option protect: true (MigrationDatabase and MigrationNetwork do in prod: profile protect)";

/** The buckets a CloudTrail trail of the stack writes to (its s3BucketName depends on them). */
function trailBuckets(resources: readonly PolicyResource[]): Set<PolicyResource> {
  const buckets = new Set<PolicyResource>();
  for (const r of resources) {
    if (r.type !== T.cloudtrail) continue;
    for (const b of r.propertyDependencies.s3BucketName ?? []) buckets.add(b);
  }
  return buckets;
}

/**
 * What the engine lets a policy see of a resource's lifecycle: `protect` (the analyzer's
 * PolicyResourceOptions carry protect, ignoreChanges, aliases, customTimeouts,
 * additionalSecretOutputs, deleteBeforeReplace and parent — not retainOnDelete: @pulumi/policy 1.21
 * server.js getResourceOptions) and the properties that decide what a delete leaves behind.
 */
export const statefulResourcesProtected = stackPolicy({
  name: "stateful-resources-protected",
  concern: "rds",
  description:
    "In prod, what holds data or decrypts it survives a mistaken `pulumi destroy` or replacement: RDS instances and clusters, KMS keys and the buckets CloudTrail writes to carry the resource option `protect: true`; databases keep their final snapshot (skipFinalSnapshot not true; the provider's default is false); Secrets Manager secrets keep a recovery window (recoveryWindowInDays not 0, which deletes at once); trail buckets are not forceDestroy. Deletion protection itself is rds-deletion-protection's. Mandatory in prod only (dev and test rebuild their databases).",
  control: "no Security Hub or checkov control (protect is a Pulumi option); AWS Well-Architected REL09 (back up data)",
  enforcementLevel: "mandatory",
  types: [T.rdsInstance, T.rdsCluster, T.kmsKey, T.secret, T.cloudtrail],
  validate: (args, report) => {
    const logBuckets = trailBuckets(args.resources);
    for (const r of args.resources) {
      if (r.type === T.rdsInstance || r.type === T.rdsCluster) {
        if (!r.opts.protect) report(`the database is not protected (protect: false); ${PROTECT}`, r.urn);
        if (r.props.skipFinalSnapshot === true) {
          report(
            "skipFinalSnapshot is true: deleting the database keeps no snapshot; set skipFinalSnapshot: false with a finalSnapshotIdentifier (MigrationDatabase finalSnapshot: true, prod's default)",
            r.urn,
          );
        }
      } else if (r.type === T.kmsKey) {
        if (!r.opts.protect) {
          report(
            `the KMS key is not protected (protect: false): what it encrypts is lost once it is deleted; ${PROTECT}`,
            r.urn,
          );
        }
      } else if (r.type === T.secret) {
        if (r.props.recoveryWindowInDays === 0) {
          report(
            "recoveryWindowInDays is 0: deleting the secret destroys it at once; leave it unset (30 days) or set 7 to 30",
            r.urn,
          );
        }
      } else if (logBuckets.has(r)) {
        if (!r.opts.protect) report(`the trail's log bucket is not protected (protect: false); ${PROTECT}`, r.urn);
        if (r.props.forceDestroy === true) {
          report("forceDestroy is true: a delete empties the audit log bucket; remove forceDestroy", r.urn);
        }
      }
    }
  },
});
