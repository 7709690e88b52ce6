import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCOUNT_ROLES_KEY, accountRoleClashes, foundationStackFiles } from "./accounts.js";

describe("foundationStackFiles", () => {
  it("applies Pulumi.yaml's project-level config, so an account given once for the project is seen", () => {
    const dir = mkdtempSync(join(tmpdir(), "dms-accounts-"));
    try {
      mkdirSync(join(dir, "foundation"));
      writeFileSync(
        join(dir, "foundation", "Pulumi.yaml"),
        'name: dms-platform-foundation\nruntime: nodejs\nconfig:\n  aws:allowedAccountIds:\n    - "111122223333"\n',
      );
      for (const env of ["dev", "test"]) {
        writeFileSync(join(dir, "foundation", `Pulumi.${env}.yaml`), `config:\n  ${ACCOUNT_ROLES_KEY}: create\n`);
      }
      const files = foundationStackFiles(dir);
      assert.deepEqual(
        files.map((f) => [f.shown, f.values["aws:allowedAccountIds"]]),
        [
          ["foundation/Pulumi.dev.yaml", ["111122223333"]],
          ["foundation/Pulumi.test.yaml", ["111122223333"]],
        ],
      );
      // Both create the account's roles in the one account: the clash is found.
      assert.match(accountRoleClashes(files)[0] ?? "", /^foundation\/Pulumi\.test\.yaml: .*account 111122223333/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
