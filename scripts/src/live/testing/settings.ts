/** The settings the live-test servers start with, derived from what our parameter groups emit. */
import type { ParameterRequirement } from "@dms-platform/database/cdc-parameters";

/** Server configuration: variable -> value, rendered as `-c name=value` / `--name=value`. */
export type ServerSettings = Record<string, string>;

/**
 * The server settings "as our parameter groups emit": every live-checkable requirement of
 * `serverParameters(...)` turned into the variable a self-managed server understands. When the
 * live variable is the parameter itself the parameter group's value is used; otherwise (RDS's
 * rds.logical_replication, observed as wal_level) the value the live check expects.
 */
export function settingsFromParameters(requirements: readonly ParameterRequirement[]): ServerSettings {
  const settings: ServerSettings = {};
  for (const r of requirements) {
    if (!r.live) continue;
    const expect = r.live.expect;
    settings[r.live.variable] =
      r.live.variable === r.parameter
        ? r.value
        : "equals" in expect
          ? expect.equals
          : "atLeast" in expect
            ? String(expect.atLeast)
            : (expect.oneOf[0] ?? r.value);
  }
  return settings;
}
