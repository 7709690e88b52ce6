import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { runProgram, SECRET, type SecretOrigin } from "./index.js";

const NS = "demo";
const base = { project: NS, stack: "dev" };

/** A one-instance program whose `password` is what `password()` gives, and its recorded origin. */
async function originOf(
  password: () => pulumi.Input<string>,
  options: { config?: Record<string, unknown>; secretKeys?: string[]; invoked?: Record<string, unknown> } = {},
): Promise<{ origin: SecretOrigin | undefined; shown: unknown }> {
  const graph = await runProgram(
    () => {
      new aws.rds.Instance("db", { instanceClass: "db.t3.micro", engine: "mysql", password: password() });
    },
    {
      ...base,
      config: options.config ?? {},
      secretKeys: options.secretKeys ?? [],
      ...(options.invoked
        ? {
            mocks: {
              invokes: { "aws:secretsmanager/getSecretVersion:getSecretVersion": () => options.invoked ?? {} },
            },
          }
        : {}),
    },
  );
  const db = graph.resources.find((r) => r.name === "db");
  return { origin: db?.secretInputs?.password, shown: db?.inputs.password };
}

describe("secretInputs: where a secret input came from", () => {
  it("a literal in the program: @pulumi/aws made it a secret, and it depends on nothing", async () => {
    assert.deepEqual(await originOf(() => "hunter2-hunter2"), { origin: { from: "program" }, shown: SECRET });
  });

  it("an environment variable the program reads (a CI secret): not a literal, the variable named", async () => {
    process.env.DMS_PLATFORM_TEST_DB_PASSWORD = "from-the-ci-secret-store";
    try {
      const { origin } = await originOf(() => process.env.DMS_PLATFORM_TEST_DB_PASSWORD ?? "");
      assert.deepEqual(origin, { from: "environment", variable: "DMS_PLATFORM_TEST_DB_PASSWORD" });
    } finally {
      delete process.env.DMS_PLATFORM_TEST_DB_PASSWORD;
    }
    // The same string written in the code, with no such variable, is a literal.
    assert.deepEqual((await originOf(() => "from-the-ci-secret-store")).origin, { from: "program" });
  });

  it("a generated password: it depends on the random:RandomPassword", async () => {
    const { origin } = await originOf(() => new random.RandomPassword("pw", { length: 32 }).result);
    assert.deepEqual(origin, { from: "resource" });
  });

  it("a `secure:` config value plan cannot decrypt ([secret]) and one a test gives decrypted", async () => {
    const read = () => new pulumi.Config(NS).requireSecret("dbPassword");
    for (const value of [SECRET, "decrypted-value"]) {
      const { origin } = await originOf(read, {
        config: { [`${NS}:dbPassword`]: value },
        secretKeys: [`${NS}:dbPassword`],
      });
      assert.deepEqual(origin, { from: "secret-config" }, value);
    }
  });

  it("a secret config value inside a larger string (interpolated) is still the config's", async () => {
    const read = () => pulumi.interpolate`pre-${new pulumi.Config(NS).requireSecret("dbPassword")}`;
    const { origin } = await originOf(read, {
      config: { [`${NS}:dbPassword`]: SECRET },
      secretKeys: [`${NS}:dbPassword`],
    });
    assert.deepEqual(origin, { from: "secret-config" });
  });

  it("an unencrypted config value, named by its key and path inside a structured value", async () => {
    const flat = await originOf(() => new pulumi.Config(NS).require("dbPassword"), {
      config: { [`${NS}:dbPassword`]: "plain-text-password" },
    });
    assert.deepEqual(flat.origin, { from: "config", key: `${NS}:dbPassword` });
    const nested = await originOf(
      () => new pulumi.Config(NS).requireObject<{ source: { password: string } }>("db").source.password,
      { config: { [`${NS}:db`]: { source: { password: "plain-text-password" } } } },
    );
    assert.deepEqual(nested.origin, { from: "config", key: `${NS}:db.source.password` });
  });

  it("a value a data source read (an existing secret)", async () => {
    const { origin } = await originOf(
      () => aws.secretsmanager.getSecretVersionOutput({ secretId: "existing" }).secretString,
      { invoked: { secretString: "read-from-secrets-manager" } },
    );
    assert.deepEqual(origin, { from: "invoke" });
  });

  it("records nothing for inputs that are not secret, or not known", async () => {
    const graph = await runProgram(
      () => {
        new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
      },
      { ...base, preview: true },
    );
    assert.equal(graph.resources.find((r) => r.name === "vpc")?.secretInputs, undefined);
  });
});
