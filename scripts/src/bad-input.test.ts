// Broken and hostile edits to copies of the repository's stack files, planned through the built
// command (`main` of scripts/dist, the real registry and policy pack): each is refused with exit 2
// and one line naming the stack file and the config key exactly as written there, with the fix in
// the stack file's terms. Issue 21; one `node` is spawned to show a real process prints no trace.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "./cli.js";
import { copyStackFiles } from "./testing/stack-copies.js";

const repoRoot = join(__dirname, "..", "..");

interface BrokenEdit {
  title: string;
  /** The stack file edited: `<stack>/Pulumi.<env>.yaml`. */
  file: string;
  /** Replace the first occurrence of `from` with `to`, or write `text` as the whole file. */
  edit: { from: string; to: string } | { text: string };
  /** The message after `error: <file>: `. */
  message: string;
  /** The file the error names, when not the edited one (a foundation edit breaking the replication). */
  reportedFile?: string;
  /** Plan only this stack (a foundation edit needs no replication run). @default "all" */
  stack?: "foundation" | "all";
  /** The other stack file the message names (for FOUNDATION in `message`). */
  otherFile?: string;
}

async function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const code = await main(["node", "dms-platform", "plan", "--jobs", "1", ...args], {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: false },
    env: { NO_COLOR: "1" },
    cwd: repoRoot,
    repoRoot,
  });
  return { code, ...out };
}

const F = "dms-platform-foundation";
const R = "dms-platform-replication";
const PROD_SOURCE_CA = "      certificateArn: arn:aws:dms:eu-west-1:444455556666:cert:CORPROOTCA2024EXAMPLE\n";
const LAB_SOURCE = `  ${F}:labSource:\n    engine: mysql\n    engineVersion: "8.0"\n    databaseName: dmslab\n`;

/** Nine levels of nine aliases: a few hundred bytes expanding to 9^9 strings. */
const ALIAS_BOMB = [
  "config:",
  '  x:l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from(
    { length: 8 },
    (_, i) => `  x:l${i + 1}: &l${i + 1} [${Array.from({ length: 9 }, () => `*l${i}`).join(",")}]`,
  ),
  "",
].join("\n");

const EDITS: BrokenEdit[] = [
  // A value the stack schema lets through and a component refuses: the config key, not the argument.
  {
    title: "a VPC CIDR with host bits set (MigrationNetwork cidrBlock)",
    file: "foundation/Pulumi.dev.yaml",
    edit: { from: "vpcCidr: 10.20.0.0/16", to: "vpcCidr: 10.20.0.0/8" },
    message: `${F}:network.vpcCidr: has host bits set; the network is 10.0.0.0/8 (got "10.20.0.0/8")`,
  },
  {
    title: "a VPC CIDR with a prefix above 32",
    file: "foundation/Pulumi.dev.yaml",
    edit: { from: "vpcCidr: 10.20.0.0/16", to: "vpcCidr: 10.20.0.0/40" },
    message: `${F}:network.vpcCidr: has a prefix length above 32 (got "10.20.0.0/40")`,
  },
  {
    title: "a table-mapping rule type DMS does not know (DmsReplication tasks[0]...rule-type)",
    file: "replication/Pulumi.dev.yaml",
    edit: { from: "- rule-type: selection", to: "- rule-type: selectio" },
    message: `${R}:migration.tasks[0].tableMappings.rules[0]["rule-type"]: must be one of selection, transformation, table-settings, post-processing, object-mapping (got "selectio")`,
  },
  {
    title: "prod without the source's CA certificate (the component would suggest an sslMode key)",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: PROD_SOURCE_CA, to: "" },
    message: `${R}:sourceConnection.external.certificateArn: is required: prod's endpoints verify the database's certificate (sslMode verify-full); set sourceConnection.external.certificateArn to the ARN of the DMS certificate of the CA that signed it (for RDS, the imported RDS CA bundle; docs/dms.md)`,
  },
  {
    title: "prod without the target's CA certificate",
    file: "replication/Pulumi.prod.yaml",
    edit: {
      from: `  ${R}:targetCertificateArn: arn:aws:dms:eu-west-1:444455556666:cert:RDSGLOBALBUNDLEEXAMPLE\n`,
      to: "",
    },
    message: `${R}:targetCertificateArn: is required: prod's endpoints verify the database's certificate (sslMode verify-full); set targetCertificateArn to the ARN of the DMS certificate of the CA that signed it (for RDS, the imported RDS CA bundle; docs/dms.md)`,
  },
  {
    title: "a task name that makes a DMS identifier over 255 characters",
    file: "replication/Pulumi.dev.yaml",
    edit: { from: "- name: customers", to: `- name: customers-${"x".repeat(240)}` },
    message: `${R}:migration.tasks[0].name: makes the dms-task name AWS refuses: "dev-dmslab-customers-${"x".repeat(240)}-dms" has 265 characters; DMS CreateReplicationTask ReplicationTaskIdentifier allows 1-255; shorten it`,
  },
  {
    title: "an application name that makes an IAM role name over 64 characters",
    file: "foundation/Pulumi.dev.yaml",
    edit: { from: `${F}:application: dmslab`, to: `${F}:application: dmslab-${"a".repeat(50)}` },
    message: `${F}:application: makes the iam-role name AWS refuses: "dev-dmslab-${"a".repeat(50)}-vpc-flow-logs" has 75 characters; IAM CreateRole RoleName allows 1-64; shorten it`,
  },
  {
    title: "a source connection of no accepted shape (zod's bare Invalid input)",
    file: "replication/Pulumi.dev.yaml",
    edit: { from: "    foundationOutput: labSource", to: "    foundationOutpt: labSource" },
    message: `${R}:sourceConnection: must be one of { foundationOutput: labSource } (dev's lab source database of the foundation stack) or { external: { hostname, port, secretArn, secretKmsKeyArn, cidrBlocks, certificateArn? } } (a database outside the foundation) (got {"foundationOutpt":"labSource"})`,
  },
  {
    title: "a foundation output the replication reads and the foundation does not export",
    file: "foundation/Pulumi.dev.yaml",
    edit: { from: LAB_SOURCE, to: "" },
    reportedFile: "replication/Pulumi.dev.yaml",
    message: `${R}:sourceConnection.foundationOutput: reads the output "labSource" of the foundation stack organization/${F}/dev, which has none: declare it in that foundation (its Pulumi.<env>.yaml) and update it first, or read another output`,
  },
  {
    title: "a CDC start time that is no date",
    file: "replication/Pulumi.dev.yaml",
    edit: { from: "        start: true", to: "        start: true\n        cdcStartTime: yesterday" },
    message: `${R}:migration.tasks[0].cdcStartTime: must be an RFC 3339 date and time such as 2026-11-29T08:00:00Z (got "yesterday")`,
  },
  // Values AWS would reject.
  {
    title: "a DMS replication instance class that does not exist",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: "instanceClass: dms.r5.large", to: "instanceClass: dms.r5.medium" },
    message: `${R}:capacity.instanceClass: must be a DMS replication instance class AWS offers (dms.r5 comes in large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge, 24xlarge; AWS DMS User Guide, "Choosing the right AWS DMS replication instance") (got "dms.r5.medium")`,
  },
  {
    title: "an RDS instance class that does not exist",
    file: "foundation/Pulumi.dev.yaml",
    edit: {
      from: "    databaseName: dmslab\n  # The lab",
      to: "    databaseName: dmslab\n    instanceClass: db.t3.meduim\n  # The lab",
    },
    message: `${F}:target.instanceClass: db.t3 has no size "meduim": micro, small, medium, large, xlarge, 2xlarge (got "db.t3.meduim")`,
  },
  {
    title: "an empty aws:region",
    file: "foundation/Pulumi.test.yaml",
    edit: { from: "aws:region: eu-west-1", to: 'aws:region: ""' },
    message: "aws:region: must be an AWS region such as eu-west-1 (got an empty string)",
  },
  {
    title: "a default tag key in AWS's reserved aws: prefix",
    file: "replication/Pulumi.dev.yaml",
    edit: { from: "      Owner: platform-data", to: '      Owner: platform-data\n      "aws:team": data' },
    message:
      'aws:defaultTags.tags["aws:team"]: a tag key may not begin with "aws:", which AWS reserves for its own tags (got "aws:team")',
  },
  {
    title: "AWS credentials in the stack file, even as a secret",
    file: "foundation/Pulumi.prod.yaml",
    edit: {
      from: "  aws:region: eu-west-1",
      to: "  aws:region: eu-west-1\n  aws:secretKey:\n    secure: v1:AAAABBBBCCCC",
    },
    message:
      "aws:secretKey: AWS credentials do not belong in a stack file, not even as a secret: remove it (`pulumi config rm aws:secretKey`) and let CI assume its OIDC role and people use an AWS profile (aws:profile or AWS_PROFILE)",
  },
  // Crossing environments.
  {
    title: "dev's lab source declared in prod's foundation",
    file: "foundation/Pulumi.prod.yaml",
    edit: { from: `  ${F}:target:`, to: `${LAB_SOURCE}  ${F}:target:` },
    message: `${F}:labSource: the reference lab's source database is dev-only: remove labSource from the prod stack (a prod migration reads its real source through the replication stack's sourceConnection.external) (got labSource)`,
  },
  {
    title: "a test replication reading the lab source",
    file: "replication/Pulumi.test.yaml",
    edit: {
      from: "    external:\n      hostname: mysql-test.corp.example.internal\n      port: 3306\n      secretArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:dmslab/test/source-AbCdEf\n      cidrBlocks:\n        - 172.16.16.0/20\n      secretKmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/0f0e0d0c-1111-2222-3333-444455556666\n",
      to: "    foundationOutput: labSource\n",
    },
    message: `${R}:sourceConnection.foundationOutput: the lab source is dev-only: in test give the real source as { external: { hostname, port, secretArn, secretKmsKeyArn, cidrBlocks } } (got "labSource")`,
  },
  {
    title: "a replication stack reading another environment's foundation",
    file: "replication/Pulumi.test.yaml",
    edit: {
      from: `  ${R}:environment: test\n`,
      to: `  ${R}:environment: test\n  ${R}:foundationStack: organization/${F}/prod\n`,
    },
    message: `${R}:foundationStack: must be the foundation of this stack's environment, <organization>/${F}/test: a test replication must not read another environment's network and databases (got "organization/${F}/prod")`,
  },
  // The migration against the foundation it reads.
  {
    title: "a target engine other than the foundation's target database",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: "    target:\n      engine: mysql", to: "    target:\n      engine: postgres" },
    message: `${R}:migration.target.engine: must be the engine of the foundation's target database, mysql: the migration and the database it reads must agree (got "postgres")`,
  },
  {
    title: "a source engine other than the lab source's",
    file: "replication/Pulumi.dev.yaml",
    edit: { from: "    source:\n      engine: mysql", to: "    source:\n      engine: mariadb" },
    message: `${R}:migration.source.engine: must be the engine of the foundation's labSource database, mysql: the migration and the database it reads must agree (got "mariadb")`,
  },
  {
    title: "an external source that is the target itself",
    file: "replication/Pulumi.prod.yaml",
    edit: {
      from: "hostname: mysql-prod.corp.example.internal",
      to: "hostname: prod-dmslab-tgt.c2a33349e7e6.eu-west-1.rds.amazonaws.com",
    },
    message: `${R}:sourceConnection.external.hostname: is the migration's target itself (prod-dmslab-tgt.c2a33349e7e6.eu-west-1.rds.amazonaws.com:3306): a source must be another database`,
  },
  // Networks that open a database port to the internet, alone or together.
  {
    title: "an external source network that, in two halves, is the whole internet",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: "        - 172.16.0.0/20", to: "        - 0.0.0.0/1\n        - 128.0.0.0/1" },
    message: `${R}:sourceConnection.external.cidrBlocks: "0.0.0.0/1", "128.0.0.0/1" together reach the internet (at least a /8 of public IPv4 or a /32 of public IPv6 addresses); name the private or on-premises networks that need access (got ["0.0.0.0/1","128.0.0.0/1"])`,
  },
  {
    title: "on-premises networks that include 0.0.0.0/0",
    file: "foundation/Pulumi.dev.yaml",
    edit: {
      from: "    vpcCidr: 10.20.0.0/16",
      to: "    vpcCidr: 10.20.0.0/16\n    onPremisesCidrs: [192.168.0.0/16, 0.0.0.0/0]",
    },
    message: `${F}:network.onPremisesCidrs: "192.168.0.0/16", "0.0.0.0/0" together reach the internet (at least a /8 of public IPv4 or a /32 of public IPv6 addresses); name the private or on-premises networks that need access (got ["192.168.0.0/16","0.0.0.0/0"])`,
  },
  // Configuration the CLI would read differently (issue 30).
  {
    title: "a misspelt namespace, which nothing would read (prod alarms reaching nobody)",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: `  ${R}:alarmEmails:`, to: "  Dms-Platform-Replication:alarmEmails:" },
    message: `Dms-Platform-Replication:alarmEmails: unknown config namespace "Dms-Platform-Replication": nothing reads this key, so its value would be ignored; did you mean "${R}:alarmEmails"?`,
  },
  {
    title: "a misspelt key of the stack",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: `  ${R}:migration:`, to: `  ${R}:migraton:` },
    message: `${R}:migraton: unknown config key: the stack would ignore it; did you mean "${R}:migration"?`,
  },
  {
    title: "a misspelt aws provider key",
    file: "foundation/Pulumi.test.yaml",
    edit: { from: "aws:region: eu-west-1", to: "aws:region: eu-west-1\n  aws:defaultTag: {}" },
    message:
      'aws:defaultTag: unknown aws config key "defaultTag": the aws provider would ignore it; did you mean "aws:defaultTags"?',
  },
  {
    title: "aws:insecure in prod",
    file: "foundation/Pulumi.prod.yaml",
    edit: { from: "  aws:region: eu-west-1", to: "  aws:region: eu-west-1\n  aws:insecure: true" },
    message:
      "aws:insecure: must not be set in prod: it turns off TLS certificate verification for every AWS call; remove it (`pulumi config rm aws:insecure`) (got true)",
  },
  {
    title: "aws:endpoints in test",
    file: "replication/Pulumi.test.yaml",
    edit: {
      from: "  aws:region: eu-west-1",
      to: "  aws:region: eu-west-1\n  aws:endpoints:\n    - dms: http://localhost:4566",
    },
    message:
      'aws:endpoints: must not be set in test: it sends AWS calls to endpoints other than AWS\'s own; remove it (`pulumi config rm aws:endpoints`) (got [{"dms":"http://localhost:4566"}])',
  },
  {
    title: "an account id YAML reads as a number",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: '    - "444455556666"', to: "    - 044455556666" },
    message:
      'aws:allowedAccountIds[0]: must be a 12-digit account id as a quoted string; quote it ("044455556666"?): YAML reads an unquoted number and drops leading zeros (got 44455556666)',
  },
  {
    title: "the text [secret] written in plain text",
    file: "replication/Pulumi.prod.yaml",
    edit: {
      from: "secretArn: arn:aws:secretsmanager:eu-west-1:444455556666:secret:dmslab/prod/source-GhIjKl",
      to: 'secretArn: "[secret]"',
    },
    message: `${R}:sourceConnection.external.secretArn: is the text "[secret]", which only stands for an encrypted value: set the value itself, or encrypt it with \`pulumi config set --secret\``,
  },
  {
    title: "an ESC environment import, which plan cannot open",
    file: "foundation/Pulumi.dev.yaml",
    edit: { from: "config:\n", to: "environment:\n  - platform/shared\nconfig:\n" },
    message:
      "environment: plan does not model Pulumi ESC environments (their values live in Pulumi Cloud): write the values the stack needs under config:, or check the stack with `pulumi preview`",
  },
  {
    title: "stackConfigDir in Pulumi.yaml, which moves the stack files",
    file: "foundation/Pulumi.yaml",
    edit: { from: "main: main.js", to: "main: main.js\nstackConfigDir: config/" },
    message:
      'stackConfigDir: plan does not model stackConfigDir: it reads Pulumi.<stack>.yaml beside Pulumi.yaml, where the CLI would not look; move the stack files there and remove stackConfigDir (got "config/")',
  },
  {
    title: "a project-level config value of the wrong declared type",
    file: "foundation/Pulumi.yaml",
    edit: { from: "main: main.js", to: "main: main.js\nconfig:\n  application:\n    type: integer" },
    reportedFile: "foundation/Pulumi.dev.yaml",
    message: `${F}:application: must be of type integer, as PROJECT declares (got "dmslab")`,
  },
  {
    title: "a YAML merge of a scalar",
    file: "foundation/Pulumi.dev.yaml",
    edit: { from: "    vpcCidr: 10.20.0.0/16", to: "    vpcCidr: 10.20.0.0/16\n    <<: 5" },
    message:
      "line 20: a merge key (<<) must merge a mapping, an alias of one (*name) or a list of them, as the Pulumi CLI requires",
  },
  // ARNs of another region or account than the stack's.
  {
    title: "a DMS certificate of another region",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: "targetCertificateArn: arn:aws:dms:eu-west-1:", to: "targetCertificateArn: arn:aws:dms:us-east-1:" },
    message: `${R}:targetCertificateArn: is in region us-east-1, not the stack's (aws:region eu-west-1, account 444455556666): a DMS certificate is a resource of one account and region (ImportCertificate), and an endpoint can only use one of its own (got "arn:aws:dms:us-east-1:444455556666:cert:RDSGLOBALBUNDLEEXAMPLE")`,
  },
  {
    title: "a DMS certificate of another account",
    file: "replication/Pulumi.prod.yaml",
    edit: {
      from: "certificateArn: arn:aws:dms:eu-west-1:444455556666:cert:CORP",
      to: "certificateArn: arn:aws:dms:eu-west-1:111122223333:cert:CORP",
    },
    message: `${R}:sourceConnection.external.certificateArn: is in account 111122223333, not the stack's (aws:region eu-west-1, account 444455556666): a DMS certificate is a resource of one account and region (ImportCertificate), and an endpoint can only use one of its own (got "arn:aws:dms:eu-west-1:111122223333:cert:CORPROOTCA2024EXAMPLE")`,
  },
  {
    title: "a secret's KMS key of another region than the secret",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: "secretKmsKeyArn: arn:aws:kms:eu-west-1:", to: "secretKmsKeyArn: arn:aws:kms:eu-central-1:" },
    message: `${R}:sourceConnection.external.secretKmsKeyArn: is in region eu-central-1, not the secret's (eu-west-1): KMS keys are regional, and Secrets Manager encrypts a secret with a key of the secret's own region (a replica in another region names a key of its own: Secrets Manager API, ReplicaRegionType.KmsKeyId) (got "arn:aws:kms:eu-central-1:444455556666:key/9a8b7c6d-7777-8888-9999-000011112222")`,
  },
  {
    title: "a source network with host bits set (named at the key, not the stack)",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: "        - 172.16.0.0/20", to: "        - 172.16.0.1/20" },
    message: `${R}:sourceConnection.external.cidrBlocks[0]: has host bits set; the network is 172.16.0.0/20 (got "172.16.0.1/20")`,
  },
  {
    title: "a target database name that only looks like the foundation's (a homoglyph)",
    file: "replication/Pulumi.prod.yaml",
    edit: {
      from: "    target:\n      engine: mysql\n      databaseName: dmslab",
      to: "    target:\n      engine: mysql\n      databaseName: dms\u0406ab",
    },
    message: `${R}:migration.target.databaseName: must be the name of the foundation's target database, "dmslab": the migration and the database it reads must agree (got "dms\\u{406}ab")`,
  },
  // A replication and the foundation it reads in different regions or accounts.
  {
    title: "a replication in another region than its foundation",
    file: "replication/Pulumi.dev.yaml",
    edit: { from: "aws:region: eu-west-1", to: "aws:region: eu-central-1" },
    otherFile: "foundation/Pulumi.dev.yaml",
    message:
      'aws:region: must be the region of the stack it reads, organization/dms-platform-foundation/dev: FOUNDATION has aws:region eu-west-1, and DMS can only use a VPC, subnets and security groups of its own region; set the same aws:region in both files (got "eu-central-1")',
  },
  {
    title: "a replication in another account than its foundation",
    file: "replication/Pulumi.prod.yaml",
    edit: { from: '    - "444455556666"', to: '    - "999988887777"' },
    otherFile: "foundation/Pulumi.prod.yaml",
    message:
      "aws:allowedAccountIds: must share an account with the stack it reads, organization/dms-platform-foundation/prod: FOUNDATION has aws:allowedAccountIds 444455556666, and only the account that owns its database's security group can add the ingress rule from DMS; list the same account in both files (got 999988887777)",
  },
  // Files.
  {
    title: "malformed YAML",
    file: "replication/Pulumi.dev.yaml",
    edit: { from: "  aws:region: eu-west-1", to: "  aws:region: [eu-west-1" },
    message: "line 4: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
  },
  {
    title: "an alias bomb",
    file: "foundation/Pulumi.dev.yaml",
    edit: { text: ALIAS_BOMB },
    message:
      '(root): refused: its aliases (*name) expand to more than 100 nodes, as in a YAML "alias bomb"; write the values out instead of aliasing them',
  },
];

describe("bad and hostile input, planned", () => {
  const temps: string[] = [];
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  for (const broken of EDITS) {
    it(`refuses ${broken.title}, naming the file and the key`, async () => {
      const dir = copyStackFiles("bad-input-");
      temps.push(dir);
      const path = join(dir, broken.file);
      const before = readFileSync(path, "utf8");
      const after = "text" in broken.edit ? broken.edit.text : before.replace(broken.edit.from, broken.edit.to);
      assert.notEqual(after, before, "the edit changed nothing");
      writeFileSync(path, after);
      const env = /Pulumi\.(\w+)\.yaml$/.exec(broken.file)?.[1] ?? "dev";
      const stack =
        broken.stack ?? (broken.file.startsWith("foundation/") && !broken.reportedFile ? "foundation" : "all");
      const run = await plan(["--stacks-dir", dir, "--env", env, "--stack", stack, "--format", "json"]);
      const errors = run.stderr.split("\n").filter((l) => l.startsWith("error: "));
      assert.equal(run.code, 2, run.stderr);
      assert.deepEqual(errors, [
        `error: ${broken.reportedFile ? join(dir, broken.reportedFile) : path}: ${broken.message.replace("PROJECT", path).replace("FOUNDATION", join(dir, broken.otherFile ?? ""))}`,
      ]);
      assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    });
  }

  // Secure twins (issue 30): what the CLI reads the same way plans, with no error.
  const SECURE_TWINS: Array<{
    title: string;
    file: string;
    from: string;
    to: string;
    env: string;
    check?: RegExp;
    stack?: "all";
  }> = [
    {
      title: "an encrypted secret ARN, accepted unread with a warning naming it",
      file: "replication/Pulumi.prod.yaml",
      from: "secretArn: arn:aws:secretsmanager:eu-west-1:444455556666:secret:dmslab/prod/source-GhIjKl",
      to: "secretArn:\n        secure: v1:AAAABBBBCCCCDDDD",
      env: "prod",
      check: new RegExp(`${R}:sourceConnection\\.external\\.secretArn: encrypted, so plan cannot read it`),
    },
    {
      title: "a source secret and its key in another account (shared through resource policies)",
      file: "replication/Pulumi.prod.yaml",
      from: "secretArn: arn:aws:secretsmanager:eu-west-1:444455556666:secret:dmslab/prod/source-GhIjKl\n      cidrBlocks:\n        - 172.16.0.0/20\n      secretKmsKeyArn: arn:aws:kms:eu-west-1:444455556666:",
      to: "secretArn: arn:aws:secretsmanager:eu-west-1:777788889999:secret:dmslab/prod/source-GhIjKl\n      cidrBlocks:\n        - 172.16.0.0/20\n      secretKmsKeyArn: arn:aws:kms:eu-west-1:777788889999:",
      env: "prod",
    },
    {
      title: "a foundation that may run in two accounts, one of them the replication's",
      file: "foundation/Pulumi.prod.yaml",
      from: '    - "444455556666"\n',
      to: '    - "999988887777"\n    - "444455556666"\n',
      env: "prod",
      stack: "all",
    },
    {
      title: "a target written as a YAML merge of the source",
      file: "replication/Pulumi.dev.yaml",
      from: "    source:\n      engine: mysql\n      databaseName: dmslab\n    target:\n      engine: mysql\n      databaseName: dmslab\n",
      to: "    source: &lab\n      engine: mysql\n      databaseName: dmslab\n    target:\n      <<: *lab\n",
      env: "dev",
    },
  ];
  for (const twin of SECURE_TWINS) {
    it(`plans ${twin.title}`, async () => {
      const dir = copyStackFiles("bad-input-");
      temps.push(dir);
      const path = join(dir, twin.file);
      const before = readFileSync(path, "utf8");
      assert.ok(before.includes(twin.from), "the edit changed nothing");
      writeFileSync(path, before.replace(twin.from, twin.to));
      const stack = twin.stack ?? (twin.file.startsWith("foundation/") ? "foundation" : "all");
      // Text: it lists the programs' warnings (Diagnostics).
      const run = await plan(["--stacks-dir", dir, "--env", twin.env, "--stack", stack]);
      assert.equal(run.code, 0, run.stderr);
      if (twin.check) assert.match(run.stdout, twin.check);
    });
  }

  it("plans aws:region given once in Pulumi.yaml's project-level config, as the CLI applies it", async () => {
    const dir = copyStackFiles("bad-input-");
    temps.push(dir);
    const project = join(dir, "foundation", "Pulumi.yaml");
    writeFileSync(project, `${readFileSync(project, "utf8")}config:\n  aws:region: eu-central-1\n`);
    const stackFile = join(dir, "foundation", "Pulumi.dev.yaml");
    writeFileSync(stackFile, readFileSync(stackFile, "utf8").replace(/ {2}aws:region: eu-west-1\n/, ""));
    const run = await plan(["--stacks-dir", dir, "--env", "dev", "--stack", "foundation", "--format", "json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /eu-central-1/);
  });

  it("refuses a migration file whose environment part is no environment, instead of skipping it", async () => {
    const dir = copyStackFiles("bad-input-");
    temps.push(dir);
    const path = join(dir, "replication", "Pulumi.orders-staging.yaml");
    cpSync(join(dir, "replication", "Pulumi.dev.yaml"), path);
    const run = await plan(["--stacks-dir", dir, "--env", "dev", "--stack", "replication"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`error: ${path}: \\(root\\): "orders-staging" is no replication stack name`));
  });

  it("prints one line and exits 2 in a real process given an alias bomb", () => {
    const dir = copyStackFiles("bad-input-");
    temps.push(dir);
    writeFileSync(join(dir, "foundation", "Pulumi.dev.yaml"), ALIAS_BOMB);
    const run = spawnSync(
      process.execPath,
      [
        join(repoRoot, "scripts", "dist", "bin.js"),
        "plan",
        "--stacks-dir",
        dir,
        "--env",
        "dev",
        "--stack",
        "foundation",
      ],
      { cwd: repoRoot, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
  });
});
