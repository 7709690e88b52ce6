// The logging part of DMS task settings, judged the way Security Hub DMS.7 and DMS.8 judge it:
// Logging.EnableLogging true and each of the four components listed at LOGGER_SEVERITY_DEFAULT
// or a more verbose level.
// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.Logging.html
// Severities and their order come from the DMS document validators (a pure module, no Pulumi).
import { type LogComponentId, severityRank } from "@dms-platform/dms/documents";
import { asArray, asObject, jsonDocument, show } from "../lib/values.js";

/** The components Security Hub requires: DMS.8 (source) and DMS.7 (target). */
export const REQUIRED_LOG_COMPONENTS: readonly LogComponentId[] = [
  "SOURCE_CAPTURE",
  "SOURCE_UNLOAD",
  "TARGET_APPLY",
  "TARGET_LOAD",
];

const MINIMUM = severityRank("LOGGER_SEVERITY_DEFAULT");
const FIX = `set Logging.EnableLogging: true and Logging.LogComponents ${REQUIRED_LOG_COMPONENTS.join(", ")} at LOGGER_SEVERITY_DEFAULT or above`;

/** What is wrong with the logging of a settings document (`property` names it in messages), or undefined. */
export function taskLoggingProblem(property: string, settings: unknown): string | undefined {
  if (settings === undefined) return `${property} is not set, so task logging is off (the DMS default); ${FIX}`;
  const doc = jsonDocument(settings);
  if (doc instanceof Error) return `${property} is not valid JSON; ${FIX}`;
  const logging = asObject(asObject(doc)?.Logging);
  if (logging?.EnableLogging !== true) {
    return `${property}: Logging.EnableLogging is ${show(logging?.EnableLogging)}; ${FIX}`;
  }
  const components = asArray(logging.LogComponents).map((c) => asObject(c) ?? {});
  const problems: string[] = [];
  for (const id of REQUIRED_LOG_COMPONENTS) {
    const entry = components.find((c) => c.Id === id);
    if (!entry) {
      problems.push(`${id} is missing`);
      continue;
    }
    if (typeof entry.Severity !== "string" || severityRank(entry.Severity) < MINIMUM)
      problems.push(`${id} is ${show(entry.Severity)}`);
  }
  if (problems.length === 0) return undefined;
  return `${property}: Logging.LogComponents ${problems.join(", ")}; ${FIX}`;
}
