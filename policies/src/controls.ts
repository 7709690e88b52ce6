/**
 * Every Security Hub and checkov control about DMS, and the policy of this pack that enforces it
 * (or why none does): docs/policies.md renders it, and a test checks each named policy exists.
 * Sources: AWS Security Hub User Guide, "Security Hub controls for AWS DMS" (DMS.1-DMS.13);
 * bridgecrewio/checkov checkov/terraform/checks/resource/aws (DMS*.py, ReplicationInstance*.py).
 */
export const DMS_CONTROLS: ReadonlyArray<{ control: string; title: string; policy?: string; why?: string }> = [
  {
    control: "Security Hub DMS.1",
    title: "replication instances should not be public",
    policy: "dms-replication-instance-not-public",
  },
  { control: "Security Hub DMS.2", title: "DMS certificates should be tagged", policy: "required-tags-present" },
  { control: "Security Hub DMS.3", title: "DMS event subscriptions should be tagged", policy: "required-tags-present" },
  {
    control: "Security Hub DMS.4",
    title: "DMS replication instances should be tagged",
    policy: "required-tags-present",
  },
  {
    control: "Security Hub DMS.5",
    title: "DMS replication subnet groups should be tagged",
    policy: "required-tags-present",
  },
  {
    control: "Security Hub DMS.6",
    title: "replication instances should have automatic minor version upgrade enabled",
    policy: "dms-replication-instance-auto-minor-upgrade",
  },
  {
    control: "Security Hub DMS.7",
    title: "replication tasks for the target database should have logging enabled",
    policy: "dms-task-logging-enabled",
  },
  {
    control: "Security Hub DMS.8",
    title: "replication tasks for the source database should have logging enabled",
    policy: "dms-task-logging-enabled",
  },
  { control: "Security Hub DMS.9", title: "DMS endpoints should use SSL", policy: "dms-endpoint-ssl-enabled" },
  {
    control: "Security Hub DMS.10",
    title: "DMS endpoints for Neptune should have IAM authorization enabled",
    policy: "dms-neptune-endpoint-iam-authorization",
  },
  {
    control: "Security Hub DMS.11",
    title: "DMS endpoints for MongoDB should have an authentication mechanism enabled",
    policy: "dms-mongodb-endpoint-authentication",
  },
  {
    control: "Security Hub DMS.12",
    title: "DMS endpoints for Redis OSS should have TLS enabled",
    policy: "dms-redis-endpoint-tls",
  },
  {
    control: "Security Hub DMS.13",
    title: "DMS replication instances should be configured to use multiple Availability Zones",
    policy: "dms-replication-multi-az",
  },
  {
    control: "checkov CKV_AWS_212",
    title: "DMS replication instance encrypted by a KMS CMK",
    policy: "dms-replication-encrypted-with-customer-key",
  },
  {
    control: "checkov CKV_AWS_296",
    title: "DMS endpoint uses a customer-managed key",
    policy: "dms-endpoint-encrypted-with-customer-key",
  },
  {
    control: "checkov CKV_AWS_298",
    title: "DMS S3 endpoint uses a customer-managed key",
    policy: "dms-s3-endpoint-encrypted-with-customer-key",
  },
  {
    control: "checkov CKV_AWS_299",
    title: "DMS S3 endpoint defines in-transit encryption",
    policy: "dms-s3-endpoint-ssl",
  },
  {
    control: "(none)",
    title: "plaintext secrets in endpoint settings (kafka, oracle, redis)",
    policy: "dms-endpoint-no-plaintext-password",
    why: "no Security Hub or checkov control covers the engine settings' own secrets",
  },
];
