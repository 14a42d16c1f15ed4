/** A metav1.Time as the API writes it: RFC 3339 in UTC, to the second (apimachinery pkg/apis/meta/v1/time.go). */
export function metaTime(at: Date | number): string {
  return new Date(Math.floor(Number(at) / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");
}

export function nowTimestamp(): string {
  return metaTime(Date.now());
}
