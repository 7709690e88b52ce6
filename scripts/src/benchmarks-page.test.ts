import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The repository root (this file runs from scripts/dist). */
const ROOT = join(__dirname, "..", "..");
const LATEST = join(ROOT, "bench", "results", "latest.json");
const PAGE = join(ROOT, "docs", "benchmarks.md");

/** bench/report.mjs (plain JavaScript: bench/ is not a workspace). */
interface Report {
  render(data: unknown): string;
  generatedPart(page: string): string | undefined;
}
interface Results {
  date: string;
  machine: { cpu: string; cores: number; node: string; loadAverage: number[]; loadAverageAtEnd?: number[] };
  quick: boolean;
  only: string[] | null;
  results: Array<{ name: string; wallMs: { min: number; median: number } }>;
}

describe("docs/benchmarks.md", () => {
  let report: Report;
  let latest: Results;
  let page: string;
  before(async () => {
    report = (await import(pathToFileURL(join(ROOT, "bench", "report.mjs")).href)) as Report;
    assert.ok(existsSync(LATEST), "bench/results/latest.json is committed (npm run bench -- --peer cdk writes it)");
    latest = JSON.parse(readFileSync(LATEST, "utf8")) as Results;
    page = readFileSync(PAGE, "utf8");
  });

  it("shows exactly the figures of bench/results/latest.json (node bench/report.mjs --write)", () => {
    const shown = report.generatedPart(page);
    assert.ok(shown !== undefined, "docs/benchmarks.md has no generated figures between the markers");
    assert.equal(shown, report.render(latest));
  });

  it("would catch a figure that differs from the file", () => {
    const first = latest.results[0];
    assert.ok(first, "latest.json has results");
    const edited = {
      ...latest,
      results: [
        { ...first, wallMs: { ...first.wallMs, median: first.wallMs.median + 10 } },
        ...latest.results.slice(1),
      ],
    };
    assert.notEqual(report.generatedPart(page), report.render(edited));
  });

  it("comes from a full run that names the machine, its load, the Node version and the date", () => {
    assert.equal(latest.quick, false, "a --quick run is not the page's figures");
    assert.equal(latest.only, null, "an --only run is not the page's figures");
    assert.match(latest.date, /^\d{4}-\d{2}-\d{2}T/);
    assert.match(latest.machine.node, /^v\d+\.\d+\.\d+$/);
    assert.ok(latest.machine.cpu && latest.machine.cores > 0 && latest.machine.loadAverage.length === 3);
    for (const name of ["plan-dev", "peer-cdk-dev", "policy-10k", "migrations-50-jobs1"]) {
      assert.ok(
        latest.results.some((r) => r.name === name),
        `latest.json has ${name} (run npm run bench -- --peer cdk)`,
      );
    }
    // The DMS quotas: 200 tasks on one instance, 600 in one account and region.
    for (const name of ["tasks-200", "tasks-600-account"]) {
      assert.ok(
        latest.results.some((r) => r.name === name),
        `latest.json has ${name} (run npm run bench -- --peer cdk)`,
      );
    }
  });
});
