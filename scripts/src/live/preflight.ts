import { type ParameterRequirement, serverParameters } from "@dms-platform/database/cdc-parameters";
import { type ConnectionSpec, connect, describeConnection, parseConnection } from "./connection.js";
import { LiveUsageError, messageOf } from "./errors.js";
import type { CheckStatus, PreflightCheck, PreflightOptions, PreflightReport } from "./preflight-model.js";
import { mappingSelection, parseTableMappingsFile, parseTablesOption, type SelectionRule } from "./selection.js";
import { detectServer, mysqlChecks, parameterCheck, postgresChecks, tlsCheck } from "./server-checks.js";
import { tableChecks } from "./table-checks.js";

export * from "./preflight-model.js";
export { detectServer, meetsExpectation, readVariable } from "./server-checks.js";

/** The selection rules from `--tables` / `--table-mappings`, or every table of the URL's database. */
export function selectionRules(
  options: Pick<PreflightOptions, "tables" | "tableMappingsFile" | "tableMappings">,
  spec: ConnectionSpec,
): SelectionRule[] {
  const rules: SelectionRule[] = [];
  if (options.tables !== undefined) rules.push(...parseTablesOption(options.tables));
  if (options.tableMappingsFile !== undefined) rules.push(...parseTableMappingsFile(options.tableMappingsFile));
  for (const { origin, mapping } of options.tableMappings ?? [])
    rules.push(...mappingSelection(mapping, origin, origin));
  if (rules.length > 0) return rules;
  // MySQL: the URL's database is the schema; PostgreSQL: every schema of the database.
  const schema = spec.family === "mysql" ? spec.database : "%";
  return [{ schema, table: "%", action: "include", origin: "default (all tables)" }];
}

/** Server identity: engine (Aurora and MariaDB told apart from MySQL), version, RDS or self-managed. */

export async function runPreflight(options: PreflightOptions): Promise<PreflightReport> {
  const spec = parseConnection("source", options.source);
  const rules = selectionRules(options, spec);
  const migrationType = options.migrationType ?? "full-load-and-cdc";
  const lobMaxSizeKb = options.lobMaxSizeKb ?? 32;
  if (!Number.isInteger(lobMaxSizeKb) || lobMaxSizeKb < 1 || lobMaxSizeKb > 102400) {
    throw new LiveUsageError(`--lob-max-size: must be an integer between 1 and 102400 KB (got ${lobMaxSizeKb})`);
  }
  const cdc = migrationType !== "full-load";
  const client = await connect(spec);
  try {
    const server = await detectServer(client);
    const checks: PreflightCheck[] = [
      {
        id: "connection",
        title: "connection",
        status: "pass",
        reason: `${describeConnection(spec)}: ${server.engine} ${server.fullVersion} (${server.managed}).`,
      },
    ];
    let requirements: ParameterRequirement[];
    try {
      requirements = serverParameters(server.engine, { role: "source", cdc, engineVersion: server.version });
    } catch (error) {
      checks.push({
        id: "engine-version",
        title: "engine version supported",
        status: "fail",
        reason: messageOf(error),
      });
      requirements = [];
    }
    for (const requirement of requirements) {
      const check = await parameterCheck(client, requirement, server.managed);
      if (check) checks.push(check);
    }
    checks.push(
      ...(client.family === "mysql"
        ? await mysqlChecks(client, server.engine, server.managed, cdc)
        : await postgresChecks(client, server.managed, cdc)),
    );
    checks.push(await tlsCheck(client));
    const targetFamily = options.targetEngine
      ? options.targetEngine === "postgres"
        ? "postgres"
        : "mysql"
      : client.family;
    const tables = await tableChecks(client, rules, {
      cdc,
      lobMode: options.lobMode ?? "limited",
      lobMaxSizeKb,
      targetFamily,
    });
    checks.push(...tables.checks);
    const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
    for (const c of checks) summary[c.status]++;
    return {
      command: "preflight",
      source: {
        connection: describeConnection(spec),
        engine: server.engine,
        version: server.fullVersion,
        managed: server.managed,
      },
      migrationType,
      tables: tables.tables,
      checks,
      summary,
      ok: summary.fail === 0,
    };
  } finally {
    await client.close();
  }
}
