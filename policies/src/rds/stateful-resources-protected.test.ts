import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { statefulResourcesProtected } from "./stateful-resources-protected.js";

const PROTECT =
  "set the resource option protect: true (MigrationDatabase and MigrationNetwork do in prod: profile protect)";

const db = (inputs: Record<string, unknown> = {}, protect = true): ResourceSpec => ({
  type: T.rdsInstance,
  name: "target",
  inputs: { deletionProtection: true, finalSnapshotIdentifier: "prod-orders-final", ...inputs },
  protect,
});
const key = (protect: boolean): ResourceSpec => ({ type: T.kmsKey, name: "key", inputs: {}, protect });
const trail = (bucketProtect: boolean, bucketInputs: Record<string, unknown> = {}): ResourceSpec[] => [
  { type: T.s3BucketV2, name: "audit-logs", inputs: bucketInputs, protect: bucketProtect },
  {
    type: T.cloudtrail,
    name: "trail",
    inputs: { s3BucketName: "audit-logs" },
    propertyDependencies: { s3BucketName: ["audit-logs"] },
  },
];

describePolicy(statefulResourcesProtected, {
  passes: [
    {
      title: "a protected database keeping its final snapshot, a protected key, a secret with its recovery window",
      fixture: [db(), key(true), { type: T.secret, name: "creds", inputs: { recoveryWindowInDays: 30 } }],
    },
    { title: "a protected trail bucket", fixture: trail(true) },
    {
      title: "an unprotected bucket no trail writes to",
      fixture: [{ type: T.s3BucketV2, name: "scratch", inputs: { forceDestroy: true } }, key(true)],
    },
    {
      title: "an unprotected database in test (dev and test rebuild theirs)",
      fixture: [db({ skipFinalSnapshot: true }, false)],
      env: "test",
    },
  ],
  fails: [
    {
      title: "a database without protect that skips its final snapshot",
      fixture: [db({ skipFinalSnapshot: true }, false)],
      messages: [
        `the database is not protected (protect: false); ${PROTECT}`,
        "skipFinalSnapshot is true: deleting the database keeps no snapshot; set skipFinalSnapshot: false with a finalSnapshotIdentifier (MigrationDatabase finalSnapshot: true, prod's default)",
      ],
    },
    {
      title: "an unprotected KMS key and a secret deleted at once",
      fixture: [key(false), { type: T.secret, name: "creds", inputs: { recoveryWindowInDays: 0 } }],
      messages: [
        `the KMS key is not protected (protect: false): what it encrypts is lost once it is deleted; ${PROTECT}`,
        "recoveryWindowInDays is 0: deleting the secret destroys it at once; leave it unset (30 days) or set 7 to 30",
      ],
    },
    {
      title: "an unprotected, force-destroyed trail bucket",
      fixture: trail(false, { forceDestroy: true }),
      messages: [
        `the trail's log bucket is not protected (protect: false); ${PROTECT}`,
        "forceDestroy is true: a delete empties the audit log bucket; remove forceDestroy",
      ],
    },
  ],
  unknown: { fixture: [db({ skipFinalSnapshot: UNKNOWN })], path: "skipFinalSnapshot" },
  levels: { dev: "disabled", test: "disabled", prod: "mandatory" },
});
