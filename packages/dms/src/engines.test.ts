import assert from "node:assert/strict";
import { DATABASE_ENGINES, defaultPort, dmsEngineName, endpointEngineSettings } from "./engines.js";

describe("engines", () => {
  it("map to DMS engine names and default ports", () => {
    assert.deepEqual(
      DATABASE_ENGINES.map((e) => `${e}=${dmsEngineName(e)}:${defaultPort(e)}`),
      [
        "mysql=mysql:3306",
        "mariadb=mariadb:3306",
        "postgres=postgres:5432",
        "aurora-mysql=aurora:3306",
        "aurora-postgresql=aurora-postgresql:5432",
      ],
    );
  });

  it("turn the WAL heartbeat on for a PostgreSQL source unless told otherwise", () => {
    assert.deepEqual(endpointEngineSettings("postgres", "source", { slotName: "dms" }), {
      postgresSettings: { heartbeatEnable: true, slotName: "dms" },
    });
    assert.deepEqual(endpointEngineSettings("aurora-postgresql", "source", { heartbeatEnable: false }), {
      postgresSettings: { heartbeatEnable: false },
    });
    assert.deepEqual(endpointEngineSettings("postgres", "target", undefined), {});
    assert.deepEqual(endpointEngineSettings("mysql", "source", { serverTimezone: "UTC" }), {
      mysqlSettings: { serverTimezone: "UTC" },
    });
  });
});
