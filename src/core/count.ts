// Counts as people read them. Not Number#toLocaleString: its first call loads ICU's locale data,
// about 12 ms of every run that prints a count.

/** An integer with commas between groups of three digits (`20,000`), as toLocaleString('en') writes it. */
export function groupDigits(count: number): string {
  if (!Number.isSafeInteger(count)) return count.toLocaleString('en');
  const digits = String(Math.abs(count));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return count < 0 ? `-${grouped}` : grouped;
}
