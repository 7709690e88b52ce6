import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The repository root (this file runs from scripts/dist). */
const ROOT = join(__dirname, "..", "..");
const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};

describe("a fresh npm ci && npm run plan", () => {
  it("runs turbo with its telemetry off in every npm script that starts it (no first-run banner)", () => {
    // turbo 2.11 reads its opt-out only from TURBO_TELEMETRY_DISABLED / DO_NOT_TRACK or the user's
    // ~/.config/turborepo/telemetry.json; turbo.json has no such key.
    const starts = Object.entries(root.scripts).filter(([, s]) => /\bturbo\b|tools\/run-tests\.mjs/.test(s));
    assert.ok(starts.length >= 3, "the build, test and plan scripts start turbo");
    for (const [name, script] of starts) {
      assert.match(script, /^TURBO_TELEMETRY_DISABLED=1 /, `package.json: scripts.${name}`);
    }
  });

  it("meets no dependency install script that allowScripts has not decided (no npm advisory)", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path.startsWith("node_modules/") && p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
    // A key is the name (any version) or, for an approval, `name@version`.
    const keys = Object.keys(root.allowScripts ?? {});
    const undecided = withScripts.filter((name) => !keys.some((k) => k === name || k.startsWith(`${name}@`)));
    assert.deepEqual(undecided, [], "package.json: allowScripts must approve (true) or deny (false) these");
  });
});
