/**
 * `@dms-platform/dms/operate`: what operating a running migration needs without Pulumi: the
 * identifiers the component gives its resources, the alarm specs and metric dimensions, and the
 * dashboard body. The `dms-platform status` and `cutover-check` commands import this subpath.
 */
export * from "./alarms.js";
export * from "./dashboard.js";
export * from "./identifiers.js";
export { type TaskDocuments, taskDocuments } from "./task-documents.js";
