/** Reasoning about DMS name patterns (Wildcards in table mapping), shared by the mapping parser and the consolidation check. */

type Token = { kind: "many" } | { kind: "one" } | { kind: "char"; char: string } | { kind: "set"; chars: string };

/** DMS name pattern syntax: `%` any run, `_` any one character, `[_]` a literal underscore, `[ab]`/`[a-d]` a set. */
function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "%") tokens.push({ kind: "many" });
    else if (c === "_") tokens.push({ kind: "one" });
    else if (c === "[" && pattern.indexOf("]", i + 1) > i) {
      const end = pattern.indexOf("]", i + 1);
      const body = pattern.slice(i + 1, end);
      let chars = "";
      for (let k = 0; k < body.length; k++) {
        const from = body[k] as string;
        if (body[k + 1] === "-" && k + 2 < body.length) {
          const to = body[k + 2] as string;
          for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) chars += String.fromCharCode(code);
          k += 2;
        } else chars += from;
      }
      tokens.push(chars.length === 1 ? { kind: "char", char: chars } : { kind: "set", chars });
      i = end;
    } else tokens.push({ kind: "char", char: c });
  }
  return tokens;
}

function singleOverlap(a: Token, b: Token): boolean {
  if (a.kind === "one" || b.kind === "one") return true;
  if (a.kind === "char" && b.kind === "char") return a.char === b.char;
  if (a.kind === "char" && b.kind === "set") return b.chars.includes(a.char);
  if (a.kind === "set" && b.kind === "char") return a.chars.includes(b.char);
  if (a.kind === "set" && b.kind === "set") return [...a.chars].some((c) => b.chars.includes(c));
  return false;
}

/**
 * Whether two DMS name patterns can name the same object (exact names are patterns without
 * wildcards): the intersection of the two languages is non-empty, decided on the patterns'
 * tokens (`ord%` and `%ers` both name `orders`; `eu_%` and `us` name nothing in common).
 */
export function namesOverlap(a: string, b: string): boolean {
  const ta = tokenize(a);
  const tb = tokenize(b);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (tb.length + 1) + j;
    const seen = memo.get(key);
    if (seen !== undefined) return seen;
    let result: boolean;
    const x = ta[i];
    const y = tb[j];
    if (!x && !y) result = true;
    else if (x?.kind === "many") result = go(i + 1, j) || (y !== undefined && go(i, j + 1));
    else if (y?.kind === "many") result = go(i, j + 1) || (x !== undefined && go(i + 1, j));
    else if (!x || !y) result = false;
    else result = singleOverlap(x, y) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}
