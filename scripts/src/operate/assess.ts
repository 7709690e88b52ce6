import { createHash } from "node:crypto";
import type { ReplicationTask, ReplicationTaskAssessmentRun } from "@aws-sdk/client-database-migration-service";
import { assessmentBucketName, assessmentFolder, assessmentRoleName } from "@dms-platform/dms/operate";
import type { AssessAws } from "./assess-aws.js";
import { ASSESSMENTS, type AssessmentSelection } from "./assessment-catalogue.js";
import type { OperatedMigration } from "./migration.js";

/**
 * `dms-platform assess`: a premigration assessment run for every task of a migration, waited for,
 * then each individual assessment with its status and the objects its result file names.
 *
 * DMS API Reference: StartReplicationTaskAssessmentRun, DescribeReplicationTaskAssessmentRuns
 * (Status values: the SDK's ReplicationTaskAssessmentRun.Status, @aws-sdk/client-database-migration-service
 * 3.1124), DescribeReplicationTaskIndividualAssessments (ReplicationTaskIndividualAssessment.Status).
 * Result files: DMS User Guide CHAP_Tasks.AssessmentReport1.md, "a summary.json file ... The
 * remaining files are each named for an individual assessment ... such as
 * unsupported-data-types-in-source.json", under the run's ResultLocationFolder.
 */

/** Run statuses after which DMS changes nothing (every status but starting, provisioning, running). */
const RUN_TERMINAL = new Set([
  "passed",
  "warning",
  "failed",
  "error-provisioning",
  "error-executing",
  "cancelling",
  "deleting",
  "invalid state",
]);
/** Run statuses a gate accepts: no individual assessment failed or errored. */
export const RUN_PASSING = new Set(["passed", "warning"]);
/** Individual statuses that fail the command. */
const INDIVIDUAL_FAILING = new Set(["failed", "error", "cancelled", "invalid state"]);

/** The tag an assessment run carries: a digest of the task's table mappings and settings when it ran. */
export const TASK_DIGEST_TAG = "dms-platform:task-digest";

/** What a run judged: the documents of the task as DMS holds them (DescribeReplicationTasks with settings). */
export function taskDigest(task: Pick<ReplicationTask, "TableMappings" | "ReplicationTaskSettings">): string {
  const canonical = (text: string | undefined) => {
    try {
      return JSON.stringify(sortKeys(JSON.parse(text ?? "null")));
    } catch {
      return text ?? "";
    }
  };
  return createHash("sha256")
    .update(`${canonical(task.TableMappings)}\n${canonical(task.ReplicationTaskSettings)}`)
    .digest("hex")
    .slice(0, 32);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** `arn:<partition>:dms:<region>:<account>:task:<id>` -> partition and account. */
export function arnParts(arn: string): { partition: string; accountId: string } | undefined {
  const m = /^arn:([^:]+):dms:[^:]*:(\d{12}):/.exec(arn);
  return m ? { partition: m[1] as string, accountId: m[2] as string } : undefined;
}

export interface IndividualResult {
  name: string;
  title?: string;
  status: string;
  /** What to do about it (docs/runbook.md, "Premigration assessments"), for a failing or warning one. */
  remedy?: string;
  /** `schema.table[.column]` the result file names. */
  objects: string[];
  /** The result file read, or why none was. */
  resultFile?: string;
  resultUnavailable?: string;
}

export interface AssessedTask {
  name: string;
  identifier: string;
  taskArn?: string;
  run?: {
    arn: string;
    name: string;
    status: string;
    createdAt?: string;
    completed: number;
    total: number;
    lastFailureMessage?: string;
    bucket: string;
    folder: string;
  };
  assessments: IndividualResult[];
  problems: string[];
  /** Why no run was started (--unstarted: the task ran before). */
  skipped?: string;
}

export interface AssessReport {
  command: "assess";
  migration: string;
  environment: string;
  file: string;
  region: string;
  startedAt: string;
  finishedAt: string;
  maxMinutes: number;
  warnings: string[];
  tasks: AssessedTask[];
  ok: boolean;
}

/** Every `schema.table[.column]` a result document names, whatever its nesting (the format is not published). */
export function namedObjects(document: unknown): string[] {
  const found = new Set<string>();
  const pick = (o: Record<string, unknown>, pattern: RegExp) => {
    const key = Object.keys(o).find((k) => pattern.test(k));
    const v = key === undefined ? undefined : o[key];
    return typeof v === "string" || typeof v === "number" ? String(v) : undefined;
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    const schema = pick(o, /^(schema|schema[-_ ]?name|owner)$/i);
    const table = pick(o, /^(table|table[-_ ]?name)$/i);
    if (table !== undefined) {
      const column = pick(o, /^(column|column[-_ ]?name)$/i);
      found.add([schema, table, column].filter((p) => p !== undefined).join("."));
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(document);
  return [...found];
}

export interface AssessOptions {
  selection: AssessmentSelection;
  maxMinutes: number;
  intervalSeconds: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Assess only tasks that never ran (status ready); skip the others (the deploy workflow's gate). */
  unstartedOnly?: boolean;
  /** One progress line per round (stderr): redrawn on a terminal, appended otherwise. */
  progress: (line: string) => void;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);

/** Start, wait for and read the assessment runs of a migration's tasks. */
export async function runAssessments(
  aws: AssessAws,
  migration: OperatedMigration,
  options: AssessOptions,
): Promise<AssessReport> {
  const startedAt = options.now();
  const parts = { environment: migration.environment, application: migration.application };
  const found = await aws.describeTasks(migration.tasks.map((t) => t.identifier));
  const tasks: AssessedTask[] = [];
  const kmsKeys = new Map<string, string | undefined>();
  for (const t of migration.tasks) {
    const task = found.find((x) => x.ReplicationTaskIdentifier === t.identifier);
    const assessed: AssessedTask = { name: t.name, identifier: t.identifier, assessments: [], problems: [] };
    tasks.push(assessed);
    const where = task?.ReplicationTaskArn ? arnParts(task.ReplicationTaskArn) : undefined;
    if (!task?.ReplicationTaskArn || !where) {
      assessed.problems.push(`not found in AWS: deploy the replication stack (${migration.file}) first`);
      continue;
    }
    assessed.taskArn = task.ReplicationTaskArn;
    if (options.unstartedOnly && task.Status !== "ready") {
      assessed.skipped = `${task.Status ?? "unknown"}: --unstarted assesses only tasks that never ran (ready)`;
      continue;
    }
    const bucket = assessmentBucketName(parts, where.accountId);
    if (!kmsKeys.has(bucket)) kmsKeys.set(bucket, await aws.bucketKmsKey(bucket));
    const kmsKey = kmsKeys.get(bucket);
    if (!kmsKey) {
      assessed.problems.push(
        `the results bucket ${bucket} is not encrypted with the migration's KMS key: deploy the replication stack, which creates it`,
      );
      continue;
    }
    const folder = assessmentFolder(t.identifier);
    const name = `${t.identifier}-${stamp(startedAt)}`;
    const run = await aws.startAssessmentRun({
      ReplicationTaskArn: task.ReplicationTaskArn,
      ServiceAccessRoleArn: `arn:${where.partition}:iam::${where.accountId}:role/${assessmentRoleName(parts)}`,
      ResultLocationBucket: bucket,
      ResultLocationFolder: folder,
      ResultEncryptionMode: "SSE_KMS",
      ResultKmsKeyArn: kmsKey,
      AssessmentRunName: name,
      ...(options.selection.includeOnly ? { IncludeOnly: options.selection.includeOnly } : {}),
      ...(options.selection.exclude ? { Exclude: options.selection.exclude } : {}),
      Tags: [{ Key: TASK_DIGEST_TAG, Value: taskDigest(task) }],
    });
    assessed.run = describeRun(run, name, bucket, folder);
  }

  // Wait: every run terminal, or --max-minutes.
  const deadline = startedAt.getTime() + options.maxMinutes * 60_000;
  const pending = () => tasks.filter((t) => t.run && !RUN_TERMINAL.has(t.run.status));
  while (pending().length > 0) {
    options.progress(progressLine(tasks, options.now()));
    if (options.now().getTime() + options.intervalSeconds * 1000 > deadline) break;
    await options.sleep(options.intervalSeconds * 1000);
    const arns = pending().map((t) => t.run?.arn as string);
    const runs = await aws.describeAssessmentRuns({ name: "replication-task-assessment-run-arn", values: arns });
    for (const r of runs) {
      const t = tasks.find((x) => x.run?.arn === r.ReplicationTaskAssessmentRunArn);
      if (t?.run) t.run = describeRun(r, t.run.name, t.run.bucket, t.run.folder);
    }
  }
  options.progress(progressLine(tasks, options.now()));

  for (const t of tasks) {
    if (!t.run) continue;
    if (!RUN_TERMINAL.has(t.run.status)) {
      t.problems.push(
        `the run is still ${t.run.status} after ${options.maxMinutes} min (--max-minutes): run \`npm run assess\` again later, or follow it in the console`,
      );
      continue;
    }
    if (!RUN_PASSING.has(t.run.status)) {
      t.problems.push(
        `the run ended ${t.run.status}${t.run.lastFailureMessage ? `: ${t.run.lastFailureMessage}` : ""}`,
      );
    }
    t.assessments = await individualResults(aws, t.run);
  }
  const ok = tasks.every(
    (t) =>
      t.problems.length === 0 &&
      (t.skipped !== undefined || (t.run !== undefined && RUN_PASSING.has(t.run.status))) &&
      t.assessments.every((a) => !INDIVIDUAL_FAILING.has(a.status)),
  );
  return {
    command: "assess",
    migration: migration.name,
    environment: migration.environment,
    file: migration.file,
    region: aws.region,
    startedAt: startedAt.toISOString(),
    finishedAt: options.now().toISOString(),
    maxMinutes: options.maxMinutes,
    warnings: options.selection.warnings,
    tasks,
    ok,
  };
}

function describeRun(
  r: ReplicationTaskAssessmentRun,
  name: string,
  bucket: string,
  folder: string,
): NonNullable<AssessedTask["run"]> {
  return {
    arn: r.ReplicationTaskAssessmentRunArn ?? "",
    name: r.AssessmentRunName ?? name,
    status: r.Status ?? "starting",
    ...(r.ReplicationTaskAssessmentRunCreationDate
      ? { createdAt: new Date(r.ReplicationTaskAssessmentRunCreationDate).toISOString() }
      : {}),
    completed: r.AssessmentProgress?.IndividualAssessmentCompletedCount ?? 0,
    total: r.AssessmentProgress?.IndividualAssessmentCount ?? 0,
    ...(r.LastFailureMessage ? { lastFailureMessage: r.LastFailureMessage } : {}),
    bucket: r.ResultLocationBucket ?? bucket,
    folder: r.ResultLocationFolder ?? folder,
  };
}

function progressLine(tasks: readonly AssessedTask[], at: Date): string {
  return `${at.toISOString()} ${tasks
    .filter((t) => t.run)
    .map((t) => `${t.name}=${t.run?.status} ${t.run?.completed}/${t.run?.total}`)
    .join(" ")}`;
}

async function individualResults(aws: AssessAws, run: NonNullable<AssessedTask["run"]>): Promise<IndividualResult[]> {
  const individual = await aws.individualAssessments(run.arn);
  // The guide names the files (<assessment>.json), not the folders between ResultLocationFolder
  // and them: take the file of this run (its name in the key), else the newest of that name.
  let keys: Array<{ key: string }> | undefined;
  let listError: string | undefined;
  const results: IndividualResult[] = [];
  for (const a of individual) {
    const name = a.IndividualAssessmentName ?? "unknown";
    const spec = ASSESSMENTS.find((s) => s.name === name);
    const status = a.Status ?? "unknown";
    const result: IndividualResult = {
      name,
      ...(spec ? { title: spec.title } : {}),
      status,
      ...(spec && status !== "passed" && status !== "skipped" ? { remedy: spec.remedy } : {}),
      objects: [],
    };
    results.push(result);
    if (status !== "failed" && status !== "warning") continue;
    if (keys === undefined && listError === undefined) {
      try {
        keys = await aws.listObjects(run.bucket, `${run.folder}/`);
      } catch (err) {
        listError = err instanceof Error ? err.message : String(err);
      }
    }
    const file = `${name}.json`;
    const ofName = (keys ?? []).filter((k) => k.key.endsWith(`/${file}`));
    const key = (ofName.filter((k) => k.key.includes(`/${run.name}/`)).pop() ?? ofName.pop())?.key;
    if (!key) {
      result.resultUnavailable = listError ?? `no ${file} under s3://${run.bucket}/${run.folder}/`;
      continue;
    }
    result.resultFile = `s3://${run.bucket}/${key}`;
    try {
      result.objects = namedObjects(JSON.parse(await aws.readObject(run.bucket, key)));
    } catch (err) {
      result.resultUnavailable = `${result.resultFile}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  return results;
}

const MAX_OBJECTS = 20;

export function formatAssessText(reports: readonly AssessReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(
      `${r.ok ? "PASSED" : "NOT PASSED"}  premigration assessment of migration ${r.migration} (${r.environment}, ${r.region})  ${r.file}`,
    );
    for (const w of r.warnings) lines.push(`  ~ ${w}`);
    for (const t of r.tasks) {
      lines.push(
        `  task ${t.name}  ${t.identifier}  ${t.run ? `run ${t.run.name}: ${t.run.status} (${t.run.completed}/${t.run.total})` : t.skipped ? `skipped (${t.skipped})` : "no run"}`,
      );
      for (const p of t.problems) lines.push(`    ! ${p}`);
      for (const a of t.assessments) {
        const mark = INDIVIDUAL_FAILING.has(a.status) ? "!" : a.status === "warning" ? "~" : " ";
        lines.push(`   ${mark}${a.status.padEnd(10)} ${a.name}${a.title ? `  (${a.title})` : ""}`);
        for (const o of a.objects.slice(0, MAX_OBJECTS)) lines.push(`                ${o}`);
        if (a.objects.length > MAX_OBJECTS)
          lines.push(`                … ${a.objects.length - MAX_OBJECTS} more (--format json lists all)`);
        if (a.resultUnavailable) lines.push(`                result file unavailable: ${a.resultUnavailable}`);
        if (a.remedy && a.status !== "passed") lines.push(`                fix: ${a.remedy}`);
      }
    }
    if (!r.ok) lines.push("", 'What to do for each failing assessment: docs/runbook.md, "Premigration assessments".');
  }
  return `${lines.join("\n")}\n`;
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function formatAssessMarkdown(reports: readonly AssessReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(
      `### ${r.ok ? "✅" : "❌"} Premigration assessment: ${md(r.migration)} (${r.environment})`,
      "",
      `Run ${r.startedAt} in ${r.region}; stack file \`${r.file}\`.`,
      "",
      "| Task | Assessment | Status | Objects | Fix |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const t of r.tasks) {
      if (t.assessments.length === 0) {
        lines.push(
          `| \`${t.identifier}\` | – | ${md(t.run?.status ?? "no run")} | – | ${md(t.problems.join("; ")) || "–"} |`,
        );
      }
      for (const a of t.assessments) {
        lines.push(
          `| \`${t.identifier}\` | \`${a.name}\` | ${INDIVIDUAL_FAILING.has(a.status) ? "❌ " : ""}${a.status} | ${md(a.objects.slice(0, MAX_OBJECTS).join(", ")) || "–"} | ${md(a.status === "passed" ? "" : (a.remedy ?? "")) || "–"} |`,
        );
      }
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
