import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

const nonEmpty = (v: unknown): boolean => typeof v === "string" && v.length > 0;

/**
 * What shows a stack is audited: a trail it declares that records every region and is logging, a
 * MigrationAuditTrail component adopting a trail by name (`adoptedTrailName`), or a
 * MigrationOperatorAccess component naming the trail the foundation created or adopted
 * (`auditTrailName`). Components are judged by the inputs they record, not imported.
 */
function audits(r: PolicyResource): boolean {
  switch (r.type) {
    case T.cloudtrail:
      return r.props.isMultiRegionTrail === true && r.props.enableLogging !== false;
    case T.migrationAuditTrail:
      return nonEmpty(r.props.adoptedTrailName);
    case T.migrationOperatorAccess:
      return nonEmpty(r.props.auditTrailName);
    default:
      return false;
  }
}

export const cloudtrailTrailPresent = stackPolicy({
  name: "cloudtrail-trail-present",
  concern: "audit",
  description:
    "A stack that builds a migration network or DMS replication is audited by a CloudTrail trail recording every region (DMS API calls are management events): one it declares (multi-region, logging), or one it adopts by name (MigrationAuditTrail adoptedTrailName, or MigrationOperatorAccess auditTrailName from the foundation's output). Advisory: the trail may be the organisation's, which this stack cannot see.",
  control: "Security Hub CloudTrail.1 (multi-region trail with management events); AWS DMS security best practices",
  enforcementLevel: "advisory",
  types: [T.vpc, T.dmsReplicationInstance, T.dmsReplicationConfig],
  validate: (args, report) => {
    if (args.resources.some(audits)) return;
    report(
      "no multi-region CloudTrail trail audits this stack: declare a MigrationAuditTrail (created, or adopting the organisation/account trail by name: dms-platform-foundation:audit.trailName), or pass the foundation's auditTrailName to MigrationOperatorAccess",
    );
  },
});
