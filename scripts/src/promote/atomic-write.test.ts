import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FileWrite, nodeWriteOps, type WriteOps, writeFilesAtomically } from "./atomic-write.js";

describe("writeFilesAtomically", () => {
  let dir: string;
  let files: FileWrite[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "dms-atomic-"));
    files = ["foundation", "replication"].map((stack) => {
      const path = join(dir, `${stack}.yaml`);
      const oldText = `# ${stack}, test\nconfig:\n  a:b: old\n`;
      writeFileSync(path, oldText);
      chmodSync(path, 0o640);
      return { path, oldText, newText: `# ${stack}, test\nconfig:\n  a:b: new\n` };
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const contents = () => files.map((f) => readFileSync(f.path, "utf8"));
  const listing = () => readdirSync(dir).sort();

  it("replaces every file, keeps their mode and leaves no temporary file", () => {
    writeFilesAtomically(files);
    assert.deepEqual(
      contents(),
      files.map((f) => f.newText),
    );
    assert.deepEqual(listing(), ["foundation.yaml", "replication.yaml"]);
    for (const f of files) assert.equal(statSync(f.path).mode & 0o777, 0o640);
  });

  it("leaves the old files intact when a write is interrupted half-way", () => {
    const crashing: WriteOps = {
      ...nodeWriteOps,
      writeTemp(path, text, mode) {
        if (path.includes("replication")) {
          // The disk filled up (or the process was killed) after half of the text.
          nodeWriteOps.writeTemp(path, text.slice(0, text.length / 2), mode);
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        }
        nodeWriteOps.writeTemp(path, text, mode);
      },
    };
    assert.throws(() => writeFilesAtomically(files, crashing), /ENOSPC/);
    assert.deepEqual(
      contents(),
      files.map((f) => f.oldText),
      "byte-identical",
    );
    assert.deepEqual(listing(), ["foundation.yaml", "replication.yaml"], "no temporary file left");
  });

  it("puts back the files already replaced when a later rename fails", () => {
    const failing: WriteOps = {
      ...nodeWriteOps,
      rename(from, to) {
        if (to.includes("replication") && from.includes(".tmp-")) {
          throw Object.assign(new Error("EXDEV: cross-device link not permitted, rename"), { code: "EXDEV" });
        }
        nodeWriteOps.rename(from, to);
      },
    };
    assert.throws(() => writeFilesAtomically(files, failing), /EXDEV/);
    assert.deepEqual(
      contents(),
      files.map((f) => f.oldText),
      "byte-identical",
    );
    assert.deepEqual(listing(), ["foundation.yaml", "replication.yaml"], "no temporary file left");
  });
});
