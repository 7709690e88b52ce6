import { existsSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Environment } from "@dms-platform/config";
import { DATABASE_ENGINES } from "@dms-platform/config";
import { type Command, Option } from "commander";
import type { CliContext } from "../context.js";
import { CliError, EXIT, EXIT_CODES_HELP } from "../errors.js";
import type { EnvironmentFacts, MigrationEngine } from "../migrations/template.js";

/** `--source-engine` / `--target-engine` values (config is loaded at CLI start anyway). */
export const ENGINE_CHOICES = DATABASE_ENGINES;
const ENVIRONMENTS: readonly Environment[] = ["dev", "test", "prod"];

interface NewMigrationOptions {
  name: string;
  sourceEngine: MigrationEngine;
  targetEngine?: MigrationEngine;
  schema?: string;
  stacksDir?: string;
  force?: boolean;
}

type ConfigModule = typeof import("@dms-platform/config");

function read(config: ConfigModule, path: string, shown: string): Record<string, unknown> {
  if (!existsSync(path))
    throw new CliError(`${shown}: not found (new-migration copies the environment's settings from it)`);
  return config.readPulumiConfigFile(path).values;
}

const asString = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const asObject = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const asStrings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;

/** What the primary migration's and the foundation's files of `env` say (the template's inputs). */
function environmentFacts(
  config: ConfigModule,
  stacksDir: string,
  env: Environment,
  shown: (path: string) => string,
): { facts: EnvironmentFacts; target: { engine?: string; databaseName?: string } } {
  const primaryPath = join(stacksDir, "replication", `Pulumi.${env}.yaml`);
  const foundationPath = join(stacksDir, "foundation", `Pulumi.${env}.yaml`);
  const primary = read(config, primaryPath, shown(primaryPath));
  const foundation = read(config, foundationPath, shown(foundationPath));
  const r = (key: string) => primary[`dms-platform-replication:${key}`];
  const accountId = asStrings(primary["aws:allowedAccountIds"])?.[0];
  const region = asString(primary["aws:region"]);
  const tags = asObject(asObject(primary["aws:defaultTags"])?.tags);
  const operators = r("operators");
  for (const [key, value] of [
    ["aws:allowedAccountIds", accountId],
    ["aws:region", region],
    ["aws:defaultTags", tags],
    ["dms-platform-replication:operators", operators],
  ] as const) {
    if (value === undefined) throw new CliError(`${shown(primaryPath)}: ${key}: is required to write a new migration`);
  }
  const network = asObject(foundation["dms-platform-foundation:network"]);
  const target = asObject(foundation["dms-platform-foundation:target"]) ?? {};
  const source = asObject(asObject(r("sourceConnection"))?.external);
  const onPremisesCidrs = asStrings(network?.onPremisesCidrs);
  const vpcCidr = asString(network?.vpcCidr);
  const alarmEmails = asStrings(r("alarmEmails"));
  const targetCertificateArn = asString(r("targetCertificateArn"));
  const sourceCertificateArn = asString(source?.certificateArn);
  const facts: EnvironmentFacts = {
    environment: env,
    region: region as string,
    accountId: accountId as string,
    defaultTags: Object.fromEntries(Object.entries(tags ?? {}).map(([k, v]) => [k, String(v)])),
    ...(asString(r("foundationStack")) ? { foundationStack: asString(r("foundationStack")) as string } : {}),
    operators,
    ...(alarmEmails ? { alarmEmails } : {}),
    ...(targetCertificateArn ? { targetCertificateArn } : {}),
    ...(sourceCertificateArn ? { sourceCertificateArn } : {}),
    ...(onPremisesCidrs ? { onPremisesCidrs } : {}),
    ...(vpcCidr ? { vpcCidr } : {}),
  };
  return {
    facts,
    target: {
      ...(asString(target.engine) ? { engine: asString(target.engine) } : {}),
      ...(asString(target.databaseName) ? { databaseName: asString(target.databaseName) } : {}),
    },
  };
}

/** The one value every environment's foundation agrees on (the migration definition is promoted unchanged). */
function agreed(values: ReadonlyArray<string | undefined>, what: string, hint: string): string {
  const distinct = [...new Set(values)];
  if (distinct.length !== 1 || distinct[0] === undefined) {
    throw new CliError(
      `the foundations of dev, test and prod give different ${what} (${distinct.join(", ")}): ${hint}`,
    );
  }
  return distinct[0];
}

async function newMigration(options: NewMigrationOptions, context: CliContext): Promise<number> {
  const [config, stack, template] = await Promise.all([
    import("@dms-platform/config"),
    import("@dms-platform/stack-replication"),
    import("../migrations/template.js"),
  ]);
  const problem = stack.migrationNameProblem(options.name);
  if (problem) throw new CliError(`--name: ${problem}; it names the stacks <name>-<env> and every resource`);
  const schema = options.schema ?? options.name;
  if (schema.trim() === "" || /[\s"]/.test(schema)) throw new CliError(`--schema: "${schema}" is no schema name`);

  const stacksDir = options.stacksDir ? resolve(context.cwd, options.stacksDir) : join(context.repoRoot, "stacks");
  const shown = (path: string) => relative(context.cwd, path) || path;
  const replicationDir = join(stacksDir, "replication");
  if (!existsSync(join(replicationDir, "Pulumi.yaml"))) {
    throw new CliError(`${shown(join(replicationDir, "Pulumi.yaml"))}: not found: --stacks-dir must hold replication/`);
  }
  const files = ENVIRONMENTS.map((env) => ({
    env,
    path: join(replicationDir, `Pulumi.${stack.replicationStackName(options.name, env)}.yaml`),
  }));
  const existing = files.filter((f) => existsSync(f.path));
  if (existing.length > 0 && !options.force) {
    throw new CliError(
      `${existing.map((f) => shown(f.path)).join(", ")}: already exist${existing.length === 1 ? "s" : ""}; nothing written (--force replaces)`,
    );
  }

  const environments = ENVIRONMENTS.map((env) => environmentFacts(config, stacksDir, env, shown));
  const targetEngine =
    options.targetEngine ??
    (agreed(
      environments.map((e) => e.target.engine),
      "target engines",
      "give --target-engine",
    ) as MigrationEngine);
  if (!(template.MIGRATION_ENGINES as readonly string[]).includes(targetEngine)) {
    throw new CliError(
      `the foundation's target engine "${targetEngine}" is none of ${template.MIGRATION_ENGINES.join(", ")}`,
    );
  }
  const targetDatabaseName = agreed(
    environments.map((e) => e.target.databaseName),
    "target databases",
    "align dms-platform-foundation:target.databaseName",
  );
  const definition = {
    name: options.name,
    sourceEngine: options.sourceEngine,
    targetEngine,
    targetDatabaseName,
    schema,
  };
  // Render all three before writing any, so a failure leaves nothing half-written.
  const texts = files.map((f, i) => ({
    ...f,
    text: template.renderMigrationStackFile(definition, (environments[i] as (typeof environments)[number]).facts),
  }));
  for (const f of texts) {
    writeFileSync(f.path, f.text);
    context.stdout.write(`wrote ${shown(f.path)} (stack ${stack.replicationStackName(options.name, f.env)})\n`);
  }
  context.stdout.write(
    `\nNext: replace the values marked REPLACE in each file (source host, secret, key, a placeholder CIDR), then\n  npm run plan\n  pulumi -C stacks/replication stack init ${stack.replicationStackName(options.name, "dev")}\n`,
  );
  return EXIT.ok;
}

/** `dms-platform new-migration`: the commented stack files of a new migration, for dev, test and prod. */
export function registerNewMigrationCommand(program: Command, context: CliContext): void {
  program
    .command("new-migration")
    .description("write Pulumi.<name>-{dev,test,prod}.yaml for a new migration, commented, valid on the first plan")
    .requiredOption(
      "--name <name>",
      "the migration's name: lowercase letters, digits, single hyphens; not dev/test/prod",
    )
    .addOption(
      new Option("--source-engine <engine>", "the source database's engine")
        .choices(ENGINE_CHOICES)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option("--target-engine <engine>", "the target's engine (default: the foundation's target engine)").choices(
        ENGINE_CHOICES,
      ),
    )
    .option("--schema <schema>", "the source schema (database) the first task copies (default: the name)")
    .option(
      "--stacks-dir <dir>",
      "the stacks directory holding replication/ and foundation/ (default: the repo's stacks/)",
    )
    .option("--force", "replace the migration's files if they exist")
    .addHelpText(
      "after",
      `
Writes stacks/replication/Pulumi.<name>-<env>.yaml for dev, test and prod (stacks <name>-<env>) and
touches no other file. Values to replace before the first \`pulumi up\` are marked REPLACE.
${EXIT_CODES_HELP}`,
    )
    .action(async (options: NewMigrationOptions) => {
      context.exitCode = await newMigration(options, context);
    });
}
