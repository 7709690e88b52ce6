// Tiny stand-ins for stacks/foundation and stacks/replication, built from raw @pulumi/aws
// resources, so the CLI is tested without the real components. Their config lives in
// fixtures/stacks/<stack>/Pulumi.<env>.yaml.
import { parseStackConfig } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/** A secret the foundation fixture stores and exports; no plan output may contain it. */
export const PLANTED_SECRET = "planted-s3cr3t-Zq7xW2";

const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/([0-9]|[12][0-9]|3[0-2])$/, "must be an IPv4 CIDR block");

const foundationConfig = z.strictObject({
  /** CIDR of the VPC. */
  vpcCidr: cidr,
  /** Who may reach the database port (the insecure fixture opens it to the world). */
  dbIngressCidr: cidr,
  /** Owner tag; missing in dev on purpose (an advisory violation). */
  owner: z.string().optional(),
});

const replicationConfig = z.strictObject({
  /** The foundation stack to read, as a StackReference name (`<org>/<project>/<stack>`). */
  foundationStack: z.string().min(1),
  migrationName: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
  /** A `secure:` value: the program sees a secret, the plan "[secret]". */
  apiToken: z.string().optional(),
});

function stackConfig<S extends z.ZodObject>(schema: S): z.output<S> {
  return parseStackConfig(schema, pulumi.runtime.allConfig(), {
    file: `Pulumi.${pulumi.getStack()}.yaml`,
    namespace: pulumi.getProject(),
  });
}

class FixtureNetwork extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;

  constructor(
    name: string,
    args: { vpcCidr: string; dbIngressCidr: string; tags: Record<string, string> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("fixture:network:Network", name, {}, opts);
    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: args.vpcCidr, enableDnsHostnames: true, tags: args.tags },
      { parent: this, retainOnDelete: true },
    );
    new aws.ec2.Subnet(
      `${name}-private-a`,
      { vpcId: vpc.id, cidrBlock: args.vpcCidr.replace(/\/\d+$/, "/24"), tags: args.tags },
      { parent: this },
    );
    new aws.ec2.SecurityGroup(
      `${name}-db`,
      {
        vpcId: vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: [args.dbIngressCidr] }],
        tags: args.tags,
      },
      { parent: this },
    );
    this.vpcId = vpc.id;
    this.registerOutputs({ vpcId: this.vpcId });
  }
}

export async function foundationProgram(): Promise<Record<string, unknown>> {
  const config = stackConfig(foundationConfig);
  const tags: Record<string, string> = {
    Environment: pulumi.getStack(),
    ...(config.owner ? { Owner: config.owner } : {}),
  };
  const network = new FixtureNetwork("net", { vpcCidr: config.vpcCidr, dbIngressCidr: config.dbIngressCidr, tags });
  const secret = new aws.secretsmanager.Secret("db-credentials", { tags }, { protect: true });
  // Known to the test (no output may contain it), yet not a literal to `plan`: it depends on the
  // secret resource, as a generated password depends on its random:RandomPassword.
  const password = pulumi.secret(secret.arn.apply(() => PLANTED_SECRET));
  new aws.secretsmanager.SecretVersion("db-credentials", { secretId: secret.id, secretString: password });
  return { vpcId: network.vpcId, dbPassword: password };
}

export async function replicationProgram(): Promise<Record<string, unknown>> {
  const config = stackConfig(replicationConfig);
  const foundation = new pulumi.StackReference(config.foundationStack);
  const vpcId = foundation.requireOutput("vpcId") as pulumi.Output<string>;
  const sg = new aws.ec2.SecurityGroup(`${config.migrationName}-dms`, {
    vpcId,
    egress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["10.0.0.0/16"] }],
    tags: { Environment: pulumi.getStack(), Owner: "data-platform" },
  });
  if (config.apiToken !== undefined) {
    new aws.ssm.Parameter(`${config.migrationName}-api-token`, {
      type: "SecureString",
      value: new pulumi.Config().requireSecret("apiToken"),
    });
  }
  return { foundationVpcId: vpcId, dmsSecurityGroupId: sg.id };
}
