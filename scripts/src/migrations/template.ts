/**
 * The stack files of a new migration (`dms-platform new-migration`, docs/migrations.md): one
 * `Pulumi.<name>-<env>.yaml` per environment, commented, valid on the first `plan`. Pure: the
 * command reads the repository's files and passes what it found here.
 */
import { DATABASE_ENGINES, type DatabaseEngine, type Environment, getProfile } from "@dms-platform/config";
import { stringify } from "yaml";

/** Source and target engines a migration can use (the DMS component's DATABASE_ENGINES). */
export const MIGRATION_ENGINES = DATABASE_ENGINES;
export type MigrationEngine = DatabaseEngine;

/** The engine's default port (DMS connects there; the DMS security group's egress opens it). */
export function defaultPort(engine: MigrationEngine): number {
  return engine === "postgres" || engine === "aurora-postgresql" ? 5432 : 3306;
}

/** What an environment's existing files say, as the template needs it. */
export interface EnvironmentFacts {
  environment: Environment;
  /** `aws:region` of the primary replication file. */
  region: string;
  /** The environment's account (`aws:allowedAccountIds[0]` of the primary replication file). */
  accountId: string;
  /** The primary replication file's default tags (Owner, CostCenter, DataClassification are copied). */
  defaultTags: Readonly<Record<string, string>>;
  /** The primary's `foundationStack` (`<org>/dms-platform-foundation/<env>`), when it overrides the default. */
  foundationStack?: string;
  /** The primary's operators (copied: the same people operate every migration of the environment). */
  operators: unknown;
  /** The primary's alarm subscribers, if any. */
  alarmEmails?: readonly string[];
  /** The account's imported RDS CA bundle (the primary's `targetCertificateArn`), if any. */
  targetCertificateArn?: string;
  /** The CA certificate the primary's external source is verified with, if any. */
  sourceCertificateArn?: string;
  /** The foundation's `network.onPremisesCidrs`, if any: where on-premises sources are. */
  onPremisesCidrs?: readonly string[];
  /** The foundation's `network.vpcCidr`: a placeholder CIDR must lie outside it. */
  vpcCidr?: string;
}

export interface MigrationTemplate {
  /** The migration's name: its stack names `<name>-<env>` and its `application`. */
  name: string;
  sourceEngine: MigrationEngine;
  targetEngine: MigrationEngine;
  /** The target database (the foundation's `target.databaseName`). */
  targetDatabaseName: string;
  /** The source schema the first task selects (`<schema>.%`); also the source database name. */
  schema: string;
}

/** Placeholder on-premises addresses (one host, /32), outside every RFC 1918 range the VPCs here use. */
const PLACEHOLDER_CIDRS = ["10.255.255.10/32", "10.254.255.10/32", "10.253.255.10/32"];

function ipv4(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

/** Whether `cidr` (a /32 here) lies inside `network`. */
export function cidrContains(network: string, cidr: string): boolean {
  const [base = "", bitsText = "32"] = network.split("/");
  const [address = ""] = cidr.split("/");
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  const start = Math.floor(ipv4(base) / size) * size;
  const value = ipv4(address);
  return value >= start && value < start + size;
}

/** A documented placeholder CIDR for the source host: a /32 outside the environment's VPC. */
export function placeholderCidr(vpcCidr: string | undefined): string {
  const free = PLACEHOLDER_CIDRS.find((c) => vpcCidr === undefined || !cidrContains(vpcCidr, c));
  return free ?? (PLACEHOLDER_CIDRS[0] as string);
}

/** A value `new-migration` writes for the user to replace: it names nothing that exists. */
export interface Placeholder {
  /** 1-based line in the stack file. */
  line: number;
  /** The placeholder as written (a hostname, a key id, a certificate name or a CIDR). */
  value: string;
}

/**
 * The values `new-migration` writes as placeholders (the source hostname `<name>-<env>.db.example.internal`,
 * the all-zero KMS key id, the `REPLACEWITH…` certificate names, the placeholder CIDRs) still present
 * in a stack file's text, comments left out. A stack holding one must not be deployed: its endpoint
 * would point at no database (docs/promotion.md, "Placeholders never deploy").
 */
export function placeholdersIn(text: string): Placeholder[] {
  const markers = [
    /[a-z0-9-]+\.db\.example\.internal\b/,
    /key\/00000000-0000-4000-8000-000000000000/,
    /cert:REPLACEWITH[A-Z]+/,
    ...PLACEHOLDER_CIDRS.map((c) => new RegExp(c.replace(/[./]/g, (m) => `\\${m}`))),
  ];
  const found: Placeholder[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trimStart().startsWith("#") ? "" : raw;
    for (const marker of markers) {
      const m = marker.exec(line);
      if (m) found.push({ line: i + 1, value: m[0] });
    }
  }
  return found;
}

/** A task name from a schema name: a name part (lowercase letters, digits, single hyphens). */
export function taskNameOf(schema: string): string {
  const part = schema
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${part || "schema"}-full-load-and-cdc`;
}

/** The migration definition: identical in dev, test and prod (what promotion copies). */
export function migrationDefinition(t: MigrationTemplate) {
  return {
    source: { engine: t.sourceEngine, databaseName: t.schema },
    target: { engine: t.targetEngine, databaseName: t.targetDatabaseName },
    tasks: [
      {
        name: taskNameOf(t.schema),
        migrationType: "full-load-and-cdc",
        wave: 1,
        tableMappings: {
          rules: [
            {
              "rule-type": "selection",
              "rule-id": "1",
              "rule-name": "1",
              "object-locator": { "schema-name": t.schema, "table-name": "%" },
              "rule-action": "include",
            },
          ],
        },
        start: true,
      },
    ],
  };
}

/** `key: value` at `indent` spaces, the value as YAML (block style, nested under the key). */
function entry(key: string, value: unknown, indent: number): string {
  const pad = " ".repeat(indent);
  if (value !== null && typeof value === "object") {
    const body = stringify(value, { indent: 2, lineWidth: 0 })
      .trimEnd()
      .split("\n")
      .map((line) => `${pad}  ${line}`)
      .join("\n");
    return `${pad}${key}:\n${body}\n`;
  }
  return `${pad}${key}: ${stringify(value, { lineWidth: 0 }).trimEnd()}\n`;
}

/** `# text` lines at `indent` spaces. */
function comment(text: string, indent = 2): string {
  const pad = " ".repeat(indent);
  return text
    .split("\n")
    .map((line) => `${pad}# ${line}`.trimEnd())
    .join("\n")
    .concat("\n");
}

/** The text of `Pulumi.<name>-<env>.yaml`. */
export function renderMigrationStackFile(t: MigrationTemplate, env: EnvironmentFacts): string {
  const ns = "dms-platform-replication";
  const e = env.environment;
  const verifyFull = getProfile(e).endpointSslMode === "verify-full";
  const arn = (service: string, resource: string) => `arn:aws:${service}:${env.region}:${env.accountId}:${resource}`;
  const cidrs = env.onPremisesCidrs?.length ? [...env.onPremisesCidrs] : [placeholderCidr(env.vpcCidr)];
  const tags = {
    Application: t.name,
    Environment: e,
    ...Object.fromEntries(Object.entries(env.defaultTags).filter(([k]) => k !== "Application" && k !== "Environment")),
  };
  const external: Record<string, unknown> = {
    hostname: `${t.name}-${e}.db.example.internal`,
    port: defaultPort(t.sourceEngine),
    secretArn: arn("secretsmanager", `secret:${t.name}/${e}/source-AbCdEf`),
    secretKmsKeyArn: arn("kms", "key/00000000-0000-4000-8000-000000000000"),
    cidrBlocks: cidrs,
  };
  if (verifyFull) external.certificateArn = env.sourceCertificateArn ?? arn("dms", "cert:REPLACEWITHSOURCECA");

  let out = "";
  out += comment(
    `Replication, ${e}: the migration "${t.name}" (stack ${t.name}-${e}), written by \`npm run new-migration\`.
Replace every value marked REPLACE, then: npm run plan (docs/migrations.md). Keys marked "promoted"
are copied dev -> test -> prod by \`npm run promote\`; the others belong to this environment.`,
    0,
  );
  out += "config:\n";
  out += comment("The environment's region and account (copied from the primary migration's file).");
  out += entry("aws:region", env.region, 2);
  out += entry("aws:allowedAccountIds", [env.accountId], 2);
  out += comment(
    "Tags on every resource. Application is the migration's name; Owner, CostCenter and\nDataClassification were copied from the primary migration: REPLACE them if this one differs.",
  );
  out += entry("aws:defaultTags", { tags }, 2);
  out += comment(`The environment: must match the stack name ${t.name}-${e}.`);
  out += entry(`${ns}:environment`, e, 2);
  out += comment(
    "Promoted. The migration's name, in every physical name (<env>-<app>-<purpose>-dms); must equal\nthe stack name's migration part.",
  );
  out += entry(`${ns}:application`, t.name, 2);
  if (env.foundationStack !== undefined) {
    out += comment("The foundation of this environment (network, KMS key, target database), read by reference.");
    out += entry(`${ns}:foundationStack`, env.foundationStack, 2);
  }
  out += comment(
    "A replication instance sized by the environment's profile; add instanceClass or allocatedStorageGb\nto size it, or use kind: serverless.",
  );
  out += entry(`${ns}:capacity`, { kind: "instance" }, 2);
  const port = defaultPort(t.sourceEngine);
  out += comment(
    [
      "Where the source is (environment-specific). REPLACE: hostname; secretArn, the Secrets Manager",
      "secret holding username, password, host and port; secretKmsKeyArn, the key it is encrypted with.",
      ...(env.onPremisesCidrs?.length
        ? [
            `cidrBlocks: the source's network, for the DMS security group's egress on port ${port}; copied`,
            "from the foundation's network.onPremisesCidrs: narrow it to the host if you can.",
          ]
        : [
            `cidrBlocks: the source's network, for the DMS security group's egress on port ${port}.`,
            `${cidrs[0]} is a placeholder outside the VPC (${env.vpcCidr ?? "its CIDR"}): REPLACE it with the`,
            "source host's address or network.",
          ]),
      ...(verifyFull
        ? [
            `certificateArn: the CA that signed the source's certificate, imported into DMS; ${e} verifies`,
            `it (verify-full). ${env.sourceCertificateArn ? "Copied from the primary migration: REPLACE if another CA signed it." : "REPLACE it."}`,
          ]
        : []),
    ].join("\n"),
  );
  out += entry(`${ns}:sourceConnection`, { external }, 2);
  if (verifyFull) {
    out += comment(
      `The RDS CA bundle imported into DMS: ${e} verifies the target's certificate (verify-full).\n${
        env.targetCertificateArn ? "Copied from the primary migration (one per account)." : "REPLACE it."
      }`,
    );
    out += entry(
      `${ns}:targetCertificateArn`,
      env.targetCertificateArn ?? arn("dms", "cert:REPLACEWITHRDSCABUNDLE"),
      2,
    );
  }
  if (env.alarmEmails?.length) {
    out += comment("Who gets the alarms (copied from the primary migration; each address confirms).");
    out += entry(`${ns}:alarmEmails`, [...env.alarmEmails], 2);
  }
  out += comment(
    `Promoted: the migration definition, identical in dev, test and prod. The source database and the
schema the first task copies, full load then ongoing changes; the target is the foundation's
database. Add tasks (wave: 2 for a later wave) and transformation rules as the migration grows.`,
  );
  out += entry(`${ns}:migration`, migrationDefinition(t), 2);
  out += comment(
    "Who operates the migration (environment-specific, never promoted; docs/access.md): copied from the\nprimary migration. migrationActive is the delete guard: set it false before destroying the stack.",
  );
  out += entry(`${ns}:operators`, env.operators, 2);
  return out;
}
