/**
 * What a database exports to CloudWatch Logs, and the parameters that make the engine write
 * those logs. RDS exports a log only if the engine writes it: MySQL, MariaDB and Aurora MySQL
 * write the slow query and general logs only with `slow_query_log` / `general_log` on and
 * `log_output` FILE ("MySQL database log files" and "Publishing Aurora MySQL logs to Amazon
 * CloudWatch Logs", RDS and Aurora user guides); exporting them without that ships nothing.
 * Pure, unit-tested without Pulumi.
 */
import type { Environment } from "@dms-platform/config";
import { type DatabaseEngine, isAurora, isMysqlFamily, type ParameterRequirement } from "./cdc-parameters.js";

/** How much each environment logs. */
export interface DatabaseLogging {
  /** Statements slower than this many seconds go to the slow query log (PostgreSQL: the main log). */
  slowQuerySeconds: number;
  /** Write and export MySQL's general log (every statement: costly, so only where wanted). */
  generalLog: boolean;
}

/**
 * Per environment: dev logs every statement (the lab is small and its general log shows exactly
 * what DMS runs on the source); test and prod keep only slow statements, at a tighter threshold
 * where latency matters.
 */
export const DATABASE_LOGGING: Readonly<Record<Environment, DatabaseLogging>> = {
  dev: { slowQuerySeconds: 5, generalLog: true },
  test: { slowQuerySeconds: 2, generalLog: false },
  prod: { slowQuerySeconds: 1, generalLog: false },
};

// RDS MySQL: "custom parameter group with general_log = 1 / slow_query_log = 1 / log_output = FILE"
// (Publishing MySQL logs to CloudWatch Logs). Aurora: the same parameters in the DB *cluster*
// parameter group (Configuring your database to monitor slow SQL queries, Aurora User Guide).
const DOCS = {
  mysql: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQLDB.PublishtoCloudWatchLogs.html",
  auroraMysql: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DatabaseInsights.SlowSQL.html",
  postgres: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.html",
} as const;

/** The log exports and the parameters writing them, for one engine and one logging choice. */
export interface LoggingPlan {
  /** `enabledCloudwatchLogsExports`. */
  exports: string[];
  /** Parameters that make the engine write what is exported. */
  parameters: ParameterRequirement[];
}

export function planLogging(engine: DatabaseEngine, logging: DatabaseLogging): LoggingPlan {
  // Aurora takes these in the cluster parameter group (applied to every instance of the cluster).
  const scope = isAurora(engine) ? "cluster" : "instance";
  const param = (parameter: string, value: string, reason: string, docs: string): ParameterRequirement => ({
    parameter,
    value,
    applyMethod: "immediate",
    scope,
    purpose: "logging",
    reason,
    docs,
  });
  if (isMysqlFamily(engine)) {
    const docs = isAurora(engine) ? DOCS.auroraMysql : DOCS.mysql;
    const parameters = [
      param("log_output", "FILE", "RDS publishes the slow query and general logs to CloudWatch only from files.", docs),
      param("slow_query_log", "1", "Writes the slow query log that is exported as `slowquery`.", docs),
      param(
        "long_query_time",
        String(logging.slowQuerySeconds),
        `Statements slower than ${logging.slowQuerySeconds} s go to the slow query log.`,
        docs,
      ),
    ];
    if (logging.generalLog) {
      parameters.push(param("general_log", "1", "Writes the general log that is exported as `general`.", docs));
    }
    return { exports: ["error", "slowquery", ...(logging.generalLog ? ["general"] : [])], parameters };
  }
  // PostgreSQL writes one log (exported as `postgresql`); slow statements go there past the threshold.
  return {
    exports: isAurora(engine) ? ["postgresql"] : ["postgresql", "upgrade"],
    parameters: [
      param(
        "log_min_duration_statement",
        String(logging.slowQuerySeconds * 1000),
        `Statements slower than ${logging.slowQuerySeconds} s are written to the exported postgresql log.`,
        DOCS.postgres,
      ),
    ],
  };
}
