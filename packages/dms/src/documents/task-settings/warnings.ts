/**
 * Task-settings warnings: settings that the task's migration type or target engine ignores.
 */
import type { DocumentWarning } from "../errors.js";
import { isPlainObject } from "../schema-helpers.js";
import type { TaskSettings, TaskSettingsParseOptions } from "./types.js";

const MYSQL_TARGETS = new Set(["mysql", "mariadb", "aurora"]);
const STREAM_TARGET_THREAD_MAX: Readonly<Record<string, number>> = {
  dynamodb: 200,
  kinesis: 32,
  kafka: 32,
  opensearch: 32,
  elasticsearch: 32,
};
const RELATIONAL_TARGETS = new Set([...MYSQL_TARGETS, "postgres", "aurora-postgresql"]);

/**
 * Settings that DMS accepts but that the task's migration type or target engine ignores (or that the guide says to
 * leave alone for that engine). Only values that show intent are reported (a flag set to true, a non-empty schema),
 * so settings exported from a real task, which carry every key at its default, draw no warning.
 */
export function taskSettingsWarnings(
  doc: TaskSettings,
  context: Pick<TaskSettingsParseOptions, "migrationType" | "targetEngine">,
): DocumentWarning[] {
  const out: DocumentWarning[] = [];
  const get = (section: string, key: string): unknown => {
    const s = doc[section];
    return isPlainObject(s) ? s[key] : undefined;
  };
  const type = context.migrationType;
  if (type === "full-load") {
    for (const key of ["StopTaskCachedChangesApplied", "StopTaskCachedChangesNotApplied"]) {
      if (get("FullLoadSettings", key) === true) {
        out.push({
          path: `FullLoadSettings.${key}`,
          message:
            'applies only to a task that also replicates changes ("For full load and CDC-enabled tasks", Full-load task settings); this task is full-load, so DMS ignores it',
        });
      }
    }
    if (get("TargetMetadata", "BatchApplyEnabled") === true) {
      out.push({
        path: "TargetMetadata.BatchApplyEnabled",
        message: "batch apply is how DMS applies captured changes; this task is full-load (no CDC), so DMS ignores it",
      });
    }
    for (const key of ["StatusTableEnabled", "SuspendedTablesTableEnabled", "HistoryTableEnabled"]) {
      if (get("ControlTablesSettings", key) === true) {
        out.push({
          path: `ControlTablesSettings.${key}`,
          message:
            "DMS creates this control table only for full-load-and-cdc and cdc tasks (Control table task settings); this task is full-load",
        });
      }
    }
    if (get("LoopbackPreventionSettings", "EnableLoopbackPrevention") === true) {
      out.push({
        path: "LoopbackPreventionSettings.EnableLoopbackPrevention",
        message: "loopback prevention guards ongoing replication; this task is full-load, so DMS ignores it",
      });
    }
    if (get("BeforeImageSettings", "EnableBeforeImage") === true) {
      out.push({
        path: "BeforeImageSettings.EnableBeforeImage",
        message: "before images are written for captured changes (CDC); this task is full-load, so DMS ignores it",
      });
    }
  }
  if (type === "cdc") {
    for (const key of ["CreatePkAfterFullLoad", "StopTaskCachedChangesApplied", "StopTaskCachedChangesNotApplied"]) {
      if (get("FullLoadSettings", key) === true) {
        out.push({
          path: `FullLoadSettings.${key}`,
          message: "applies to the full load; this task is cdc (no full load), so DMS ignores it",
        });
      }
    }
  }
  const engine = context.targetEngine;
  if (engine !== undefined) {
    const targetSchema = get("TargetMetadata", "TargetSchema");
    if (MYSQL_TARGETS.has(engine) && typeof targetSchema === "string" && targetSchema !== "") {
      out.push({
        path: "TargetMetadata.TargetSchema",
        message: `should be left empty for MySQL-type target endpoints (Target metadata task settings); the target is ${engine}: rename schemas with a transformation rule instead`,
      });
    }
    const threads = get("TargetMetadata", "ParallelLoadThreads");
    if (MYSQL_TARGETS.has(engine) && typeof threads === "number" && threads > 16) {
      out.push({
        path: "TargetMetadata.ParallelLoadThreads",
        message: `is ${threads}; the maximum for a MySQL target is 16 unless AWS raised it for the account (Target metadata task settings)`,
      });
    }
    // "The maximum value for a DynamoDB target is 200. The maximum value for an Amazon Kinesis Data Streams, Apache
    // Kafka, or Amazon OpenSearch Service target is 32. You can ask to have this maximum limit increased" (Target
    // metadata task settings): a warning, since AWS may have raised it for the account.
    const streamMax = STREAM_TARGET_THREAD_MAX[engine];
    if (streamMax !== undefined && typeof threads === "number" && threads > streamMax) {
      out.push({
        path: "TargetMetadata.ParallelLoadThreads",
        message: `is ${threads}; the maximum for a ${engine} target is ${streamMax} unless AWS raised it for the account (Target metadata task settings)`,
      });
    }
    const buffer = get("TargetMetadata", "ParallelLoadBufferSize");
    if (RELATIONAL_TARGETS.has(engine) && typeof buffer === "number" && buffer > 0) {
      out.push({
        path: "TargetMetadata.ParallelLoadBufferSize",
        message: `is valid only when DynamoDB is the target (Target metadata task settings); the target is ${engine}, so DMS ignores it`,
      });
    }
    if (engine !== "oracle" && get("ChangeProcessingTuning", "BatchApplyPreserveTransaction") === false) {
      out.push({
        path: "ChangeProcessingTuning.BatchApplyPreserveTransaction",
        message: `applies only to Oracle target endpoints (Change processing tuning settings); the target is ${engine}, so DMS ignores it`,
      });
    }
  }
  return out;
}
