import assert from "node:assert/strict";
import { unifiedDiff } from "./diff.js";

describe("unifiedDiff", () => {
  const names = { oldName: "a.yaml", newName: "b.yaml" };

  it("prints hunks with three lines of context, removals before additions, like diff -u", () => {
    const old = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"].join("\n");
    const next = old.replace("b", "B").replace("k", "K");
    assert.equal(
      unifiedDiff(`${old}\n`, `${next}\n`, names),
      [
        "--- a.yaml",
        "+++ b.yaml",
        "@@ -1,5 +1,5 @@",
        " a",
        "-b",
        "+B",
        " c",
        " d",
        " e",
        "@@ -8,5 +8,5 @@",
        " h",
        " i",
        " j",
        "-k",
        "+K",
        " l",
        "",
      ].join("\n"),
    );
  });

  it("numbers a pure addition after the line it follows, and is empty for equal texts", () => {
    assert.equal(unifiedDiff("x\n", "x\ny\n", names), "--- a.yaml\n+++ b.yaml\n@@ -1,1 +1,2 @@\n x\n+y\n");
    assert.equal(unifiedDiff("x\n", "x\n", names), "");
  });
});
