import assert from "node:assert/strict";
import { PLATFORM_TAG_KEYS } from "@dms-platform/config";
import { taskTags } from "./replication-capacity.js";

describe("taskTags", () => {
  it("puts on a task only tag keys the platform declares (the operator policy's aws:TagKeys allow-list)", () => {
    const tags = {
      Application: "lab",
      Environment: "dev",
      Owner: "platform",
      CostCenter: "cc-1",
      DataClassification: "internal",
    };
    const applied = taskTags(tags, "dev-lab-customers-dms", { wave: 2, allowUnknownSettings: ["Logging.NewKey"] });
    assert.equal(applied.MigrationWave, "2");
    assert.equal(applied.DmsAllowUnknownSettings, "Logging.NewKey");
    assert.deepEqual(
      Object.keys(applied).filter((key) => !PLATFORM_TAG_KEYS.includes(key)),
      [],
    );
  });
});
