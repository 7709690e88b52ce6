/**
 * What `SHOW GRANTS` says a MySQL/MariaDB account holds, parsed into exact privileges (never
 * substrings: `REPLICATION SLAVE ADMIN` is not `REPLICATION SLAVE`, MySQL 8's dynamic
 * `REPLICATION_SLAVE_ADMIN` neither), with the spellings each server uses for the same privilege
 * folded together, and the roles the account is granted.
 *
 * Spellings (MariaDB: https://mariadb.com/kb/en/grant/#global-privileges; MySQL 8.0:
 * https://dev.mysql.com/doc/refman/8.0/en/privileges-provided.html):
 * - `REPLICATION REPLICA` is MySQL 8.0.22+/MariaDB 10.5.1+'s synonym of `REPLICATION SLAVE`;
 * - MariaDB 10.5.2 renamed `REPLICATION CLIENT` to `BINLOG MONITOR` (the old name is an alias,
 *   and SHOW GRANTS prints the new one);
 * - `ALL` / `ALL PRIVILEGES` on `*.*` holds every static privilege.
 */

export interface ParsedGrant {
  /** `GRANT <privileges> ON <object> TO ...`, or `GRANT <roles> TO ...` (roles are privileges of no object). */
  kind: "privileges" | "roles";
  /** Canonical privilege names (upper case, one space, synonyms folded), for kind privileges. */
  privileges: string[];
  /** The object as printed (`*.*`, `` `dmslab`.* ``, `PROCEDURE `mysql`.`x` ``), for kind privileges. */
  on?: string;
  /** Role names as printed (quoted, with host on MySQL), for kind roles. */
  roles: string[];
}

const SYNONYMS: Readonly<Record<string, string>> = {
  "REPLICATION REPLICA": "REPLICATION SLAVE",
  "BINLOG MONITOR": "REPLICATION CLIENT",
  "ALL PRIVILEGES": "ALL",
};

/** Split on commas outside parentheses and quotes (column privileges: `SELECT (a, b)`). */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = "";
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "`" || ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "(") {
      depth++;
    } else if (ch === ")") {
      depth--;
    } else if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim() !== "") parts.push(current.trim());
  return parts;
}

/** A privilege as printed to its canonical name: column lists dropped, case and spaces normalised, synonyms folded. */
export function canonicalPrivilege(printed: string): string {
  const name = printed
    .replace(/\(.*\)\s*$/s, "")
    .trim()
    .replace(/\s+/g, " ")
    .toUpperCase();
  return SYNONYMS[name] ?? name;
}

/** Index of ` keyword ` outside quotes, or -1. */
function indexOfKeyword(text: string, keyword: string, from = 0): number {
  let quote: string | undefined;
  const upper = text.toUpperCase();
  const needle = ` ${keyword} `;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "`" || ch === "'" || ch === '"') {
      quote = ch;
      continue;
    }
    if (upper.startsWith(needle, i)) return i;
  }
  return -1;
}

/** One line of SHOW GRANTS, or undefined for lines that grant nothing (`SET DEFAULT ROLE`, `REVOKE`). */
export function parseGrantLine(line: string): ParsedGrant | undefined {
  const text = line.trim();
  if (!/^GRANT\s/i.test(text)) return undefined;
  const body = text.replace(/^GRANT\s+/i, " ");
  const to = indexOfKeyword(body, "TO");
  if (to === -1) return undefined;
  const on = indexOfKeyword(body.slice(0, to), "ON");
  if (on === -1) {
    return { kind: "roles", privileges: [], roles: splitList(body.slice(0, to)).filter((r) => r !== "") };
  }
  return {
    kind: "privileges",
    privileges: splitList(body.slice(0, on)).map(canonicalPrivilege),
    on: body.slice(on + 4, to).trim(),
    roles: [],
  };
}

/** The global privileges (`ON *.*`) and the roles in a set of SHOW GRANTS lines. */
export function grantsOf(lines: readonly string[]): { global: Set<string>; roles: string[] } {
  const global = new Set<string>();
  const roles: string[] = [];
  for (const line of lines) {
    const grant = parseGrantLine(line);
    if (!grant) continue;
    if (grant.kind === "roles") roles.push(...grant.roles);
    else if (grant.on === "*.*") for (const p of grant.privileges) global.add(p);
  }
  return { global, roles };
}

/** Whether global privileges hold `privilege` (a canonical name), directly or through ALL. */
export function holdsPrivilege(global: ReadonlySet<string>, privilege: string): boolean {
  return global.has("ALL") || global.has(canonicalPrivilege(privilege));
}
