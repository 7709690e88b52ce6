import assert from "node:assert/strict";
import {
  DATABASE_ENGINES,
  ENGINE_PORTS,
  parameterGroupFamily,
  parametersForScope,
  serverParameters,
} from "./cdc-parameters.js";

const names = (engine: (typeof DATABASE_ENGINES)[number], role: "source" | "target", cdc: boolean) =>
  serverParameters(engine, { role, cdc }).map((p) => `${p.parameter}=${p.value}`);

describe("serverParameters", () => {
  it("forces TLS on every engine and role, and adds nothing else to a target or a full-load source", () => {
    const tls: Record<string, string> = {
      mysql: "require_secure_transport=1",
      mariadb: "require_secure_transport=1",
      "aurora-mysql": "require_secure_transport=ON",
      postgres: "rds.force_ssl=1",
      "aurora-postgresql": "rds.force_ssl=1",
    };
    for (const engine of DATABASE_ENGINES) {
      assert.deepEqual(names(engine, "target", false), [tls[engine]], engine);
      assert.deepEqual(names(engine, "source", false), [tls[engine]], engine);
      // cdc on a target is meaningless: the table gives it no CDC parameter either.
      assert.deepEqual(names(engine, "target", true), [tls[engine]], engine);
    }
  });

  it("gives a MySQL-family CDC source row-based, full-image, checksum-free binlogs", () => {
    for (const engine of ["mysql", "mariadb", "aurora-mysql"] as const) {
      const cdc = serverParameters(engine, { role: "source", cdc: true }).filter((p) => p.purpose === "cdc");
      assert.deepEqual(
        cdc.map((p) => `${p.parameter}=${p.value}`),
        ["binlog_format=ROW", "binlog_row_image=FULL", "binlog_checksum=NONE"],
        engine,
      );
      assert.deepEqual(
        cdc.map((p) => p.live),
        [
          { variable: "binlog_format", expect: { equals: "ROW" } },
          { variable: "binlog_row_image", expect: { equals: "FULL" } },
          { variable: "binlog_checksum", expect: { equals: "NONE" } },
        ],
      );
    }
  });

  it("gives a PostgreSQL CDC source logical replication, checked live as wal_level=logical", () => {
    for (const engine of ["postgres", "aurora-postgresql"] as const) {
      const cdc = serverParameters(engine, { role: "source", cdc: true }).filter((p) => p.purpose === "cdc");
      assert.deepEqual(
        cdc.map((p) => p.parameter),
        ["rds.logical_replication", "max_replication_slots", "max_wal_senders", "wal_sender_timeout"],
      );
      const logical = cdc[0];
      assert.equal(logical?.value, "1");
      assert.equal(logical?.applyMethod, "pending-reboot", "static parameter: immediate would be refused by RDS");
      assert.deepEqual(logical?.live, { variable: "wal_level", expect: { equals: "logical" } });
      const timeout = cdc.find((p) => p.parameter === "wal_sender_timeout");
      assert.ok(
        timeout?.live && "atLeast" in timeout.live.expect && Number(timeout.value) >= timeout.live.expect.atLeast,
      );
    }
  });

  it("sets Aurora's parameters in the cluster parameter group and RDS's in the DB parameter group", () => {
    for (const engine of DATABASE_ENGINES) {
      const params = serverParameters(engine, { role: "source", cdc: true });
      const expected = engine.startsWith("aurora-") ? "cluster" : "instance";
      assert.ok(
        params.every((p) => p.scope === expected),
        `${engine}: ${params.map((p) => p.scope).join(",")}`,
      );
      assert.equal(parametersForScope(params, expected).length, params.length);
    }
  });

  it("documents every requirement with a reason and an AWS link, and a live check for preflight", () => {
    for (const engine of DATABASE_ENGINES) {
      for (const p of serverParameters(engine, { role: "source", cdc: true })) {
        assert.match(p.docs, /^https:\/\/docs\.aws\.amazon\.com\//, `${engine} ${p.parameter}`);
        assert.ok(p.reason.length > 30, `${engine} ${p.parameter} has a reason`);
        assert.ok(p.live, `${engine} ${p.parameter} can be checked live`);
      }
    }
  });

  it("tells preflight that a MariaDB older than 10.5 cannot force TLS, without failing", () => {
    const [old] = serverParameters("mariadb", { role: "target", cdc: false, engineVersion: "10.4.34-MariaDB-log" });
    assert.match(old?.reason ?? "", /10\.4\.34-MariaDB-log predates it/);
    const [current] = serverParameters("mariadb", { role: "target", cdc: false, engineVersion: "10.11" });
    assert.doesNotMatch(current?.reason ?? "", /predates/);
  });
});

describe("parameterGroupFamily", () => {
  it("derives the family AWS names for each engine from major and full versions", () => {
    assert.equal(parameterGroupFamily("mysql", "8.0"), "mysql8.0");
    assert.equal(parameterGroupFamily("mysql", "8.4.6"), "mysql8.4");
    assert.equal(parameterGroupFamily("mariadb", "10.11.9"), "mariadb10.11");
    assert.equal(parameterGroupFamily("postgres", "16"), "postgres16");
    assert.equal(parameterGroupFamily("postgres", "16.6"), "postgres16");
    assert.equal(parameterGroupFamily("aurora-mysql", "8.0.mysql_aurora.3.08.2"), "aurora-mysql8.0");
    assert.equal(parameterGroupFamily("aurora-postgresql", "16.8"), "aurora-postgresql16");
  });

  it("refuses a version it cannot read a family from", () => {
    assert.throws(() => parameterGroupFamily("mysql", "8"), /mysql version "8"/);
    assert.throws(() => parameterGroupFamily("postgres", "latest"), /postgres version "latest"/);
  });
});

describe("ENGINE_PORTS", () => {
  it("uses each engine's default port", () => {
    assert.deepEqual(
      DATABASE_ENGINES.map((e) => ENGINE_PORTS[e]),
      [3306, 3306, 5432, 3306, 5432],
    );
  });
});
