/**
 * Go's `time.Duration.String()` for a whole number of milliseconds (kubelet truncates pull times to
 * the millisecond): `0s`, `626ms`, `1.5s`, `2m3.456s`, `1h0m0s`.
 */
export function goDuration(ms: number): string {
  const total = Math.trunc(ms);
  if (total === 0) return "0s";
  const sign = total < 0 ? "-" : "";
  const abs = Math.abs(total);
  if (abs < 1000) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const millis = abs % 60_000;
  const seconds = `${Math.floor(millis / 1000)}${fraction(millis % 1000)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}

function fraction(ms: number): string {
  if (ms === 0) return "";
  return `.${String(ms).padStart(3, "0").replace(/0+$/, "")}`;
}
