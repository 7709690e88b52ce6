import type { GraphResource, ResourceGraph } from "@dms-platform/offline";

/**
 * A credential the program writes in its own code (or takes from unencrypted stack config): it
 * lands in the program's repository and, under the CLI, in every state checkpoint's history.
 *
 * The policy pack cannot see it: @pulumi/aws wraps every input its schema marks secret in
 * `pulumi.secret`, a literal included, and @pulumi/policy hands a policy the value unwrapped, so a
 * literal reads exactly like a generated password. The offline engine sees the registration
 * itself and records where each secret input came from (`GraphResource.secretInputs`).
 */
export interface LiteralSecret {
  urn: string;
  /** The input, as the resource's args name it (`password`). */
  property: string;
  message: string;
}

/** A credential input of a resource type, and how to provide it instead. */
interface CredentialInput {
  properties: readonly string[];
  /** How to provide it without writing it anywhere (the first choice first). */
  instead: string;
  /** Whether a secret config value is a fix too (not where the pack wants no such input at all). @default true */
  configFixes?: boolean;
  /** When the input is a credential only for some values of the other inputs (an SSM SecureString). */
  when?(inputs: Readonly<Record<string, unknown>>): boolean;
}

const GENERATE = "generate it with random.RandomPassword";
const CONFIG = "put it in the stack file with `pulumi config set --secret <key>`";

/**
 * The credential inputs @pulumi/aws 7.48 wraps in `pulumi.secret` (the `pulumi.secret(args.<input>)`
 * lines of node_modules/@pulumi/aws/<module>.js, e.g. rds/instance.js `password`,
 * secretsmanager/secretVersion.js `secretString`); other schema-secret inputs (certificates'
 * bodies, login banners, `adminUsername`) are not credentials. The `manage*` switches are the
 * provider's own inputs of the same files (Secrets Manager keeps the password).
 */
export const CREDENTIAL_INPUTS: Readonly<Record<string, CredentialInput>> = {
  "aws:rds/instance:Instance": {
    properties: ["password", "passwordWo"],
    instead: `set manageMasterUserPassword: true (RDS keeps it in Secrets Manager) or ${GENERATE}`,
  },
  "aws:rds/cluster:Cluster": {
    properties: ["masterPassword", "masterPasswordWo"],
    instead: `set manageMasterUserPassword: true (RDS keeps it in Secrets Manager) or ${GENERATE}`,
  },
  "aws:docdb/cluster:Cluster": {
    properties: ["masterPassword", "masterPasswordWo"],
    instead: `set manageMasterUserPassword: true or ${GENERATE}`,
  },
  "aws:docdb/elasticCluster:ElasticCluster": { properties: ["adminUserPassword"], instead: GENERATE },
  "aws:redshift/cluster:Cluster": {
    properties: ["masterPassword", "masterPasswordWo"],
    instead: `set manageMasterPassword: true (Redshift keeps it in Secrets Manager) or ${GENERATE}`,
  },
  "aws:redshiftserverless/namespace:Namespace": {
    properties: ["adminUserPassword", "adminUserPasswordWo"],
    instead: `set manageAdminPassword: true (Redshift keeps it in Secrets Manager) or ${GENERATE}`,
  },
  "aws:secretsmanager/secretVersion:SecretVersion": {
    properties: ["secretString", "secretStringWo", "secretBinary"],
    instead: `build it from a generated value (random.RandomPassword's result, e.g. with pulumi.jsonStringify)`,
  },
  "aws:dms/endpoint:Endpoint": {
    properties: ["password"],
    instead:
      "remove it and set secretsManagerArn and secretsManagerAccessRoleArn (a secret built from a generated password)",
    configFixes: false,
  },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    properties: ["authToken", "authTokenWo"],
    instead: GENERATE,
  },
  "aws:elasticache/user:User": { properties: ["passwords", "passwordsWo"], instead: GENERATE },
  "aws:ssm/parameter:Parameter": {
    properties: ["value", "valueWo"],
    instead: GENERATE,
    when: (inputs) => inputs.type === "SecureString",
  },
};

function finding(resource: GraphResource, property: string, input: CredentialInput): LiteralSecret | undefined {
  const origin = resource.secretInputs?.[property];
  if (!origin) return undefined;
  const where = `${resource.type} "${resource.name}": ${property}`;
  if (origin.from === "program") {
    return {
      urn: resource.urn,
      property,
      message: `${where} is a literal written in the program (it depends on no resource and on no secret config value); ${input.instead}${input.configFixes === false ? "" : `, or ${CONFIG}`}`,
    };
  }
  if (origin.from === "config") {
    return {
      urn: resource.urn,
      property,
      message: `${where} comes from the stack config key ${origin.key}, which is not encrypted; ${input.configFixes === false ? input.instead : `encrypt it with \`pulumi config set --secret ${origin.key.includes(".") || origin.key.includes("[") ? "--path " : ""}${origin.key} <value>\`, or ${input.instead}`}`,
    };
  }
  return undefined;
}

/** The credentials a program writes in plain text (its code, or unencrypted stack config). */
export function literalSecrets(graph: ResourceGraph): LiteralSecret[] {
  const found: LiteralSecret[] = [];
  for (const resource of graph.resources) {
    const input = CREDENTIAL_INPUTS[resource.type];
    if (!input || !resource.secretInputs || resource.read) continue;
    if (input.when && !input.when(resource.inputs)) continue;
    for (const property of input.properties) {
      const f = finding(resource, property, input);
      if (f) found.push(f);
    }
  }
  return found;
}
