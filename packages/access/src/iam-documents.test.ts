import assert from "node:assert/strict";
import { accountAdministersKey } from "@dms-platform/config";
import fc from "fast-check";
import {
  ADMIN_DMS_ACTIONS,
  adminPolicyDocument,
  allowedActionPatterns,
  deleteGuardDocument,
  evaluate,
  GUARDED_LOG_ACTIONS,
  type IamRequest,
  isIdentityCenterRole,
  type OperatorInputs,
  type PolicyDocument,
  trustPolicyDocument,
  UnsupportedConditionError,
  viewerPolicyDocument,
} from "./iam-documents.js";
import { DecisionLog, oracleDataVersion } from "./testing/iam-oracle.js";

const ACCOUNT = "111122223333";
const CI = `arn:aws:iam::${ACCOUNT}:role/github-actions-dms-platform`;
const HUMAN = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DmsOperator_0123456789abcdef`;
const inputs = (overrides: Partial<OperatorInputs> = {}): OperatorInputs => ({
  partition: "aws",
  region: "eu-west-1",
  accountId: ACCOUNT,
  environment: "dev",
  application: "dmslab",
  ciRoleArn: CI,
  migrationActive: false,
  requireMfa: false,
  ...overrides,
});

const TASK = `arn:aws:dms:eu-west-1:${ACCOUNT}:task:ABCDEFGHIJKLMNOPQRSTUVWXYZ`;
const INSTANCE = `arn:aws:dms:eu-west-1:${ACCOUNT}:rep:ZYXWVUTSRQPONMLKJIHGFEDCBA`;
const ENDPOINT = `arn:aws:dms:eu-west-1:${ACCOUNT}:endpoint:QWERTYUIOPASDFGHJKLZXCVBNM`;
const CONFIG = `arn:aws:dms:eu-west-1:${ACCOUNT}:replication-config:MNBVCXZLKJHGFDSAPOIUYTREWQ`;
const LOG_GROUP = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:dms-tasks-dev-dmslab-replication-dms`;
const OTHER_LOG_GROUP = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:dms-tasks-dev-orders-replication-dms`;
const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:dev-dmslab-tgt-master-AbCdEf`;
const OTHER_SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:dev-orders-tgt-master-AbCdEf`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
/** The platform keys' policy lets the account's IAM policies decide (AccountAdministersKey). */
const KEY_POLICY = {
  Version: "2012-10-17" as const,
  Statement: [accountAdministersKey({ partition: "aws", accountId: ACCOUNT })],
};
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
/** A resource of the type the action acts on: IAM has no request for an action on another type. */
const resourceOf = (action: string): string => {
  const [service, name = ""] = action.split(":");
  if (service === "dms") {
    // Creating a task or a Serverless config is authorized on what it references (Service
    // Authorization Reference: CreateReplicationTask on Endpoint and ReplicationInstance).
    if (name === "CreateReplicationTask") return INSTANCE;
    if (name === "CreateReplicationConfig") return ENDPOINT;
    if (/Endpoint|TestConnection|RefreshSchemas/.test(name)) return ENDPOINT;
    if (/ReplicationInstance/.test(name)) return INSTANCE;
    if (/ReplicationConfig|Replication$|ReplicationTables/.test(name)) return CONFIG;
    return TASK;
  }
  if (/^logs:(GetLogEvents|DeleteLogStream)$/.test(action)) return `${LOG_GROUP}:log-stream:dms-task-ABC`;
  const byService: Record<string, string> = {
    secretsmanager: SECRET,
    kms: KEY,
    iam: role("dms-vpc-role"),
    logs: LOG_GROUP,
  };
  const resource = service === undefined ? undefined : byService[service];
  assert.ok(resource, `no resource for ${action}`);
  return resource;
};
const ours = { "aws:ResourceTag/Application": "dmslab", "aws:ResourceTag/Environment": "dev" };
const theirs = { "aws:ResourceTag/Application": "orders", "aws:ResourceTag/Environment": "dev" };
const human = { "aws:PrincipalArn": HUMAN, "aws:MultiFactorAuthPresent": false };
const ci = { "aws:PrincipalArn": CI };

// Every request the documents' tests judge is judged again by iam-simulate at the end of this file.
const log = new DecisionLog();
const can = log.can;

describe("iam-documents: the evaluator", () => {
  const doc: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::bucket/*" },
      {
        Effect: "Allow",
        NotAction: ["iam:*", "s3:*"],
        Resource: "*",
        Condition: { StringLike: { "aws:RequestTag/Team": "data-*" } },
      },
      { Effect: "Deny", Action: "s3:GetObject", NotResource: "arn:aws:s3:::bucket/public/*" },
    ],
  };

  it("lets an explicit deny win over an allow, and denies implicitly what nothing allows", () => {
    assert.equal(evaluate(doc, { action: "s3:GetObjectTagging", resource: "arn:aws:s3:::bucket/a" }), "allow");
    assert.equal(evaluate(doc, { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/a" }), "deny");
    assert.equal(evaluate(doc, { action: "S3:getobject", resource: "arn:aws:s3:::bucket/public/a" }), "allow");
    assert.equal(evaluate(doc, { action: "s3:PutObject", resource: "arn:aws:s3:::bucket/a" }), "implicit-deny");
  });

  it("handles NotAction and conditions on missing keys", () => {
    const ec2 = { action: "ec2:RunInstances", resource: "*" };
    assert.equal(evaluate(doc, { ...ec2, context: { "aws:RequestTag/Team": "data-eng" } }), "allow");
    assert.equal(evaluate(doc, { ...ec2, context: { "aws:RequestTag/Team": "web" } }), "implicit-deny");
    assert.equal(evaluate(doc, ec2), "implicit-deny", "a missing key fails a positive operator");
    assert.equal(
      evaluate(doc, { action: "iam:CreateUser", resource: "*", context: { "aws:RequestTag/Team": "data-x" } }),
      "implicit-deny",
    );
  });

  it("implements IfExists, negated operators, ForAllValues and ArnLike part by part", () => {
    const d = (Condition: NonNullable<PolicyDocument["Statement"][number]["Condition"]>): PolicyDocument => ({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition }],
    });
    const r = (context: IamRequest["context"]) => ({ action: "x:Y", resource: "*", context });
    assert.equal(evaluate(d({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }), r({})), "allow");
    assert.equal(
      evaluate(
        d({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }),
        r({ "aws:MultiFactorAuthPresent": true }),
      ),
      "implicit-deny",
    );
    assert.equal(evaluate(d({ StringNotEquals: { k: ["a", "b"] } }), r({})), "allow", "negated: a missing key matches");
    assert.equal(evaluate(d({ StringNotEquals: { k: ["a", "b"] } }), r({ k: "b" })), "implicit-deny");
    assert.equal(
      evaluate(d({ "ForAllValues:StringEquals": { "aws:TagKeys": ["A", "B"] } }), r({ "aws:TagKeys": ["A"] })),
      "allow",
    );
    assert.equal(
      evaluate(d({ "ForAllValues:StringEquals": { "aws:TagKeys": ["A", "B"] } }), r({ "aws:TagKeys": ["A", "C"] })),
      "implicit-deny",
    );
    assert.equal(
      evaluate(d({ ArnLike: { p: "arn:aws:iam::*:role/ci" } }), r({ p: "arn:aws:iam::111122223333:role/ci" })),
      "allow",
    );
    assert.equal(
      evaluate(d({ ArnLike: { p: "arn:aws:iam::*:role/ci" } }), r({ p: "arn:aws:iam::111122223333:role/cix" })),
      "implicit-deny",
    );
    assert.equal(
      evaluate(d({ ArnNotLike: { p: "arn:aws:iam::1:role/ci" } }), r({ p: "arn:aws:iam::1:role/ci" })),
      "implicit-deny",
    );
    assert.equal(evaluate(d({ Null: { k: "true" } }), r({})), "allow");
    assert.throws(() => evaluate(d({ NumericLessThan: { k: "3" } }), r({ k: "1" })), UnsupportedConditionError);
  });
});

describe("iam-documents: migration-admin", () => {
  const admin = adminPolicyDocument(inputs());

  it("may change, start, stop and delete this migration's tasks, endpoints, instance and Serverless configs", () => {
    for (const action of ADMIN_DMS_ACTIONS) {
      const resource = resourceOf(action);
      assert.equal(can(admin, { action, resource, context: ours }), "allow", `${action} on ${resource}`);
    }
    assert.equal(
      can(admin, {
        action: "dms:StopReplicationTask",
        resource: `arn:aws:dms:eu-west-1:${ACCOUNT}:task:*`,
        context: ours,
      }),
      "allow",
    );
  });

  it("may not touch another application's DMS resources, nor untagged ones, nor another account's", () => {
    for (const action of ADMIN_DMS_ACTIONS) {
      assert.equal(can(admin, { action, resource: resourceOf(action), context: theirs }), "implicit-deny", action);
      assert.equal(can(admin, { action, resource: resourceOf(action) }), "implicit-deny", action);
    }
    const otherAccount = TASK.replace(ACCOUNT, "999988887777");
    assert.equal(
      can(admin, { action: "dms:StopReplicationTask", resource: otherAccount, context: ours }),
      "implicit-deny",
    );
    assert.equal(
      can(admin, {
        action: "dms:StopReplicationTask",
        resource: TASK,
        context: { ...ours, "aws:ResourceTag/Environment": "prod" },
      }),
      "implicit-deny",
      "the Environment tag must match too",
    );
  });

  it("creates only resources tagged for this migration, with no tag keys beyond those the platform applies", () => {
    const tags = { "aws:RequestTag/Application": "dmslab", "aws:RequestTag/Environment": "dev" };
    // What DmsReplication puts on every task: the required tags, Name and its wave (MigrationWave).
    const keys = ["Application", "Environment", "Owner", "CostCenter", "DataClassification", "Name", "MigrationWave"];
    assert.equal(
      can(admin, {
        action: "dms:CreateReplicationTask",
        resource: INSTANCE,
        context: { ...tags, "aws:TagKeys": keys },
      }),
      "allow",
    );
    assert.equal(
      can(admin, {
        action: "dms:CreateReplicationTask",
        resource: INSTANCE,
        context: { ...tags, "aws:RequestTag/Application": "orders" },
      }),
      "implicit-deny",
    );
    assert.equal(can(admin, { action: "dms:CreateEndpoint", resource: ENDPOINT }), "implicit-deny", "untagged create");
    const tagging = { ...tags, "aws:TagKeys": ["Application", "Environment", "MigrationWave"] };
    assert.equal(
      can(admin, { action: "dms:AddTagsToResource", resource: TASK, context: tagging }),
      "allow",
      "on create",
    );
    assert.equal(
      can(admin, { action: "dms:AddTagsToResource", resource: TASK, context: { ...tagging, ...ours } }),
      "allow",
    );
    assert.equal(
      can(admin, { action: "dms:AddTagsToResource", resource: TASK, context: { ...tagging, ...theirs } }),
      "implicit-deny",
      "never claims another application's resource by re-tagging it",
    );
    assert.equal(
      can(admin, {
        action: "dms:CreateReplicationInstance",
        resource: INSTANCE,
        context: { ...tags, "aws:TagKeys": [...keys, "Backdoor"] },
      }),
      "implicit-deny",
    );
  });

  it("passes only this project's DMS roles, and only to DMS", () => {
    const toDms = { "iam:PassedToService": "dms.amazonaws.com" };
    for (const n of [
      "dms-vpc-role",
      "dms-cloudwatch-logs-role",
      "dev-dmslab-dms-src-secret",
      "dev-dmslab-dms-tgt-secret",
    ]) {
      assert.equal(can(admin, { action: "iam:PassRole", resource: role(n), context: toDms }), "allow", n);
    }
    assert.equal(
      can(admin, {
        action: "iam:PassRole",
        resource: role("dev-dmslab-dms-src-secret"),
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
      }),
      "implicit-deny",
    );
    assert.equal(
      can(admin, { action: "iam:PassRole", resource: role("OrganizationAccountAccessRole"), context: toDms }),
      "implicit-deny",
    );
    assert.equal(
      can(admin, { action: "iam:PassRole", resource: role("dev-orders-dms-src-secret"), context: toDms }),
      "implicit-deny",
    );
  });

  it("reads this migration's secrets and task logs, not another's", () => {
    assert.equal(can(admin, { action: "secretsmanager:GetSecretValue", resource: SECRET }), "allow");
    assert.equal(can(admin, { action: "secretsmanager:GetSecretValue", resource: OTHER_SECRET }), "implicit-deny");
    assert.equal(
      can(admin, { action: "secretsmanager:GetSecretValue", resource: OTHER_SECRET, context: ours }),
      "allow",
      "tagged for us",
    );
    assert.equal(can(admin, { action: "secretsmanager:PutSecretValue", resource: SECRET }), "implicit-deny");
    assert.equal(can(admin, { action: "logs:FilterLogEvents", resource: LOG_GROUP }), "allow");
    assert.equal(can(admin, { action: "logs:FilterLogEvents", resource: OTHER_LOG_GROUP }), "implicit-deny");
    const key = KEY;
    assert.equal(
      can(
        admin,
        {
          action: "kms:Decrypt",
          resource: key,
          context: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
        },
        KEY_POLICY,
      ),
      "allow",
    );
    assert.equal(
      can(admin, { action: "kms:Decrypt", resource: key }, KEY_POLICY),
      "implicit-deny",
      "only through Secrets Manager",
    );
  });

  it("grants nothing beyond the listed actions: no dms:* or *, no IAM writes, no other service", () => {
    const patterns = allowedActionPatterns(admin);
    assert.ok(!patterns.includes("*") && !patterns.includes("dms:*"));
    for (const [action, resource] of [
      ["dms:CreateReplicationSubnetGroup", `arn:aws:dms:eu-west-1:${ACCOUNT}:subgrp:dev-dmslab-subnets-dms`],
      ["dms:DeleteCertificate", `arn:aws:dms:eu-west-1:${ACCOUNT}:cert:ABCDEFGHIJ`],
      ["dms:RemoveTagsFromResource", TASK],
      ["iam:CreateRole", role("dev-dmslab-anything")],
      ["s3:GetObject", "arn:aws:s3:::dev-dmslab-audit-trail/x"],
      ["rds:DeleteDBInstance", `arn:aws:rds:eu-west-1:${ACCOUNT}:db:dev-dmslab-tgt`],
    ] as const) {
      assert.equal(can(admin, { action, resource, context: ours }), "implicit-deny", action);
    }
    assert.deepEqual([...new Set(patterns.map((p) => p.split(":")[0]))].sort(), [
      "cloudwatch",
      "dms",
      "iam",
      "kms",
      "logs",
      "secretsmanager",
    ]);
  });

  it("puts no MFA Deny in the permission policy: a role session assumed from Identity Center carries no MFA key", () => {
    const prod = adminPolicyDocument(inputs({ environment: "prod", requireMfa: true }));
    const prodTask = { ...ours, "aws:ResourceTag/Environment": "prod" };
    const modify = { action: "dms:ModifyReplicationTask", resource: TASK };
    // The migration-admin session of an Identity Center operator: AssumeRole without MFA parameters.
    assert.equal(can(prod, { ...modify, context: { ...prodTask, ...human } }), "allow");
    assert.ok(!JSON.stringify(prod).includes("MultiFactorAuthPresent"), "MFA is required at the trust");
  });

  it("never allows an action on a resource tagged for another application (any application name)", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{1,12}$/).filter((a) => a !== "dmslab"),
        fc.constantFrom(...ADMIN_DMS_ACTIONS),
        (app, action) =>
          can(admin, {
            action,
            resource: resourceOf(action),
            context: { "aws:ResourceTag/Application": app, "aws:ResourceTag/Environment": "dev" },
          }) !== "allow",
      ),
    );
  });
});

describe("iam-documents: migration-viewer", () => {
  const viewer = viewerPolicyDocument(inputs());

  it("describes DMS (table statistics included), reads metrics and the task logs", () => {
    assert.equal(can(viewer, { action: "dms:DescribeTableStatistics", resource: TASK }), "allow");
    assert.equal(can(viewer, { action: "dms:DescribeReplicationTasks", resource: "*" }), "allow");
    assert.equal(can(viewer, { action: "cloudwatch:GetMetricData", resource: "*" }), "allow");
    assert.equal(
      can(viewer, { action: "logs:GetLogEvents", resource: `${LOG_GROUP}:log-stream:dms-task-ABC` }),
      "allow",
    );
    assert.equal(
      can(viewer, { action: "logs:GetLogEvents", resource: `${OTHER_LOG_GROUP}:log-stream:dms-task-ABC` }),
      "implicit-deny",
    );
  });

  it("has no write and no secret-read action", () => {
    const forbidden = [
      ...ADMIN_DMS_ACTIONS,
      "dms:CreateReplicationTask",
      "secretsmanager:GetSecretValue",
      "kms:Decrypt",
      "iam:PassRole",
      ...GUARDED_LOG_ACTIONS,
    ];
    for (const action of forbidden) {
      for (const resource of [resourceOf(action), "*"]) {
        assert.notEqual(can(viewer, { action, resource, context: ours }), "allow", `${action} on ${resource}`);
      }
    }
    for (const p of allowedActionPatterns(viewer)) {
      assert.match(p, /:(Describe|List|Get|Filter|StartQuery|StopQuery)/, p);
      assert.ok(!p.startsWith("secretsmanager:") && !p.startsWith("kms:"), p);
    }
  });
});

describe("iam-documents: analytics targets (validate's Redshift counts and S3 listing)", () => {
  const WAREHOUSE_SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:dev-dmslab-dwh-admin-AbCdEf`;
  const CLUSTER = `arn:aws:redshift:eu-west-1:${ACCOUNT}:cluster:dev-dmslab-dwh`;
  const OTHER_CLUSTER = `arn:aws:redshift:eu-west-1:${ACCOUNT}:cluster:dev-orders-dwh`;
  const WORKGROUP = `arn:aws:redshift-serverless:eu-west-1:${ACCOUNT}:workgroup/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
  const LAKE = `arn:aws:s3:::dev-analytics-datalake-${ACCOUNT}`;
  const USER_ID = "AROAEXAMPLEID:operator@example.com";
  const warehouse = { clusterIdentifier: "dev-dmslab-dwh", secretArn: WAREHOUSE_SECRET };
  const admin = adminPolicyDocument(inputs({ warehouse }));
  const viewer = viewerPolicyDocument(inputs({ warehouse }));

  it("lets the admin run statements on the warehouse's cluster only, and read only its own statements", () => {
    assert.equal(can(admin, { action: "redshift-data:ExecuteStatement", resource: CLUSTER }), "allow");
    assert.equal(can(admin, { action: "redshift-data:ExecuteStatement", resource: OTHER_CLUSTER }), "implicit-deny");
    const own = { "aws:userid": USER_ID, "redshift-data:statement-owner-iam-userid": USER_ID };
    const another = { "aws:userid": USER_ID, "redshift-data:statement-owner-iam-userid": "AROAOTHER:someone" };
    for (const action of ["redshift-data:DescribeStatement", "redshift-data:GetStatementResult"]) {
      assert.equal(can(admin, { action, resource: "*", context: own }), "allow", action);
      assert.equal(can(admin, { action, resource: "*", context: another }), "implicit-deny", `${action} of another`);
    }
    assert.equal(can(admin, { action: "secretsmanager:GetSecretValue", resource: WAREHOUSE_SECRET }), "allow");
    assert.equal(can(admin, { action: "secretsmanager:PutSecretValue", resource: WAREHOUSE_SECRET }), "implicit-deny");
    assert.equal(
      can(adminPolicyDocument(inputs()), { action: "redshift-data:ExecuteStatement", resource: CLUSTER }),
      "implicit-deny",
      "only a migration with a warehouse gets it",
    );
  });

  it("scopes a Serverless warehouse to its workgroup's ARN", () => {
    const serverless = adminPolicyDocument(
      inputs({ warehouse: { workgroupArn: WORKGROUP, secretArn: WAREHOUSE_SECRET } }),
    );
    assert.equal(can(serverless, { action: "redshift-data:ExecuteStatement", resource: WORKGROUP }), "allow");
    assert.equal(can(serverless, { action: "redshift-data:ExecuteStatement", resource: CLUSTER }), "implicit-deny");
    assert.throws(
      () => adminPolicyDocument(inputs({ warehouse: { ...warehouse, workgroupArn: WORKGROUP } })),
      /give clusterIdentifier or workgroupArn, not both/,
    );
  });

  it("gives the viewer no Redshift statement and no warehouse secret (a viewer never sees a password)", () => {
    assert.equal(can(viewer, { action: "redshift-data:ExecuteStatement", resource: CLUSTER }), "implicit-deny");
    assert.equal(can(viewer, { action: "secretsmanager:GetSecretValue", resource: WAREHOUSE_SECRET }), "implicit-deny");
  });

  it("lets both roles list the migration's own data lake, and no other bucket or object", () => {
    const lake = inputs({ application: "analytics", s3Lake: true });
    for (const document of [adminPolicyDocument(lake), viewerPolicyDocument(lake)]) {
      assert.equal(can(document, { action: "s3:ListBucket", resource: LAKE }), "allow");
      assert.equal(
        can(document, { action: "s3:ListBucket", resource: `arn:aws:s3:::dev-orders-datalake-${ACCOUNT}` }),
        "implicit-deny",
      );
      assert.equal(
        can(document, { action: "s3:GetObject", resource: `${LAKE}/dms/x/LOAD00000001.parquet` }),
        "implicit-deny",
      );
    }
    assert.equal(can(viewerPolicyDocument(inputs()), { action: "s3:ListBucket", resource: LAKE }), "implicit-deny");
  });
});

describe("iam-documents: the delete guard", () => {
  const active = inputs({ migrationActive: true });
  const guard = deleteGuardDocument(active);
  const admin = adminPolicyDocument(active);

  it("exists only while the migration is active", () => {
    assert.equal(deleteGuardDocument(inputs()), undefined);
    assert.ok(guard);
  });

  it("denies deleting tasks, the instance, Serverless configs and task log groups to anyone but the CI role", () => {
    assert.ok(guard);
    const docs = [admin, guard];
    for (const [action, resource, context] of [
      ["dms:DeleteReplicationTask", TASK, ours],
      ["dms:DeleteReplicationInstance", INSTANCE, ours],
      ["dms:DeleteReplicationConfig", CONFIG, ours],
      ["dms:RemoveTagsFromResource", TASK, ours],
      ["logs:DeleteLogGroup", LOG_GROUP, {}],
      ["logs:PutRetentionPolicy", LOG_GROUP, {}],
    ] as const) {
      assert.equal(can(docs, { action, resource, context: { ...context, ...human } }), "deny", `${action}: a human`);
      assert.notEqual(
        can(guard, { action, resource, context: { ...context, ...ci } }),
        "deny",
        `${action}: the CI role`,
      );
    }
    // Without the guard, the admin may delete its task.
    assert.equal(
      can(adminPolicyDocument(inputs()), {
        action: "dms:DeleteReplicationTask",
        resource: TASK,
        context: { ...ours, ...human },
      }),
      "allow",
    );
    // The guard leaves other applications and other actions alone.
    assert.equal(
      can(guard, { action: "dms:DeleteReplicationTask", resource: TASK, context: { ...theirs, ...human } }),
      "implicit-deny",
    );
    assert.equal(
      can(docs, { action: "dms:StopReplicationTask", resource: TASK, context: { ...ours, ...human } }),
      "allow",
    );
    assert.equal(
      can(guard, { action: "logs:DeleteLogGroup", resource: OTHER_LOG_GROUP, context: human }),
      "implicit-deny",
    );
  });
});

describe("iam-documents: trust policies", () => {
  it("names account roots and roles; with requireMfa IAM principals need MFA, Identity Center roles and the CI role do not", () => {
    const trust = trustPolicyDocument({
      partition: "aws",
      principals: ["444455556666", HUMAN, CI],
      ciRoleArn: CI,
      requireMfa: true,
    });
    // An account root (its IAM users and roles) can carry aws:MultiFactorAuthPresent: required.
    assert.deepEqual(trust.Statement[0]?.Principal, { AWS: ["arn:aws:iam::444455556666:root"] });
    assert.deepEqual(trust.Statement[0]?.Condition, { Bool: { "aws:MultiFactorAuthPresent": "true" } });
    // An Identity Center permission-set role's session never carries it (SAML federation): no
    // condition, or nobody could assume the role; Identity Center enforces MFA at sign-in.
    assert.deepEqual(trust.Statement[1]?.Principal, { AWS: [HUMAN] });
    assert.equal(trust.Statement[1]?.Condition, undefined);
    assert.deepEqual(trust.Statement[2]?.Principal, { AWS: [CI] });
    assert.equal(trust.Statement[2]?.Condition, undefined);
    assert.ok(isIdentityCenterRole(HUMAN));
    assert.ok(!isIdentityCenterRole(CI));
    assert.ok(
      isIdentityCenterRole(
        "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123",
      ),
    );
    const dev = trustPolicyDocument({ partition: "aws", principals: [HUMAN], ciRoleArn: CI, requireMfa: false });
    assert.equal(dev.Statement.length, 1);
    assert.equal(dev.Statement[0]?.Condition, undefined);
  });

  it("refuses inputs that are not what AWS accepts", () => {
    assert.throws(() => adminPolicyDocument(inputs({ accountId: "1234" })), /12-digit/);
    assert.throws(() => adminPolicyDocument(inputs({ ciRoleArn: "github" })), /IAM role ARN/);
  });
});

describe("iam-documents: iam-simulate as the oracle", () => {
  it("decides every request the tests above judge as the package's evaluator does", async () => {
    assert.ok(log.size > 100, `only ${log.size} requests were judged`);
    assert.deepEqual(await log.disagreements(), [], `iam-data ${await oracleDataVersion()}`);
  });
});
