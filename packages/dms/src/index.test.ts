import assert from "node:assert/strict";
import * as api from "./index.js";

// The modules behind the components: what they decide and wire is reached through DmsReplication
// and DmsAccountRoles, never imported on its own.
const INTERNAL_MODULES = [
  "alarms",
  "capacity",
  "dashboard",
  "dashboard-resource",
  "endpoints",
  "engines",
  "identifiers",
  "replacement",
  "replication-capacity",
  "security-group-plan",
  "sources",
  "task-documents",
  "task-settings",
];

describe("@dms-platform/dms public API", () => {
  it("exports the components, their args schema and every name of @dms-platform/dms/documents", () => {
    assert.equal(typeof api.DmsReplication, "function");
    assert.equal(typeof api.DmsAccountRoles, "function");
    assert.equal(typeof api.dmsReplicationArgsSchema.safeParse, "function");
    const documents = require("./documents/index.js") as Record<string, unknown>;
    for (const [name, value] of Object.entries(documents)) {
      assert.equal((api as Record<string, unknown>)[name], value, name);
    }
  });

  it("keeps the components' internal modules internal", () => {
    const exported = new Set(Object.keys(api));
    for (const module of INTERNAL_MODULES) {
      const names = Object.keys(require(`./${module}.js`) as Record<string, unknown>);
      assert.ok(names.length > 0, module);
      assert.deepEqual(
        names.filter((name) => exported.has(name)),
        [],
        `${module} leaks into the public API`,
      );
    }
  });
});
