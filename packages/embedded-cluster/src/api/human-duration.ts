/**
 * Durations the way kubectl and kube-apiserver print them (AGE, LAST SEEN, …):
 * k8s.io/apimachinery/pkg/util/duration/duration.go `HumanDuration` and `ShortHumanDuration`.
 * Inputs are milliseconds; Go's `int(d.Seconds())` truncates toward zero, hence Math.trunc.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Up to 2 seconds in the future still counts as "now" (clock skew); further ahead is `<invalid>`.
 * Returns the text for those cases, or undefined when the duration is not negative.
 */
function skewed(ms: number): string | undefined {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  return undefined;
}

/** ~2-3 significant figures: `59s`, `119s`, `2m3s`, `10m`, `3h4m`, `47h`, `2d3h`, `8d`, `2y100d`, `8y`. */
export function humanDuration(ms: number): string {
  const special = skewed(ms);
  if (special !== undefined) return special;

  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 60 * 2) return `${seconds}s`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;

  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;

  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;

  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** One unit only: `59s`, `1m`, `23h`, `364d`, `1y`. */
export function shortHumanDuration(ms: number): string {
  const special = skewed(ms);
  if (special !== undefined) return special;

  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}
