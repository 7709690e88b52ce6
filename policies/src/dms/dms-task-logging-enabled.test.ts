import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsTaskLoggingEnabled } from "./dms-task-logging-enabled.js";

const FIX =
  "set Logging.EnableLogging: true and Logging.LogComponents SOURCE_CAPTURE, SOURCE_UNLOAD, TARGET_APPLY, TARGET_LOAD at LOGGER_SEVERITY_DEFAULT or above";

const settings = (logging: unknown) => JSON.stringify({ TargetMetadata: { SupportLobs: true }, Logging: logging });
const components = (severities: Record<string, string>) =>
  Object.entries(severities).map(([Id, Severity]) => ({ Id, Severity }));
const task = (replicationTaskSettings: unknown) => ({
  type: T.dmsReplicationTask,
  inputs: { replicationTaskId: "prod-orders-full-load-dms", replicationTaskSettings },
});

const ALL_DEFAULT = {
  SOURCE_CAPTURE: "LOGGER_SEVERITY_DEFAULT",
  SOURCE_UNLOAD: "LOGGER_SEVERITY_DEFAULT",
  TARGET_APPLY: "LOGGER_SEVERITY_DEFAULT",
  TARGET_LOAD: "LOGGER_SEVERITY_DEFAULT",
};

describePolicy(dmsTaskLoggingEnabled, {
  passes: [
    {
      title: "a task logging the four components at default",
      fixture: task(settings({ EnableLogging: true, LogComponents: components(ALL_DEFAULT) })),
    },
    {
      title: "a Serverless config logging at debug, with other components too",
      fixture: {
        type: T.dmsReplicationConfig,
        inputs: {
          replicationSettings: settings({
            EnableLogging: true,
            LogComponents: components({
              ...ALL_DEFAULT,
              TARGET_APPLY: "LOGGER_SEVERITY_DETAILED_DEBUG",
              TRANSFORMATION: "LOGGER_SEVERITY_ERROR",
            }),
          }),
        },
      },
    },
  ],
  fails: [
    {
      title: "a task without settings (logging off by default)",
      fixture: task(undefined),
      messages: [`replicationTaskSettings is not set, so task logging is off (the DMS default); ${FIX}`],
    },
    {
      title: "a task with logging disabled",
      fixture: task(settings({ EnableLogging: false, LogComponents: components(ALL_DEFAULT) })),
      messages: [`replicationTaskSettings: Logging.EnableLogging is false; ${FIX}`],
    },
    {
      title: "a task missing a component and logging another below default",
      fixture: task(
        settings({
          EnableLogging: true,
          LogComponents: components({
            SOURCE_CAPTURE: "LOGGER_SEVERITY_DEFAULT",
            TARGET_APPLY: "LOGGER_SEVERITY_DEBUG",
            TARGET_LOAD: "LOGGER_SEVERITY_WARNING",
          }),
        }),
      ),
      messages: [
        `replicationTaskSettings: Logging.LogComponents SOURCE_UNLOAD is missing, TARGET_LOAD is "LOGGER_SEVERITY_WARNING"; ${FIX}`,
      ],
    },
    {
      title: "settings that are not JSON",
      fixture: task("{Logging:"),
      messages: [`replicationTaskSettings is not valid JSON; ${FIX}`],
    },
  ],
  unknown: { fixture: task(UNKNOWN), path: "replicationTaskSettings" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
