/**
 * `@dms-platform/dms`: the DmsReplication and DmsAccountRoles components, plus the table-mappings
 * and task-settings documents (also importable without Pulumi from `@dms-platform/dms/documents`).
 */
export * from "./alarms.js";
export * from "./args.js";
export * from "./capacity.js";
export * from "./dms-account-roles.js";
export * from "./dms-replication.js";
export * from "./documents/index.js";
export { endpointShortName, secretAccessPolicy, secretAccessTrustPolicy } from "./endpoints.js";
export * from "./engines.js";
export * from "./replacement.js";
export { taskTags, WAVE_TAG } from "./replication-capacity.js";
export * from "./security-group-plan.js";
export * from "./sources.js";
export * from "./task-documents.js";
export * from "./task-settings.js";
