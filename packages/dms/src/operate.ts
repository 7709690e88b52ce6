/**
 * `@dms-platform/dms/operate`: what operating a running migration needs, without Pulumi: the
 * identifiers DmsReplication gives its resources, the metric dimensions its alarms and dashboard
 * use, the dashboard body, and the task documents it sends (to know whether validation is on).
 * The `status` and `cutover-check` commands and the plan's Markdown import this subpath, so they
 * can never compute a name or a dimension differently from the component.
 */

// Metric dimensions (AWS/DMS) and the task resource id they carry.
export {
  type AlarmSpec,
  breachesAlarm,
  DMS_NAMESPACE,
  INSTANCE_DIMENSION,
  instanceAlarmSpecs,
  SERVERLESS_DIMENSION,
  SERVERLESS_METRICS,
  serverlessAlarmSpecs,
  serverlessMetricId,
  TASK_DIMENSION,
  taskAlarmSpecs,
  taskResourceId,
} from "./alarms.js";
// Premigration assessment results: the bucket, the role, the folder of a task's runs.
export {
  type AssessmentContext,
  assessmentBucketName,
  assessmentFolder,
  assessmentRoleName,
} from "./assessment-documents.js";
// The dashboard body: decided, validated, listed.
export {
  type DashboardBody,
  DashboardBodyError,
  type DashboardPlan,
  type DashboardTask,
  type DashboardWidget,
  dashboardBody,
  dashboardBodySchema,
  dashboardWidgetTitles,
  parseDashboardBody,
} from "./dashboard.js";
// Identifiers and addresses.
export {
  dashboardName,
  dashboardUrl,
  type MigrationParts,
  replicationConfigIdentifier,
  replicationInstanceIdentifier,
  replicationTaskIdentifier,
} from "./identifiers.js";
// The documents a task sends.
export { type TaskDocuments, taskDocuments } from "./task-documents.js";
