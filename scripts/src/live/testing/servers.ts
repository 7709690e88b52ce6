/**
 * Test harness: real PostgreSQL and MariaDB servers on loopback, each in its own temporary
 * directory, run as an unprivileged user (CI runs as root; the servers refuse to). Every
 * server started here is stopped and its directory removed by `stop()`, and, should a test
 * run die first, by the process exit/signal handlers (processes.ts).
 *
 * Split along its seams: where the binaries come from and whether the server user can run them
 * (binaries.ts), the user, spawning and cleanup (processes.ts), whether a suite can run
 * (locations.ts), each server (postgres.ts, mariadb.ts) and their settings (settings.ts).
 *
 * Suites call `requireServers(this, [...])` in their `before` hook. A server that cannot run here
 * (missing, not runnable by the server user, no such user) skips the suite with a reason the
 * summary reporter prints (tools/mocha-summary-reporter.cjs), unless DMS_TEST_LIVE=required (CI,
 * .ci/run), where it fails the suite instead.
 */
export {
  embeddedPostgresBin,
  type Located,
  locateServers,
  type MariadbBinaries,
  type PostgresBinaries,
  reachableCopy,
  type SearchEnvironment,
  type ServerKind,
  type ServerLocations,
} from "./binaries.js";
export { liveTestMode, requireServers, serverLocations, startedOrSkip } from "./locations.js";
export { type MariadbServer, startMariadb } from "./mariadb.js";
export { type PostgresServer, startPostgres } from "./postgres.js";
export { freePort, type RunAs, run, serverRunAs } from "./processes.js";
export { type ServerSettings, settingsFromParameters } from "./settings.js";
