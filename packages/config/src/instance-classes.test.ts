import assert from "node:assert/strict";
import {
  ConfigError,
  checkAwsProviderConfig,
  DMS_REPLICATION_INSTANCE_CLASSES,
  dmsInstanceClassProblem,
  ENVIRONMENT_PROFILES,
  rdsInstanceClassProblem,
} from "./index.js";

describe("instance classes", () => {
  it("accepts every profile default and the classes AWS lists", () => {
    for (const profile of Object.values(ENVIRONMENT_PROFILES)) {
      assert.equal(dmsInstanceClassProblem(profile.replicationInstanceClass), undefined);
      assert.equal(rdsInstanceClassProblem(profile.dbInstanceClass), undefined);
    }
    for (const c of ["dms.t3.micro", "dms.c6i.32xlarge", "dms.r6i.large", "dms.r5.24xlarge"]) {
      assert.ok(DMS_REPLICATION_INSTANCE_CLASSES.includes(c), c);
    }
    for (const c of ["db.t4g.micro", "db.r6g.large", "db.m7g.2xlarge", "db.r8g.48xlarge", "db.serverless"]) {
      assert.equal(rdsInstanceClassProblem(c), undefined, c);
    }
  });

  it("refuses classes that do not exist, naming the sizes of the family", () => {
    assert.equal(
      dmsInstanceClassProblem("dms.t3.xlarge"),
      'must be a DMS replication instance class AWS offers (dms.t3 comes in micro, small, medium, large; AWS DMS User Guide, "Choosing the right AWS DMS replication instance") (got "dms.t3.xlarge")',
    );
    assert.match(dmsInstanceClassProblem("dms.m5.large") ?? "", /DMS supports dms\.t2, dms\.t3, dms\.c4/);
    assert.match(rdsInstanceClassProblem("db.r9g.large") ?? "", /known families: .*db\.r6g/);
    assert.equal(
      rdsInstanceClassProblem("db.m5.micro"),
      'db.m5 has no size "micro": large, xlarge, 2xlarge, 4xlarge, ... (no micro, small or medium) (got "db.m5.micro")',
    );
    assert.match(rdsInstanceClassProblem("t3.micro") ?? "", /must be an RDS DB instance class/);
  });
});

describe("checkAwsProviderConfig", () => {
  const file = "Pulumi.dev.yaml";
  const refusal = (values: Record<string, unknown>) => {
    try {
      checkAwsProviderConfig(values, file);
    } catch (err) {
      if (err instanceof ConfigError) return `${err.path}: ${err.rule}`;
      throw err;
    }
    return undefined;
  };

  it("refuses credentials, even encrypted", () => {
    for (const key of ["aws:accessKey", "aws:secretKey", "aws:token"]) {
      assert.match(refusal({ [key]: "[secret]" }) ?? "", new RegExp(`^${key}: AWS credentials do not belong`));
    }
  });

  it("refuses an empty or malformed region and accepts real ones", () => {
    assert.equal(
      refusal({ "aws:region": "" }),
      "aws:region: must be an AWS region such as eu-west-1 (got an empty string)",
    );
    assert.match(refusal({ "aws:region": "Ireland" }) ?? "", /got "Ireland"/);
    for (const region of ["eu-west-1", "us-gov-west-1", "ap-southeast-5"])
      assert.equal(refusal({ "aws:region": region }), undefined);
  });

  it("refuses default tag keys AWS reserves or cannot store, from YAML or runtime JSON", () => {
    assert.equal(
      refusal({ "aws:defaultTags": { tags: { "AWS:Team": "x" } } }),
      'aws:defaultTags.tags["AWS:Team"]: a tag key may not begin with "aws:", which AWS reserves for its own tags (got "AWS:Team")',
    );
    assert.match(
      refusal({ "aws:defaultTags": JSON.stringify({ tags: { ["k".repeat(129)]: "v" } }) }) ?? "",
      /at most 128/,
    );
    assert.equal(refusal({ "aws:defaultTags": { tags: { Owner: "x" } } }), undefined);
  });
});
