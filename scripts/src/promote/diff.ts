/** One line of a line diff: kept, removed from the old text, or added in the new. */
interface DiffLine {
  kind: " " | "-" | "+";
  text: string;
  /** 1-based line numbers in the old and new texts (the line's position, or where it would be). */
  oldLine: number;
  newLine: number;
}

function lines(text: string): string[] {
  const out = text.split("\n");
  if (out.at(-1) === "") out.pop();
  return out;
}

/** The line edit script between two texts (longest common subsequence; config files are small). */
function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  // lcs[i * (m + 1) + j]: length of the LCS of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => lcs[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: " ", text: a[i] ?? "", oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || at(i + 1, j) >= at(i, j + 1))) {
      // Removals before additions, as git prints a replaced line.
      out.push({ kind: "-", text: a[i] ?? "", oldLine: i + 1, newLine: j });
      i++;
    } else {
      out.push({ kind: "+", text: b[j] ?? "", oldLine: i, newLine: j + 1 });
      j++;
    }
  }
  return out;
}

export interface DiffOptions {
  /** Header names of the old and new texts. */
  oldName: string;
  newName: string;
  /** Unchanged lines shown around each change. @default 3 */
  context?: number;
  /** Red and green lines (a terminal). */
  color?: boolean;
}

/** A unified diff (`diff -u` / `git diff` shape) of two texts; "" when they are equal. */
export function unifiedDiff(oldText: string, newText: string, options: DiffOptions): string {
  if (oldText === newText) return "";
  const context = options.context ?? 3;
  const script = diffLines(lines(oldText), lines(newText));
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out = [paint("1", `--- ${options.oldName}`), paint("1", `+++ ${options.newName}`)];
  let k = 0;
  while (k < script.length) {
    // The next change, and the hunk around it (changes closer than 2 × context share a hunk).
    while (k < script.length && script[k]?.kind === " ") k++;
    if (k >= script.length) break;
    const start = Math.max(0, k - context);
    let end = k;
    let lastChange = k;
    while (end < script.length) {
      if (script[end]?.kind !== " ") lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    end = Math.min(script.length, lastChange + context + 1);
    const hunk = script.slice(start, end);
    const oldCount = hunk.filter((l) => l.kind !== "+").length;
    const newCount = hunk.filter((l) => l.kind !== "-").length;
    // A side with no lines names the line before the change (diff -u's convention).
    const oldStart = hunk.find((l) => l.kind !== "+")?.oldLine ?? hunk[0]?.oldLine ?? 0;
    const newStart = hunk.find((l) => l.kind !== "-")?.newLine ?? hunk[0]?.newLine ?? 0;
    out.push(paint("36", `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`));
    for (const l of hunk) {
      const text = `${l.kind}${l.text}`;
      out.push(l.kind === "-" ? paint("31", text) : l.kind === "+" ? paint("32", text) : text);
    }
    k = end;
  }
  return `${out.join("\n")}\n`;
}
