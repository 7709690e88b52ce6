import type { ReplicationTaskAssessmentRun } from "@aws-sdk/client-database-migration-service";
import type { ValidateReport } from "../live/validate.js";
import { type AnalyticsReport, scopeLines, tableLine } from "./analytics/compare.js";
import type { OperateAws } from "./aws.js";
import { type LatencyQuery, latencySpec } from "./latency.js";
import type { OperatedMigration } from "./migration.js";
import { type MigrationStatus, migrationStatus, type TaskStatus } from "./status.js";
import { BLOCKING_TROUBLES } from "./verdicts.js";

/**
 * The cutover gate (`dms-platform cutover-check`): the conditions docs/runbook.md asks a human to
 * judge before pointing the application at the target, each printed with its evidence. Ready only
 * when every condition passes; a "warn" (validation off) passes, said loudly.
 */

export type Outcome = "pass" | "fail" | "warn";

export interface CutoverCondition {
  /** Stable id (JSON, the runbook's headings): tasks-in-cdc, no-table-errors, dms-validation, cdc-latency, data-equal, assessment. */
  id: "tasks-in-cdc" | "no-table-errors" | "dms-validation" | "cdc-latency" | "data-equal" | "assessment";
  title: string;
  outcome: Outcome;
  evidence: string[];
}

export interface CutoverReport {
  command: "cutover-check";
  migration: string;
  environment: string;
  file: string;
  checkedAt: string;
  latencyMinutes: number;
  conditions: CutoverCondition[];
  ready: boolean;
}

const outcomeOf = (failed: boolean, warned = false): Outcome => (failed ? "fail" : warned ? "warn" : "pass");

function tasksInCdc(tasks: readonly TaskStatus[]): CutoverCondition {
  const evidence: string[] = [];
  let failed = false;
  for (const t of tasks) {
    if (!t.found) {
      failed = true;
      evidence.push(`${t.identifier}: not found in AWS (${t.problems[0] ?? ""})`);
      continue;
    }
    const p = t.progress;
    if (t.migrationType === "full-load") {
      const finished = t.status === "stopped" && (t.stopReason ?? "").includes("FULL_LOAD_ONLY_FINISHED");
      failed ||= !finished;
      evidence.push(
        finished
          ? `${t.identifier}: full load finished (${t.stopReason}); a full-load task captures no changes: keep writes to the source stopped from now on`
          : `${t.identifier}: full-load task ${t.status}${t.stopReason ? ` (${t.stopReason})` : ""}, ${p?.percent ?? 0}% loaded: wait until it finishes`,
      );
      continue;
    }
    const loaded = t.migrationType === "cdc" || p?.fullLoadFinished === true || p?.percent === 100;
    const ok = t.status === "running" && loaded;
    failed ||= !ok;
    evidence.push(
      `${t.identifier}: ${t.status}${t.stopReason && t.status !== "running" ? ` (${t.stopReason})` : ""}${
        t.migrationType === "cdc"
          ? ", CDC only"
          : `, full load ${p?.percent ?? 0}% (${p?.tablesLoaded ?? 0} loaded, ${p?.tablesLoading ?? 0} loading, ${p?.tablesQueued ?? 0} queued)${p?.fullLoadFinished ? ", finished" : ""}`
      }${ok ? ": replicating changes" : ""}`,
    );
  }
  return {
    id: "tasks-in-cdc",
    title: "every task is running CDC (its full load finished)",
    outcome: outcomeOf(failed),
    evidence,
  };
}

/** Troubles the gate refuses: every blocking one, and suspended records (DMS could not compare them). */
const GATE_TROUBLES = new Set<string>([...BLOCKING_TROUBLES, "suspended"]);

function noTableErrors(tasks: readonly TaskStatus[]): CutoverCondition {
  const evidence: string[] = [];
  let failed = false;
  for (const t of tasks) {
    if (!t.found) {
      failed = true;
      evidence.push(`${t.identifier}: not found in AWS`);
      continue;
    }
    if (t.tablesUnavailable) {
      failed = true;
      evidence.push(`${t.identifier}: table statistics unavailable: ${t.tablesUnavailable}`);
      continue;
    }
    const bad = t.tables.filter((r) => r.trouble !== undefined && GATE_TROUBLES.has(r.trouble));
    if (bad.length === 0) {
      evidence.push(`${t.identifier}: ${t.tables.length} table(s), none errored, missing, cancelled or suspended`);
      continue;
    }
    failed = true;
    for (const r of bad) {
      evidence.push(
        `${t.identifier}: ${r.schema}.${r.table} ${r.trouble === "suspended" ? "suspended" : r.trouble === "error" ? "in error" : r.trouble} (table state "${r.state}", validation "${r.validationState}"${r.validationSuspendedRecords ? `, ${r.validationSuspendedRecords} suspended record(s)` : ""})`,
      );
    }
  }
  const errored = tasks.reduce((sum, t) => sum + (t.progress?.tablesErrored ?? 0), 0);
  if (errored > 0) evidence.push(`ReplicationTaskStats report ${errored} errored table(s)`);
  return {
    id: "no-table-errors",
    title: "no table is errored, missing, cancelled or suspended",
    outcome: outcomeOf(failed || errored > 0),
    evidence,
  };
}

function dmsValidation(tasks: readonly TaskStatus[]): CutoverCondition {
  const evidence: string[] = [];
  let failed = false;
  let off = false;
  for (const t of tasks) {
    if (!t.validationEnabled) {
      off = true;
      evidence.push(
        `${t.identifier}: DMS VALIDATION IS OFF (ValidationSettings.EnableValidation false): DMS compared no rows; only the row counts and checksums below vouch for the data`,
      );
      continue;
    }
    if (t.tablesUnavailable) {
      failed = true;
      evidence.push(`${t.identifier}: table statistics unavailable: ${t.tablesUnavailable}`);
      continue;
    }
    const notValidated = t.tables.filter((r) => r.validationState !== "Validated");
    if (t.tables.length === 0 || notValidated.length > 0) failed = true;
    evidence.push(
      notValidated.length === 0 && t.tables.length > 0
        ? `${t.identifier}: all ${t.tables.length} table(s) Validated`
        : t.tables.length === 0
          ? `${t.identifier}: DMS reports no table statistics`
          : `${t.identifier}: ${notValidated.map((r) => `${r.schema}.${r.table} "${r.validationState || "no state"}"`).join(", ")}`,
    );
  }
  return {
    id: "dms-validation",
    title: "DMS validation state is Validated for every table",
    outcome: outcomeOf(failed, off),
    evidence,
  };
}

function cdcLatency(tasks: readonly TaskStatus[], spec: LatencyQuery["spec"], minutes: number): CutoverCondition {
  const evidence: string[] = [];
  let failed = false;
  for (const t of tasks) {
    if (t.migrationType === "full-load") {
      evidence.push(`${t.identifier}: full-load task, no CDC latency`);
      continue;
    }
    for (const [side, l] of [
      ["source", t.latency.source],
      ["target", t.latency.target],
    ] as const) {
      const metric = `CDCLatency${side === "source" ? "Source" : "Target"}`;
      if (l.state === "unavailable") {
        failed = true;
        evidence.push(`${t.identifier}: ${metric} unavailable: ${l.detail ?? "not read"}`);
      } else if (l.state === "no-data") {
        failed = true;
        evidence.push(
          `${t.identifier}: no ${metric} data in the last ${minutes} min (${l.detail ?? "none"}; DMS publishes it only while CDC runs)`,
        );
      } else {
        const over = l.state === "over";
        const ok = !over && l.covered;
        failed ||= !ok;
        evidence.push(
          `${t.identifier}: ${side} latency max ${l.max} s over ${l.points} period(s) of ${spec.period} s, last ${l.last} s ${over ? ">" : "<="} ${spec.threshold} s${l.covered ? "" : ` but the window is not covered (${l.detail})`}`,
        );
      }
    }
  }
  return {
    id: "cdc-latency",
    title: `CDC latency at most ${spec.threshold} s (the alarm's rule: ${spec.statistic} per ${spec.period} s period) for the last ${minutes} min, with data for every period`,
    outcome: outcomeOf(failed),
    evidence,
  };
}

/** The data condition of a Redshift or S3 target: what validate compared there, and what it did not. */
function analyticsDataEqual(report: AnalyticsReport): CutoverCondition {
  const title =
    report.targetKind === "redshift"
      ? "row counts equal on source and warehouse (validate; checksums are not comparable across engines)"
      : "every table's files in the lake, DMS's row counts equal to the source's (validate; the files are not read)";
  return {
    id: "data-equal",
    title,
    outcome: outcomeOf(!report.ok),
    evidence: [
      `${report.source ?? "(source not read)"} -> ${report.target}: ${report.summary.passed}/${report.summary.tables} table(s) passed`,
      ...scopeLines(report),
      ...report.tables.map(
        (t) =>
          `${t.status === "match" || t.status === "files-present" || t.status === "empty" ? "" : `${t.status}: `}${tableLine(t)}`,
      ),
      ...(report.tables.length === 0 ? ["no table selected"] : []),
      ...(report.manifestFile
        ? [`manifest: ${report.manifestObjects ?? 0} object(s) written to ${report.manifestFile}`]
        : []),
    ],
  };
}

function dataEqual(report: ValidateReport | AnalyticsReport | Error): CutoverCondition {
  const title = "row counts and checksums equal on source and target (validate)";
  if (!(report instanceof Error) && "targetKind" in report) return analyticsDataEqual(report);
  if (report instanceof Error) {
    return { id: "data-equal", title, outcome: "fail", evidence: [`validate could not run: ${report.message}`] };
  }
  const evidence = report.tables.map((t) =>
    t.status === "match"
      ? `${t.table}: ${t.sourceRows} rows, checksum ${t.checksum?.source ?? "–"} on both sides`
      : `${t.table}: ${t.status} (source ${t.sourceRows} rows, target ${t.targetRows ?? "missing"}): ${t.detail}`,
  );
  if (report.tables.length === 0) evidence.push("no table selected");
  return {
    id: "data-equal",
    title,
    outcome: outcomeOf(!report.ok),
    evidence: [
      `${report.source} -> ${report.target}: ${report.summary.match}/${report.summary.tables} table(s) equal`,
      ...evidence,
    ],
  };
}

/** The newest premigration assessment run of each task, or why there is none (undefined: not read). */
export type LastAssessments = Record<string, ReplicationTaskAssessmentRun | string>;

const age = (from: Date, to: Date) => {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  return minutes < 120
    ? `${minutes} min`
    : minutes < 48 * 60
      ? `${Math.round(minutes / 60)} h`
      : `${Math.round(minutes / 1440)} days`;
};

/**
 * The last premigration assessment run of each task and its age (docs/assessments.md): evidence,
 * never a failure of the gate (the start gate judged it before the task started); a task without
 * a passing run is said loudly (warn).
 */
function lastAssessment(tasks: readonly TaskStatus[], runs: LastAssessments, now: Date): CutoverCondition {
  const evidence: string[] = [];
  let warned = false;
  for (const t of tasks) {
    const run = runs[t.identifier];
    if (run === undefined || typeof run === "string") {
      warned = true;
      evidence.push(`${t.identifier}: ${run ?? "no premigration assessment run"}`);
      continue;
    }
    const at = run.ReplicationTaskAssessmentRunCreationDate
      ? new Date(run.ReplicationTaskAssessmentRunCreationDate)
      : undefined;
    const passing = run.Status === "passed" || run.Status === "warning";
    warned ||= !passing;
    evidence.push(
      `${t.identifier}: ${run.AssessmentRunName ?? "run"} ${run.Status ?? "unknown"}${at ? ` at ${at.toISOString()}, ${age(at, now)} ago` : ""}`,
    );
  }
  return {
    id: "assessment",
    title: "the last premigration assessment run of each task passed (evidence, with its age)",
    outcome: outcomeOf(false, warned),
    evidence,
  };
}

/** Judge the gate from a migration's status and a validate run. Pure. */
export function judgeCutover(
  migration: Pick<OperatedMigration, "name" | "environment" | "file" | "thresholds">,
  status: MigrationStatus,
  validation: ValidateReport | AnalyticsReport | Error,
  latencyMinutes: number,
  assessments?: LastAssessments,
): CutoverReport {
  const conditions = [
    tasksInCdc(status.tasks),
    noTableErrors(status.tasks),
    dmsValidation(status.tasks),
    cdcLatency(status.tasks, latencySpec(migration.thresholds), latencyMinutes),
    dataEqual(validation),
    ...(assessments ? [lastAssessment(status.tasks, assessments, new Date(status.checkedAt))] : []),
  ];
  return {
    command: "cutover-check",
    migration: migration.name,
    environment: migration.environment,
    file: migration.file,
    checkedAt: status.checkedAt,
    latencyMinutes,
    conditions,
    ready: conditions.every((c) => c.outcome !== "fail"),
  };
}

/** Read the migration's state from AWS, run validate, and judge the gate. */
export async function runCutoverCheck(
  aws: OperateAws,
  migration: OperatedMigration,
  options: {
    now: Date;
    latencyMinutes: number;
    /** validate, given the migration's status (an S3 target compares DMS's counts from it). */
    validate: (status: MigrationStatus) => Promise<ValidateReport | AnalyticsReport>;
  },
): Promise<CutoverReport> {
  const status = await migrationStatus(aws, migration, options.now, options.latencyMinutes);
  let validation: ValidateReport | AnalyticsReport | Error;
  try {
    validation = await options.validate(status);
  } catch (err) {
    validation = err instanceof Error ? err : new Error(String(err));
  }
  // The last assessment run of each task on an instance (a Serverless replication's is part of its start).
  let assessments: LastAssessments | undefined;
  if (migration.capacity === "instance" && aws.assessmentRuns) {
    assessments = {};
    for (const t of status.tasks) {
      if (!t.arn) continue;
      try {
        const runs = await aws.assessmentRuns(t.arn);
        const newest = runs.sort(
          (a, b) =>
            new Date(b.ReplicationTaskAssessmentRunCreationDate ?? 0).getTime() -
            new Date(a.ReplicationTaskAssessmentRunCreationDate ?? 0).getTime(),
        )[0];
        if (newest) assessments[t.identifier] = newest;
      } catch (err) {
        assessments[t.identifier] = `assessment runs unavailable: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
  }
  return judgeCutover(migration, status, validation, options.latencyMinutes, assessments);
}
