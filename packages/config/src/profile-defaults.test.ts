import assert from "node:assert/strict";
import { checkProfileDefaults } from "./index.js";

describe("checkProfileDefaults", () => {
  it("accepts doc comments whose profile defaults are the profiles' values", () => {
    const source = `
      export interface Args {
        /** Subnets. @default profile.azCount: dev 2, test 2, prod 3 */
        azCount?: number;
        /**
         * Capacity.
         * @default profile.serverlessCapacity.min: dev 1, test 2, prod 4 (DCU)
         */
        min?: number;
        /** Standby. @default profile.multiAz: dev off, test off, prod on */
        multiAz?: boolean;
        /** Not from a profile. @default 20 */
        storage?: number;
      }`;
    assert.deepEqual(checkProfileDefaults(source, "args.ts"), {
      checked: ["azCount: profile.azCount", "min: profile.serverlessCapacity.min", "multiAz: profile.multiAz"],
      problems: [],
    });
  });

  it("names the field, the environment and both values when a default drifts from its profile", () => {
    const source = `
      /** The component. */
      export interface Args {
        /** Backups. @default profile.backupRetentionDays: dev 1, test 14, prod 35 */
        backupRetentionDays?: number;
        /** Protection. @default profile (test and prod on) */
        deletionProtection?: boolean;
        /** Unknown. @default profile.nope: dev 1, test 1, prod 1 */
        nope?: number;
      }`;
    assert.deepEqual(checkProfileDefaults(source, "args.ts").problems, [
      "args.ts: backupRetentionDays: @default says test 14, the test profile's backupRetentionDays is 7",
      'args.ts: deletionProtection: @default "profile (test and prod on)" names no profile key (write profile.<key>: dev …, test …, prod …)',
      "args.ts: nope: profile.nope is not a profile key",
    ]);
  });
});
