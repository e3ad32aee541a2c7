// Figures as the benchmark's tables print them: times in ms or s, memory in MB, shares in per cent,
// counts with thousands separators, and table cells that cannot break a Markdown table.

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return ms < 1_000_000 ? `${(ms / 1000).toFixed(1)} s` : `${formatCount(Math.round(ms / 1000))} s`;
}

export function formatMb(mb: number | undefined): string {
  return mb === undefined ? '' : `${formatCount(Math.round(mb))} MB`;
}

export function formatShare(share: number | undefined): string {
  return share === undefined ? '' : `${Math.round(share * 100)}%`;
}

export function formatCount(count: number | undefined): string {
  return count === undefined ? '' : count.toLocaleString('en-US');
}

export function formatRatio(ratio: number): string {
  return `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×`;
}

/** A Markdown table: a header row, its alignment (`l` or `r` per column) and the rows of cells. */
export function markdownTable(header: readonly string[], align: string, rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${[...align].map((side) => (side === 'r' ? '--:' : '---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
