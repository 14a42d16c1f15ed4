// Go's encoding/base64 decoding (base64.go decodeQuantum): StdEncoding (padded) as kube-apiserver
// decodes `[]byte` fields and kubelet decodes a padded `auth`, RawStdEncoding (unpadded) as kubelet
// decodes an unpadded `auth`. `\r` and `\n` are skipped anywhere.

export type GoBase64Result = { bytes: Buffer } | { error: string };

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUES = new Map([...ALPHABET].map((ch, i) => [ch.charCodeAt(0), i]));

/** Whole quanta, padding only at the end (a grouped regex is much slower on megabyte strings). */
const PADDED_SYMBOLS = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded bytes, or Go's CorruptInputError text: `illegal base64 data at input byte N`. */
export function goBase64Decode(text: string, padded = true): GoBase64Result {
  // Well-formed padded input (the usual case) is left to Node; the walk below finds the error.
  if (padded && text.length % 4 === 0 && PADDED_SYMBOLS.test(text)) return { bytes: Buffer.from(text, "base64") };
  const src = Buffer.from(text, "utf8");
  const out = Buffer.alloc(Math.ceil((src.length * 3) / 4));
  let n = 0;
  let si = 0;
  const corrupt = (at: number): GoBase64Result => ({ error: `illegal base64 data at input byte ${at}` });
  const isNewline = (byte: number | undefined) => byte === 0x0a || byte === 0x0d;

  for (;;) {
    const quantum: number[] = [];
    let ended = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { bytes: out.subarray(0, n) };
        if (j === 1 || padded) return corrupt(si - j);
        ended = true; // an unpadded encoding may end after 2 or 3 symbols
        break;
      }
      const byte = src[si]!;
      si++;
      const value = VALUES.get(byte);
      if (value !== undefined) {
        quantum.push(value);
        continue;
      }
      if (isNewline(byte)) {
        j--;
        continue;
      }
      if (!padded || byte !== 0x3d) return corrupt(si - 1);
      // Padding: only after 2 or 3 symbols, and "==" after 2.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 0x3d) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return corrupt(si); // trailing garbage
      ended = true;
      break;
    }
    const [a = 0, b = 0, c = 0, d = 0] = quantum;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    if (quantum.length >= 2) out[n++] = (bits >> 16) & 0xff;
    if (quantum.length >= 3) out[n++] = (bits >> 8) & 0xff;
    if (quantum.length >= 4) out[n++] = bits & 0xff;
    if (ended) return { bytes: out.subarray(0, n) };
  }
}
