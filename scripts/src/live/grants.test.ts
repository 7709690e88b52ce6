import assert from "node:assert/strict";
import { canonicalPrivilege, grantsOf, holdsPrivilege, parseGrantLine } from "./grants.js";

// Lines as MariaDB 10.11 prints them (observed on the live test server) and as MySQL 8.0 prints
// them (https://dev.mysql.com/doc/refman/8.0/en/show-grants.html).
const mariadbLookAlikes =
  "GRANT BINLOG MONITOR, REPLICATION SLAVE ADMIN ON *.* TO `a`@`127.0.0.1` IDENTIFIED BY PASSWORD '*D821809F681A40A6E379B50D0463EFAE20BDD122'";

describe("SHOW GRANTS parsing", () => {
  it("reads exact privileges: REPLICATION SLAVE ADMIN is not REPLICATION SLAVE", () => {
    const { global } = grantsOf([mariadbLookAlikes]);
    assert.deepEqual([...global].sort(), ["REPLICATION CLIENT", "REPLICATION SLAVE ADMIN"]);
    assert.equal(holdsPrivilege(global, "REPLICATION SLAVE"), false);
    // MariaDB 10.5.2+ prints REPLICATION CLIENT under its new name, BINLOG MONITOR.
    assert.equal(holdsPrivilege(global, "REPLICATION CLIENT"), true);
  });

  it("does not take MySQL 8's dynamic REPLICATION_SLAVE_ADMIN for REPLICATION SLAVE", () => {
    const { global } = grantsOf([
      "GRANT USAGE ON *.* TO `dms`@`%`",
      "GRANT BINLOG_ADMIN,REPLICATION_APPLIER,REPLICATION_SLAVE_ADMIN ON *.* TO `dms`@`%`",
    ]);
    assert.equal(holdsPrivilege(global, "REPLICATION SLAVE"), false);
    assert.equal(holdsPrivilege(global, "REPLICATION CLIENT"), false);
  });

  it("folds REPLICATION REPLICA into REPLICATION SLAVE, and ALL PRIVILEGES holds everything", () => {
    assert.equal(canonicalPrivilege("replication  replica"), "REPLICATION SLAVE");
    const replica = grantsOf(["GRANT REPLICATION REPLICA, REPLICATION CLIENT ON *.* TO `dms`@`%`"]).global;
    assert.equal(holdsPrivilege(replica, "REPLICATION SLAVE"), true);
    const all = grantsOf(["GRANT ALL PRIVILEGES ON *.* TO `admin`@`%` WITH GRANT OPTION"]).global;
    assert.equal(holdsPrivilege(all, "REPLICATION SLAVE"), true);
    assert.equal(holdsPrivilege(all, "REPLICATION CLIENT"), true);
  });

  it("counts only global grants: ALL on one database holds no replication privilege", () => {
    const { global } = grantsOf([
      "GRANT USAGE ON *.* TO `dms`@`%`",
      "GRANT ALL PRIVILEGES ON `dmslab`.* TO `dms`@`%`",
      "GRANT SELECT (`email`, `id`), INSERT ON `dmslab`.`customers` TO `dms`@`%`",
    ]);
    assert.deepEqual([...global], ["USAGE"]);
    assert.equal(holdsPrivilege(global, "REPLICATION SLAVE"), false);
  });

  it("tells role grants from privilege grants, on MariaDB and MySQL 8", () => {
    assert.deepEqual(parseGrantLine("GRANT `r1` TO `c`@`127.0.0.1`"), {
      kind: "roles",
      privileges: [],
      roles: ["`r1`"],
    });
    assert.deepEqual(parseGrantLine("GRANT `r1`@`%`,`r2`@`%` TO `dms`@`%`")?.roles, ["`r1`@`%`", "`r2`@`%`"]);
    assert.deepEqual(parseGrantLine("GRANT SELECT (`a`, `b`) ON `db`.`t` TO `u`@`%`"), {
      kind: "privileges",
      privileges: ["SELECT"],
      on: "`db`.`t`",
      roles: [],
    });
    assert.equal(parseGrantLine("SET DEFAULT ROLE `r1` FOR `c`@`127.0.0.1`"), undefined);
    const { roles } = grantsOf(["GRANT `r1` TO `c`@`127.0.0.1`", "GRANT USAGE ON *.* TO `c`@`127.0.0.1`"]);
    assert.deepEqual(roles, ["`r1`"]);
  });

  it("is not fooled by keywords inside quoted names", () => {
    const grant = parseGrantLine("GRANT SELECT ON `x on y`.* TO `to me`@`%`");
    assert.equal(grant?.on, "`x on y`.*");
    assert.deepEqual(grant?.privileges, ["SELECT"]);
  });
});
