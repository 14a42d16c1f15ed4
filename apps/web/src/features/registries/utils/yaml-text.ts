// A YAML scalar written plain when YAML reads it back as the same string, double-quoted
// (JSON's escaping is valid YAML) otherwise.
const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/;
const NOT_STRINGS = /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*)?(\.\d+)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/i;

export function yamlScalar(value: string): string {
  return PLAIN.test(value) && !NOT_STRINGS.test(value) && !value.endsWith(":") ? value : JSON.stringify(value);
}
