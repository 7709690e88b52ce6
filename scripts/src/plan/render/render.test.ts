import assert from "node:assert/strict";
import type { GraphResource, ResourceGraph } from "@dms-platform/offline";
import { UNKNOWN } from "@dms-platform/offline";
import type { PlanReport, StackPlan } from "../report.js";
import { planDocument } from "./render-json.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderSarif, type SarifLog } from "./render-sarif.js";
import { palette, renderText } from "./render-text.js";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";

function resource(type: string, name: string, parent: string | undefined, extra: Partial<GraphResource> = {}) {
  const qualified = parent && parent !== STACK ? `${parent.split("::")[2]}$${type}` : type;
  const r: GraphResource = {
    urn: type === "pulumi:pulumi:Stack" ? STACK : `urn:pulumi:dev::p::${qualified}::${name}`,
    type,
    name,
    custom: type.startsWith("aws:"),
    ...(parent ? { parent } : {}),
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: {
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      replaceOnChanges: [],
      additionalSecretOutputs: [],
      aliases: [],
    },
    ...extra,
  };
  return r;
}

function report(): PlanReport {
  const stack = resource("pulumi:pulumi:Stack", "p-dev", undefined);
  const db = resource("dms-platform:database:MigrationDatabase", "db", STACK);
  const instance = resource("aws:rds/instance:Instance", "db-instance", db.urn, {
    inputs: { address: UNKNOWN, password: "[secret]" },
  });
  const graph: ResourceGraph = {
    project: "p",
    stack: "dev",
    resources: [stack, db, instance],
    providers: [],
    outputs: { endpoint: UNKNOWN },
    diagnostics: [{ severity: "warning", message: "instance class is deprecated\n", urn: instance.urn }],
  };
  const plan: StackPlan = {
    stack: "foundation",
    project: "p",
    environment: "dev",
    configFile: "stacks/foundation/Pulumi.dev.yaml",
    policyConfigFile: "policies/config/dev.json",
    graph,
    violations: [
      {
        policyPack: "dms-platform",
        policy: "stack-wide",
        enforcementLevel: "mandatory",
        message: "a | b\n<script>",
        description: "Checks the stack as a whole.",
      },
    ],
    references: {},
    durationMs: 1,
  };
  return { plans: [plan], policyPackName: "dms-platform", policies: [] };
}

describe("plan renderers", () => {
  it("shows values unknown until apply as [unknown] and a stack-wide violation with urn null", () => {
    const plan = report().plans[0];
    assert.ok(plan);
    const doc = planDocument(plan);
    assert.deepEqual(doc.resources[2]?.inputs, { address: "[unknown]", password: "[secret]" });
    assert.deepEqual(doc.outputs, { endpoint: "[unknown]" });
    assert.equal(doc.resources[0]?.parent, null);
    assert.equal(doc.violations[0]?.urn, null);
    assert.deepEqual(doc.summary, { resources: 3, mandatory: 1, advisory: 0 });
  });

  it("keeps a message from breaking the Markdown table", () => {
    const md = renderMarkdown(report());
    assert.match(md, /\| foundation \| dev \| <code>stack-wide<\/code> \| the stack \| a \\\| b<br>&lt;script&gt; \|/);
    assert.match(md, /dms-platform:database:MigrationDatabase/);
    assert.match(
      md,
      /subgraph foundation_dev\["foundation \(dev\)"\]\n {4}foundation_dev_n0\["db<br\/>MigrationDatabase"\]/,
    );
  });

  it("adds a SARIF rule for a violation the pack does not list, and no logical location without a urn", () => {
    const log = JSON.parse(renderSarif(report())) as SarifLog;
    const run = log.runs[0];
    assert.deepEqual(
      run?.tool.driver.rules.map((r) => [r.id, r.shortDescription.text]),
      [["stack-wide", "Checks the stack as a whole."]],
    );
    assert.equal(run?.results[0]?.ruleIndex, 0);
    assert.equal(run?.results[0]?.locations[0]?.logicalLocations, undefined);
    assert.equal(
      run?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri,
      "stacks/foundation/Pulumi.dev.yaml",
    );
  });

  it("nests the tree under the component and prints unknown outputs as [unknown]", () => {
    const text = renderText(report(), palette(false));
    assert.match(
      text,
      / \+ {3}pulumi:pulumi:Stack\s+p-dev\n \+ {3}└─ dms-platform:database:MigrationDatabase\s+db\n \+ {3} {3}└─ aws:rds\/instance:Instance\s+db-instance\n/,
    );
    assert.match(text, /endpoint: "\[unknown\]"/);
    assert.match(
      text,
      /Diagnostics:\n {4}warning: instance class is deprecated \(aws:rds\/instance:Instance db-instance\)\n/,
    );
    assert.match(text, /mandatory \(1\)\n\s+✗ stack-wide {2}\(the stack\)/);
  });
});
