/**
 * `@dms-platform/access`: operator access (MigrationOperatorAccess: migration-admin and
 * migration-viewer roles, the delete guard) and audit (MigrationAuditTrail: CloudTrail). The IAM
 * documents and their evaluator are also importable without Pulumi from
 * `@dms-platform/access/iam-documents`.
 */
export * from "./audit-documents.js";
export * from "./iam-documents.js";
export * from "./migration-audit-trail.js";
export * from "./migration-operator-access.js";
