// A temporary stacks directory with N named migrations beside the primary, for measuring how
// `plan --migration all` grows with migrations: the repo's foundation and replication stack files,
// plus `replication/Pulumi.m<i>-<env>.yaml` for i = 1..N in dev, test and prod, each the primary's
// file of that environment with the application (and its Application tag) set to `m<i>` and the
// account's DMS roles adopted (docs/migrations.md), as `new-migration` writes them.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";

const ENVS = ["dev", "test", "prod"];

/** Copy `<repoStacks>/{foundation,replication}/Pulumi*.yaml` and add `count` named migrations. Returns the directory. */
export function writeSyntheticMigrations(repoStacks, count) {
  const dir = mkdtempSync(join(tmpdir(), `dms-bench-migrations-${count}-`));
  for (const stack of ["foundation", "replication"]) {
    mkdirSync(join(dir, stack));
    for (const file of readdirSync(join(repoStacks, stack))) {
      if (/^Pulumi\.(yaml|dev\.yaml|test\.yaml|prod\.yaml)$/.test(file)) {
        copyFileSync(join(repoStacks, stack, file), join(dir, stack, file));
      }
    }
  }
  for (const env of ENVS) {
    const primary = readFileSync(join(repoStacks, "replication", `Pulumi.${env}.yaml`), "utf8");
    for (let i = 1; i <= count; i++) {
      const name = `m${i}`;
      const doc = YAML.parseDocument(primary);
      doc.setIn(["config", "dms-platform-replication:application"], name);
      doc.setIn(["config", "aws:defaultTags", "tags", "Application"], name);
      writeFileSync(join(dir, "replication", `Pulumi.${name}-${env}.yaml`), doc.toString());
    }
  }
  return dir;
}
