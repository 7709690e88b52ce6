import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { taskLoggingProblem } from "./task-logging.js";

export const dmsTaskLoggingEnabled = resourcePolicy({
  name: "dms-task-logging-enabled",
  concern: "dms",
  description:
    "DMS replication tasks (replicationTaskSettings) and DMS Serverless configs (replicationSettings) turn logging on with SOURCE_CAPTURE, SOURCE_UNLOAD, TARGET_APPLY and TARGET_LOAD at LOGGER_SEVERITY_DEFAULT or above: without these logs a failed full load or a stalled CDC stream cannot be diagnosed.",
  control: "Security Hub DMS.7, DMS.8",
  enforcementLevel: "mandatory",
  types: [T.dmsReplicationTask, T.dmsReplicationConfig],
  validate: (props, args, report) => {
    const property = args.type === T.dmsReplicationTask ? "replicationTaskSettings" : "replicationSettings";
    const problem = taskLoggingProblem(property, props[property]);
    if (problem) report(problem);
  },
});
