// The pack's policies, separate from `new PolicyPack(...)` (which starts the analyzer's gRPC
// server): tests, `npm run plan` and other tools import this module and evaluate them in-process.
import type { Policy } from "@pulumi/policy";
import { cloudtrailTrailPresent } from "./audit/cloudtrail-trail-present.js";
import { cloudtrailValidationAndKms } from "./audit/cloudtrail-validation-and-kms.js";
import { dmsEndpointEncryptedWithCustomerKey } from "./dms/dms-endpoint-encrypted-with-customer-key.js";
import { dmsEndpointNoPlaintextPassword } from "./dms/dms-endpoint-no-plaintext-password.js";
import { dmsEndpointSslEnabled } from "./dms/dms-endpoint-ssl-enabled.js";
import { dmsEventSubscriptionExists } from "./dms/dms-event-subscription-exists.js";
import { dmsMongodbEndpointAuthentication } from "./dms/dms-mongodb-endpoint-authentication.js";
import { dmsNeptuneEndpointIamAuthorization } from "./dms/dms-neptune-endpoint-iam-authorization.js";
import { dmsRedisEndpointTls } from "./dms/dms-redis-endpoint-tls.js";
import { dmsReplicationEncryptedWithCustomerKey } from "./dms/dms-replication-encrypted-with-customer-key.js";
import { dmsReplicationInstanceAutoMinorUpgrade } from "./dms/dms-replication-instance-auto-minor-upgrade.js";
import { dmsReplicationInstanceNotPublic } from "./dms/dms-replication-instance-not-public.js";
import { dmsReplicationMultiAz } from "./dms/dms-replication-multi-az.js";
import { dmsS3EndpointEncryptedWithCustomerKey } from "./dms/dms-s3-endpoint-encrypted-with-customer-key.js";
import { dmsS3EndpointExpectedBucketOwner } from "./dms/dms-s3-endpoint-expected-bucket-owner.js";
import { dmsS3EndpointRoleLeastPrivilege } from "./dms/dms-s3-endpoint-role-least-privilege.js";
import { dmsS3EndpointSsl } from "./dms/dms-s3-endpoint-ssl.js";
import { dmsTaskDocumentsValid } from "./dms/dms-task-documents-valid.js";
import { dmsTaskLoggingEnabled } from "./dms/dms-task-logging-enabled.js";
import { resourcesDeclaredWithAwsProvider } from "./dms/resources-declared-with-aws-provider.js";
import { kmsKeyRotationEnabled } from "./encryption/kms-key-rotation-enabled.js";
import { logGroupEncryptedWithCustomerKey } from "./encryption/log-group-encrypted-with-customer-key.js";
import { logGroupRetention } from "./encryption/log-group-retention.js";
import { secretEncryptedWithCustomerKey } from "./encryption/secret-encrypted-with-customer-key.js";
import { secretRotationEnabled } from "./encryption/secret-rotation-enabled.js";
import { snsTopicEncrypted } from "./encryption/sns-topic-encrypted.js";
import { dmsAssessmentRoleConfusedDeputy } from "./iam/dms-assessment-role-confused-deputy.js";
import { iamNoAdministratorAccess } from "./iam/iam-no-administrator-access.js";
import { iamNoDmsFullAccess } from "./iam/iam-no-dms-full-access.js";
import { iamNoFullAdminStatement } from "./iam/iam-no-full-admin-statement.js";
import { resourcePolicyNotPublic } from "./iam/resource-policy-not-public.js";
import { alarmHasActions } from "./monitoring/alarm-has-actions.js";
import { defaultSecurityGroupNoRules } from "./network/default-security-group-no-rules.js";
import { securityGroupNoInternetReach } from "./network/security-group-no-internet-reach.js";
import { securityGroupNoPublicIngress } from "./network/security-group-no-public-ingress.js";
import { subnetNoPublicIpOnLaunch } from "./network/subnet-no-public-ip-on-launch.js";
import { vpcFlowLogsEnabled } from "./network/vpc-flow-logs-enabled.js";
import { rdsAutoMinorUpgrade } from "./rds/rds-auto-minor-upgrade.js";
import { rdsBackupRetention } from "./rds/rds-backup-retention.js";
import { rdsCopyTagsToSnapshot } from "./rds/rds-copy-tags-to-snapshot.js";
import { rdsDeletionProtection } from "./rds/rds-deletion-protection.js";
import { rdsEncryptedWithCustomerKey } from "./rds/rds-encrypted-with-customer-key.js";
import { rdsIamAuthentication } from "./rds/rds-iam-authentication.js";
import { rdsLogExports } from "./rds/rds-log-exports.js";
import { rdsMultiAz } from "./rds/rds-multi-az.js";
import { rdsNotPublic } from "./rds/rds-not-public.js";
import { rdsPerformanceInsightsEncrypted } from "./rds/rds-performance-insights-encrypted.js";
import { rdsTlsEnforced } from "./rds/rds-tls-enforced.js";
import { statefulResourcesProtected } from "./rds/stateful-resources-protected.js";
import {
  redshiftAuditLogging,
  redshiftAutomaticSnapshots,
  redshiftClusterEncryptedWithCustomerKey,
  redshiftClusterNotPublic,
  redshiftEnhancedVpcRouting,
  redshiftNoDefaultAdminUsername,
  redshiftPolicies,
  redshiftTlsRequired,
} from "./redshift/index.js";
import { dmsTargetBucketTlsOnly } from "./s3/dms-target-bucket-tls-only.js";
import { s3BucketKmsAndTlsOnly } from "./s3/s3-bucket-kms-and-tls-only.js";
import { s3BucketPublicAccessBlocked } from "./s3/s3-bucket-public-access-blocked.js";
import { dataClassificationTagValid } from "./tagging/data-classification-tag-valid.js";
import { dmsIdentifierNaming } from "./tagging/dms-identifier-naming.js";
import { environmentTagMatchesStack } from "./tagging/environment-tag-matches-stack.js";
import { requiredTagsPresent } from "./tagging/required-tags-present.js";
import { tagsWithinAwsLimit } from "./tagging/tags-within-aws-limit.js";

export { loadPolicyConfig, type PolicyConfigDocument, policyConfigPath } from "./config.js";
export { CONCERNS, type Concern, type PolicyInfo, policyInfo } from "./lib/policy.js";
export {
  alarmHasActions,
  cloudtrailTrailPresent,
  cloudtrailValidationAndKms,
  dataClassificationTagValid,
  defaultSecurityGroupNoRules,
  dmsAssessmentRoleConfusedDeputy,
  dmsEndpointEncryptedWithCustomerKey,
  dmsEndpointNoPlaintextPassword,
  dmsEndpointSslEnabled,
  dmsEventSubscriptionExists,
  dmsIdentifierNaming,
  dmsMongodbEndpointAuthentication,
  dmsNeptuneEndpointIamAuthorization,
  dmsRedisEndpointTls,
  dmsReplicationEncryptedWithCustomerKey,
  dmsReplicationInstanceAutoMinorUpgrade,
  dmsReplicationInstanceNotPublic,
  dmsReplicationMultiAz,
  dmsS3EndpointEncryptedWithCustomerKey,
  dmsS3EndpointExpectedBucketOwner,
  dmsS3EndpointRoleLeastPrivilege,
  dmsS3EndpointSsl,
  dmsTargetBucketTlsOnly,
  dmsTaskDocumentsValid,
  dmsTaskLoggingEnabled,
  environmentTagMatchesStack,
  iamNoAdministratorAccess,
  iamNoDmsFullAccess,
  iamNoFullAdminStatement,
  kmsKeyRotationEnabled,
  logGroupEncryptedWithCustomerKey,
  logGroupRetention,
  rdsAutoMinorUpgrade,
  rdsBackupRetention,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsEncryptedWithCustomerKey,
  rdsIamAuthentication,
  rdsLogExports,
  rdsMultiAz,
  rdsNotPublic,
  rdsPerformanceInsightsEncrypted,
  rdsTlsEnforced,
  redshiftAuditLogging,
  redshiftAutomaticSnapshots,
  redshiftClusterEncryptedWithCustomerKey,
  redshiftClusterNotPublic,
  redshiftEnhancedVpcRouting,
  redshiftNoDefaultAdminUsername,
  redshiftTlsRequired,
  requiredTagsPresent,
  resourcePolicyNotPublic,
  resourcesDeclaredWithAwsProvider,
  s3BucketKmsAndTlsOnly,
  s3BucketPublicAccessBlocked,
  secretEncryptedWithCustomerKey,
  secretRotationEnabled,
  securityGroupNoInternetReach,
  securityGroupNoPublicIngress,
  snsTopicEncrypted,
  statefulResourcesProtected,
  subnetNoPublicIpOnLaunch,
  tagsWithinAwsLimit,
  vpcFlowLogsEnabled,
};

/** The name the pack is published and reported under. */
export const POLICY_PACK_NAME = "dms-platform";

/** Every policy of the pack, grouped by concern. */
export const policies: readonly Policy[] = [
  // DMS
  dmsReplicationInstanceNotPublic,
  dmsReplicationEncryptedWithCustomerKey,
  dmsReplicationMultiAz,
  dmsReplicationInstanceAutoMinorUpgrade,
  dmsEndpointSslEnabled,
  dmsEndpointNoPlaintextPassword,
  dmsEndpointEncryptedWithCustomerKey,
  dmsNeptuneEndpointIamAuthorization,
  dmsMongodbEndpointAuthentication,
  dmsRedisEndpointTls,
  dmsS3EndpointEncryptedWithCustomerKey,
  dmsS3EndpointSsl,
  dmsS3EndpointExpectedBucketOwner,
  dmsS3EndpointRoleLeastPrivilege,
  dmsTaskLoggingEnabled,
  dmsTaskDocumentsValid,
  dmsEventSubscriptionExists,
  resourcesDeclaredWithAwsProvider,
  // RDS
  rdsEncryptedWithCustomerKey,
  rdsNotPublic,
  rdsBackupRetention,
  rdsDeletionProtection,
  rdsMultiAz,
  rdsIamAuthentication,
  rdsAutoMinorUpgrade,
  rdsLogExports,
  rdsPerformanceInsightsEncrypted,
  rdsTlsEnforced,
  rdsCopyTagsToSnapshot,
  statefulResourcesProtected,
  // Redshift (analytics targets)
  ...redshiftPolicies,
  // Network
  securityGroupNoPublicIngress,
  securityGroupNoInternetReach,
  defaultSecurityGroupNoRules,
  subnetNoPublicIpOnLaunch,
  vpcFlowLogsEnabled,
  // Encryption: KMS, Secrets Manager, CloudWatch Logs, SNS
  kmsKeyRotationEnabled,
  secretEncryptedWithCustomerKey,
  secretRotationEnabled,
  logGroupRetention,
  logGroupEncryptedWithCustomerKey,
  snsTopicEncrypted,
  // Monitoring
  alarmHasActions,
  // IAM
  iamNoFullAdminStatement,
  iamNoAdministratorAccess,
  iamNoDmsFullAccess,
  resourcePolicyNotPublic,
  dmsAssessmentRoleConfusedDeputy,
  // Audit: CloudTrail
  cloudtrailValidationAndKms,
  cloudtrailTrailPresent,
  // S3
  s3BucketPublicAccessBlocked,
  dmsTargetBucketTlsOnly,
  s3BucketKmsAndTlsOnly,
  // Tagging and naming
  requiredTagsPresent,
  environmentTagMatchesStack,
  dataClassificationTagValid,
  tagsWithinAwsLimit,
  dmsIdentifierNaming,
];
