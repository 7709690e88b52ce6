import assert from "node:assert/strict";
import { flowLogsPublishPolicy, flowLogsTrustPolicy, networkKeyPolicy, type PolicyStatement } from "./policies.js";

const ctx = { partition: "aws", region: "eu-west-1", accountId: "123456789012", dnsSuffix: "amazonaws.com" };

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function grantsStarOnStar(s: PolicyStatement): boolean {
  return s.Effect === "Allow" && asList(s.Action).includes("*") && asList(s.Resource).includes("*");
}

describe("policies", () => {
  it("lets CloudWatch Logs of this region use the key only for the named log groups", () => {
    const doc = networkKeyPolicy(ctx, ["dev-orders-*"]);
    const logs = doc.Statement.find((s) => s.Principal?.Service === "logs.eu-west-1.amazonaws.com");
    assert.ok(logs, "a statement for the CloudWatch Logs service principal");
    assert.deepEqual(logs.Condition, {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": ["arn:aws:logs:eu-west-1:123456789012:log-group:dev-orders-*"] },
    });
    assert.ok(asList(logs.Action).includes("kms:GenerateDataKey*"));
    const admin = doc.Statement.find((s) => s.Principal?.AWS === "arn:aws:iam::123456789012:root");
    assert.equal(admin?.Action, "kms:*", "the account keeps control of its key (KMS default key policy)");
  });

  it("lets CloudWatch alarms and EventBridge (DMS events) publish to topics encrypted with the key, for this account only", () => {
    const doc = networkKeyPolicy(ctx, ["dev-orders-*"]);
    assert.equal(
      doc.Statement.find((st) => st.Principal?.Service === "dms.amazonaws.com"),
      undefined,
    );
    for (const service of ["cloudwatch.amazonaws.com", "events.amazonaws.com"]) {
      const s = doc.Statement.find((st) => st.Principal?.Service === service);
      assert.ok(s, service);
      assert.deepEqual(asList(s.Action).sort(), ["kms:Decrypt", "kms:GenerateDataKey*"]);
      assert.deepEqual(s.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
    }
  });

  it("uses the partition's DNS suffix and ARN partition for China regions", () => {
    const cn = { partition: "aws-cn", region: "cn-north-1", accountId: "123456789012", dnsSuffix: "amazonaws.com.cn" };
    const text = JSON.stringify(networkKeyPolicy(cn, ["dev-orders-*"]));
    assert.match(text, /logs\.cn-north-1\.amazonaws\.com\.cn/);
    assert.match(text, /arn:aws-cn:logs:cn-north-1/);
  });

  it("lets only the VPC Flow Logs service of this account assume the flow log role", () => {
    const doc = flowLogsTrustPolicy(ctx);
    assert.equal(doc.Statement.length, 1);
    const [s] = doc.Statement;
    assert.deepEqual(s?.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
    assert.equal(s?.Action, "sts:AssumeRole");
    assert.equal(s?.Resource, undefined, "IAM refuses a Resource element in a trust policy");
    assert.deepEqual(s?.Condition, {
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" },
    });
  });

  it("lets the flow log role write only to its own log group", () => {
    const doc = flowLogsPublishPolicy(ctx, "dev-orders-vpc-flow-logs");
    const write = doc.Statement.find((s) => asList(s.Action).includes("logs:PutLogEvents"));
    assert.deepEqual(write?.Resource, [
      "arn:aws:logs:eu-west-1:123456789012:log-group:dev-orders-vpc-flow-logs",
      "arn:aws:logs:eu-west-1:123456789012:log-group:dev-orders-vpc-flow-logs:*",
    ]);
    assert.ok(!doc.Statement.some((s) => asList(s.Action).includes("logs:CreateLogGroup")));
  });

  it("never allows every action on every resource", () => {
    for (const doc of [networkKeyPolicy(ctx, ["x-*"]), flowLogsTrustPolicy(ctx), flowLogsPublishPolicy(ctx, "g")]) {
      assert.equal(doc.Statement.some(grantsStarOnStar), false);
    }
  });
});
