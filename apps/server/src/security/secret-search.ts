// Test helper: looks for secrets (passwords, tokens, cookie signatures) in every text a test
// captured, in the forms a leak takes: as is, percent-encoded, in `auth` (base64 of user:password),
// and inside any base64 text (a Secret's `.dockerconfigjson`, a JWT, a log of raw bytes).

export interface Secret {
  /** what it is, for the failure message (never the value itself) */
  what: string;
  value: string;
  /** the registry username, when `auth` = base64(username:password) is a form to look for too */
  username?: string;
  /** surfaces where this value may appear, by name (e.g. the Set-Cookie header for a session cookie) */
  allowedIn?: (surface: string) => boolean;
}

export interface Surface {
  /** e.g. `response POST /api/tokens 201`, `log line 12`, `event default/x.1` */
  name: string;
  text: string;
}

/**
 * The base64 texts that any base64 encoding of a longer text holding `value` contains, whatever
 * the offset of `value` in it: for each of the three alignments, the 4-character groups made of
 * the value's bytes only. Both alphabets (standard and URL-safe).
 */
export function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const forms: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString("base64");
    const firstGroup = Math.ceil(pad / 3);
    const lastGroup = Math.floor((pad + bytes.length) / 3) - 1;
    if (lastGroup < firstGroup + 1) continue; // too short to be told apart from chance
    const form = encoded.slice(firstGroup * 4, (lastGroup + 1) * 4);
    forms.push(form, form.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return [...new Set(forms)];
}

export function formsOf(secret: Secret): string[] {
  const forms = [secret.value, encodeURIComponent(secret.value), JSON.stringify(secret.value).slice(1, -1), ...base64Forms(secret.value)];
  if (secret.username !== undefined) forms.push(Buffer.from(`${secret.username}:${secret.value}`).toString("base64"));
  return [...new Set(forms)];
}

/** Each place a secret was found: `<what> (as <form kind>) in <surface>: …context…`. Empty when none. */
export function findSecrets(surfaces: Surface[], secrets: Secret[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    const forms = formsOf(secret);
    for (const surface of surfaces) {
      if (secret.allowedIn?.(surface.name)) continue;
      for (const form of forms) {
        const at = surface.text.indexOf(form);
        if (at < 0) continue;
        const kind = form === secret.value ? "plain text" : form.includes(secret.value) ? "escaped" : "encoded";
        const context = surface.text.slice(Math.max(0, at - 80), at).replace(/\s+/g, " ");
        found.push(`${secret.what} (${kind}) in ${surface.name}: …${context}[here]`);
        break;
      }
    }
  }
  return found;
}
