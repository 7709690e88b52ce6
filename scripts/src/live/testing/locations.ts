/**
 * Whether the live suites can run here: the servers of this machine, found once per process for
 * the user they run as, and the `before`-hook guard that skips a suite with the reason (or fails
 * it under DMS_TEST_LIVE=required).
 */
import { embeddedPostgresBin, locateServers, type ServerKind, type ServerLocations } from "./binaries.js";
import { serverRunAs } from "./processes.js";

let located: ServerLocations | undefined;

/** The servers of this machine, searched once per process (from process.env), runnable by the server user. */
export function serverLocations(): ServerLocations {
  if (located) return located;
  const runAs = serverRunAs();
  if ("error" in runAs) {
    // Without the user they must run as, neither server can start: say why for both.
    located = {
      postgres: { found: false, reason: runAs.error },
      mariadb: { found: false, reason: runAs.error },
    };
    return located;
  }
  located = locateServers({
    PATH: process.env.PATH,
    PG_BIN: process.env.PG_BIN,
    DMS_TEST_SERVER_PATH: process.env.DMS_TEST_SERVER_PATH,
    embeddedPostgresBin: embeddedPostgresBin(),
    ...(runAs.user ? { runAs: runAs.user } : {}),
  });
  return located;
}

/** DMS_TEST_LIVE: `required` fails a suite whose servers are missing (CI); `auto` (default) skips it with the reason. */
export function liveTestMode(env: NodeJS.ProcessEnv = process.env): "auto" | "required" {
  const value = env.DMS_TEST_LIVE || "auto";
  if (value === "auto" || value === "required") return value;
  throw new Error(`DMS_TEST_LIVE: must be auto or required (got "${value}")`);
}

/** A mocha suite that can say why its tests did not run (read by tools/mocha-summary-reporter.cjs). */
interface ReasonedSuite {
  notRunReason?: string[];
}

/**
 * In a suite's `before` hook: go on when the servers `kinds` can be started here; otherwise
 * skip the suite, giving the reporter the reason and the command that enables it, or, under
 * DMS_TEST_LIVE=required, fail the hook (so every test of the suite counts as failed).
 */
export function requireServers(context: Mocha.Context, kinds: readonly ServerKind[]): void {
  const locations = serverLocations();
  const missing = [
    ...new Set(
      kinds.flatMap((k) => {
        const l = locations[k];
        return l.found ? [] : [l.reason];
      }),
    ),
  ];
  if (missing.length === 0) return;
  if (liveTestMode() === "required") {
    throw new Error(`DMS_TEST_LIVE=required, but ${missing.join("; ")}`);
  }
  const suite = context.test?.parent as ReasonedSuite | undefined;
  if (suite) suite.notRunReason = missing;
  context.skip();
}

/**
 * In a suite's `before` hook, after `requireServers`: start what the suite needs, or, when a server
 * found here still cannot start (a private TMPDIR, a broken installation), skip the suite with the
 * reason, as for a missing one; under DMS_TEST_LIVE=required the error fails the suite instead.
 */
export async function startedOrSkip<T>(context: Mocha.Context, what: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (liveTestMode() === "required") throw error;
    const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    const suite = context.test?.parent as ReasonedSuite | undefined;
    if (suite) suite.notRunReason = [`${what} could not be started here: ${first}`];
    context.skip();
  }
}
