import { redshiftAuditLogging } from "./redshift-audit-logging.js";
import { redshiftAutomaticSnapshots } from "./redshift-automatic-snapshots.js";
import { redshiftClusterEncryptedWithCustomerKey } from "./redshift-cluster-encrypted-with-customer-key.js";
import { redshiftClusterNotPublic } from "./redshift-cluster-not-public.js";
import { redshiftEnhancedVpcRouting } from "./redshift-enhanced-vpc-routing.js";
import { redshiftNoDefaultAdminUsername } from "./redshift-no-default-admin-username.js";
import { redshiftTlsRequired } from "./redshift-tls-required.js";

export {
  redshiftAuditLogging,
  redshiftAutomaticSnapshots,
  redshiftClusterEncryptedWithCustomerKey,
  redshiftClusterNotPublic,
  redshiftEnhancedVpcRouting,
  redshiftNoDefaultAdminUsername,
  redshiftTlsRequired,
};

/** The Redshift policies (analytics targets, docs/analytics-targets.md), in the pack's order. */
export const redshiftPolicies = [
  redshiftClusterNotPublic,
  redshiftClusterEncryptedWithCustomerKey,
  redshiftTlsRequired,
  redshiftAutomaticSnapshots,
  redshiftAuditLogging,
  redshiftEnhancedVpcRouting,
  redshiftNoDefaultAdminUsername,
] as const;
