/**
 * Label and field selectors, parsed and applied the way kube-apiserver does it:
 * - labels: apimachinery pkg/labels/selector.go (Lexer, Parser, NewRequirement, Requirement.Matches);
 * - fields: apimachinery pkg/fields/selector.go (ParseSelector, splitTerms, splitTerm, UnescapeValue);
 * - metav1.LabelSelector objects: apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector).
 * Error messages are upstream's, so a 400 Status built from `SelectorError.message` reads like the real one.
 */

import { fieldError, renderFieldError } from "./field-errors.ts";
import { GoValue, goQuote, goStringSlice } from "./go-format.ts";
import { isQualifiedName, isValidLabelValue } from "./validation.ts";

/** A selector that does not parse or does not validate. kube-apiserver answers these with 400 BadRequest. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SelectorError";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Label selectors
// ---------------------------------------------------------------------------------------------------------------

/** apimachinery pkg/selection/operator.go values. */
export type LabelOperator = "in" | "notin" | "=" | "==" | "!=" | "gt" | "lt" | "exists" | "!";

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Parsed selectors hold these sorted and de-duplicated (upstream keeps a sets.String). */
  values: string[];
}

export interface LabelSelector {
  /** ANDed, sorted by key. No requirements selects everything. */
  requirements: LabelRequirement[];
  /** labels.Nothing(): what a null metav1.LabelSelector means (it selects no objects). */
  matchesNothing?: boolean;
}

/** metav1.LabelSelector as it appears in Deployments, ReplicaSets, … */
export interface MetaLabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

/** The operators as upstream lists them in "expected: …" messages (binaryOperators). */
const BINARY_OPERATORS = ["in", "notin", "=", "==", "!=", "gt", "lt"];

type TokenKind = "eos" | "error" | "identifier" | ")" | "," | "!" | "==" | "=" | ">" | "in" | "<" | "!=" | "notin" | "(";

interface Token {
  kind: TokenKind;
  literal: string;
}

const LITERAL_TOKENS = new Map<string, TokenKind>([
  [")", ")"],
  [",", ","],
  ["!", "!"],
  ["==", "=="],
  ["=", "="],
  [">", ">"],
  ["in", "in"],
  ["<", "<"],
  ["!=", "!="],
  ["notin", "notin"],
  ["(", "("],
]);

const END = "\0";

function isWhitespace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
}

function isSpecialSymbol(ch: string): boolean {
  return ch === "=" || ch === "!" || ch === "(" || ch === ")" || ch === "," || ch === ">" || ch === "<";
}

/** Tokenizes like upstream's Lexer (which also stops at a NUL character, as it reads 0 as end of input). */
function tokenize(input: string): Token[] {
  let pos = 0;
  const read = (): string => (pos < input.length ? input[pos++]! : END);
  const unread = (): void => {
    pos--;
  };

  const scanIdentifierOrKeyword = (): Token => {
    let buffer = "";
    for (;;) {
      const ch = read();
      if (ch === END) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        unread();
        break;
      }
      buffer += ch;
    }
    return { kind: LITERAL_TOKENS.get(buffer) ?? "identifier", literal: buffer };
  };

  // Longest run of special characters that still forms a token: "!=" beats "!", "=" then "!" stay apart.
  const scanSpecialSymbol = (): Token => {
    let buffer = "";
    let last: Token | undefined;
    for (;;) {
      const ch = read();
      if (ch === END) break;
      if (!isSpecialSymbol(ch)) {
        unread();
        break;
      }
      buffer += ch;
      const kind = LITERAL_TOKENS.get(buffer);
      if (kind) last = { kind, literal: buffer };
      else if (last) {
        unread();
        break;
      }
    }
    return last ?? { kind: "error", literal: `error expected: keyword found '${buffer}'` };
  };

  const tokens: Token[] = [];
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    let token: Token;
    if (ch === END) token = { kind: "eos", literal: "" };
    else {
      unread();
      token = isSpecialSymbol(ch) ? scanSpecialSymbol() : scanIdentifierOrKeyword();
    }
    tokens.push(token);
    if (token.kind === "eos") return tokens;
  }
}

/** Inside value lists and after a key, `in` and `notin` are plain identifiers (upstream's Values context). */
type ParserContext = "keyAndOperator" | "values";

class LabelSelectorParser {
  readonly #tokens: Token[];
  #position = 0;

  constructor(input: string) {
    this.#tokens = tokenize(input);
  }

  #lookahead(context: ParserContext): Token {
    const token = this.#tokens[Math.min(this.#position, this.#tokens.length - 1)]!;
    return context === "values" && (token.kind === "in" || token.kind === "notin") ? { ...token, kind: "identifier" } : token;
  }

  #consume(context: ParserContext): Token {
    const token = this.#lookahead(context);
    this.#position++;
    return token;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const next = this.#lookahead("values");
      if (next.kind === "eos") return requirements;
      if (next.kind !== "identifier" && next.kind !== "!") {
        throw new SelectorError(`found '${next.literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.#parseRequirement());
      } catch (error) {
        if (error instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${error.message}`);
        throw error;
      }
      const after = this.#consume("values");
      if (after.kind === "eos") return requirements;
      if (after.kind !== ",") throw new SelectorError(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.#lookahead("values");
      if (following.kind !== "identifier" && following.kind !== "!") {
        throw new SelectorError(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  #parseRequirement(): LabelRequirement {
    let token = this.#consume("values");
    let operator: LabelOperator | undefined;
    if (token.kind === "!") {
      operator = "!";
      token = this.#consume("values");
    }
    if (token.kind !== "identifier") throw new SelectorError(`found '${token.literal}', expected: identifier`);
    const key = token.literal;
    // Upstream validates the key with a nil field path here, which prints as "<nil>".
    const keyError = labelKeyError(key, "<nil>");
    if (keyError) throw new SelectorError(keyError);
    const next = this.#lookahead("values");
    if (next.kind === "eos" || next.kind === ",") operator ??= "exists";
    if (operator === "exists" || operator === "!") return newRequirement(key, operator, []);

    const binary = this.#parseOperator();
    const values = binary === "in" || binary === "notin" ? this.#parseValues() : this.#parseExactValue();
    return newRequirement(key, binary, [...values].sort());
  }

  #parseOperator(): LabelOperator {
    const token = this.#consume("keyAndOperator");
    switch (token.kind) {
      case "in":
        return "in";
      case "notin":
        return "notin";
      case "=":
        return "=";
      case "==":
        return "==";
      case "!=":
        return "!=";
      case ">":
        return "gt";
      case "<":
        return "lt";
      default:
        throw new SelectorError(`found '${token.literal}', expected: ${BINARY_OPERATORS.join(", ")}`);
    }
  }

  #parseValues(): Set<string> {
    const open = this.#consume("values");
    if (open.kind !== "(") throw new SelectorError(`found '${open.literal}' expected: '('`);
    const next = this.#lookahead("values");
    if (next.kind === ")") {
      this.#consume("values");
      return new Set([""]);
    }
    if (next.kind !== "identifier" && next.kind !== ",") {
      throw new SelectorError(`found '${next.literal}', expected: ',', ')' or identifier`);
    }
    const values = this.#parseIdentifiersList();
    if (this.#consume("values").kind !== ")") throw new SelectorError(`found '${next.literal}', expected: ')'`);
    return values;
  }

  /** A comma-separated list in which empty entries mean the empty value: `(a,,b)`, `(,a)`, `(a,)`. */
  #parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const token = this.#consume("values");
      if (token.kind === "identifier") {
        values.add(token.literal);
        const next = this.#lookahead("values");
        if (next.kind === ",") continue;
        if (next.kind === ")") return values;
        throw new SelectorError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token.kind !== ",") throw new SelectorError(`found '${token.literal}', expected: ',', or identifier`);
      if (values.size === 0) values.add("");
      const next = this.#lookahead("values");
      if (next.kind === ")") {
        values.add("");
        return values;
      }
      if (next.kind === ",") {
        this.#consume("values");
        values.add("");
      }
    }
  }

  #parseExactValue(): Set<string> {
    const next = this.#lookahead("values");
    if (next.kind === "eos" || next.kind === ",") return new Set([""]);
    const token = this.#consume("values");
    if (token.kind === "identifier") return new Set([token.literal]);
    throw new SelectorError(`found '${token.literal}', expected: identifier`);
  }
}

/**
 * Parses a `labelSelector` query parameter:
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, comma-separated (ANDed).
 * The empty string selects everything.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  const requirements = new LabelSelectorParser(selector).parse();
  return { requirements: sortByKey(requirements) };
}

/**
 * metav1.LabelSelectorAsSelector: matchLabels become `key=value`, matchExpressions use In, NotIn, Exists,
 * DoesNotExist. A null selector selects nothing; an empty one selects everything.
 */
export function labelSelectorFromObject(selector: MetaLabelSelector | null | undefined): LabelSelector {
  if (selector === null || selector === undefined) return { requirements: [], matchesNothing: true };
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push(newRequirement(key, "=", [value]));
  }
  for (const expression of selector.matchExpressions ?? []) {
    const operator = META_OPERATORS.get(expression.operator);
    if (!operator) throw new SelectorError(`${goQuote(expression.operator)} is not a valid label selector operator`);
    requirements.push(newRequirement(expression.key, operator, [...(expression.values ?? [])]));
  }
  return { requirements: sortByKey(requirements) };
}

const META_OPERATORS = new Map<string, LabelOperator>([
  ["In", "in"],
  ["NotIn", "notin"],
  ["Exists", "exists"],
  ["DoesNotExist", "!"],
]);

/** True when every requirement holds for these labels (labels.Selector.Matches). */
export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (selector.matchesNothing) return false;
  const set = labels ?? {};
  return selector.requirements.every((requirement) => requirementMatches(requirement, set));
}

/** Whether the selector restricts nothing (labels.Selector.Empty). */
export function isEverythingLabelSelector(selector: LabelSelector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}

function requirementMatches(requirement: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels[requirement.key]! : "";
  switch (requirement.operator) {
    case "in":
    case "=":
    case "==":
      return has && requirement.values.includes(value);
    case "notin":
    case "!=":
      return !has || !requirement.values.includes(value);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || requirement.values.length !== 1) return false;
      const actual = parseInt64(value);
      const bound = parseInt64(requirement.values[0]!);
      if (actual === undefined || bound === undefined) return false;
      return requirement.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

function sortByKey(requirements: LabelRequirement[]): LabelRequirement[] {
  return [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** labels.NewRequirement: validates and builds one requirement; the error is upstream's aggregated field.ErrorList. */
function newRequirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const errors: string[] = [];
  const keyError = labelKeyError(key, "key");
  if (keyError) errors.push(keyError);

  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) errors.push(invalid("values", requirementValues(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) errors.push(invalid("values", requirementValues(values), "exact-match compatibility requires one single value"));
      break;
    case "exists":
    case "!":
      if (values.length !== 0) errors.push(invalid("values", requirementValues(values), "values set must be empty for exists and does not exist"));
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) errors.push(invalid("values", requirementValues(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((value, i) => {
        if (parseInt64(value) === undefined) {
          errors.push(invalid(`values[${i}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }

  values.forEach((value, i) => {
    const problems = isValidLabelValue(value);
    if (problems.length > 0) errors.push(invalid(`values[${i}][${key}]`, value, problems.join("; ")));
  });

  if (errors.length > 0) throw new SelectorError(aggregate(errors));
  return { key, operator, values };
}

// ---------------------------------------------------------------------------------------------------------------
// Field selectors
// ---------------------------------------------------------------------------------------------------------------

export type FieldOperator = "=" | "==" | "!=";

export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  /** Unescaped value. */
  value: string;
}

export interface FieldSelector {
  /** ANDed, in upstream's order (terms sorted as strings). No requirements selects everything. */
  requirements: FieldRequirement[];
}

/**
 * Parses a `fieldSelector` query parameter: `f=v`, `f==v`, `f!=v`, comma-separated.
 * In values, `\,` `\=` and `\\` stand for `,` `=` and `\`; field names are not validated here
 * (each resource decides which fields it supports).
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const terms = splitTerms(selector).sort();
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === "") continue;
    const split = splitTerm(term);
    if (!split) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    requirements.push({ field: split.field, operator: split.operator, value: unescapeFieldValue(split.rawValue) });
  }
  return { requirements };
}

/**
 * True when every requirement holds. `get` returns a field's value; a missing field compares as "".
 * `get` is called for every requirement (no short-circuit), so it may throw for fields the resource does not support.
 */
export function matchesFields(selector: FieldSelector, get: (field: string) => string | undefined): boolean {
  let matches = true;
  for (const requirement of selector.requirements) {
    const actual = get(requirement.field) ?? "";
    const holds = requirement.operator === "!=" ? actual !== requirement.value : actual === requirement.value;
    if (!holds) matches = false;
  }
  return matches;
}

/** The value a selector demands with `=`/`==` for this field, if any (fields.Selector.RequiresExactMatch). */
export function fieldSelectorExactMatch(selector: FieldSelector, field: string): string | undefined {
  return selector.requirements.find((r) => r.field === field && r.operator !== "!=")?.value;
}

/** Splits on commas that are not escaped; escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (escaped) escaped = false;
    else if (ch === "\\") escaped = true;
    else if (ch === ",") {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const TERM_OPERATORS: FieldOperator[] = ["!=", "==", "="];

/** The first operator found splits the term; field names cannot contain escapes. */
function splitTerm(term: string): { field: string; operator: FieldOperator; rawValue: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of TERM_OPERATORS) {
      if (term.startsWith(operator, i)) return { field: term.slice(0, i), operator, rawValue: term.slice(i + operator.length) };
    }
  }
  return undefined;
}

/** fields.UnescapeValue. The "unescaped character" message prints the code point as a number, as Go's %v of a rune does. */
function unescapeFieldValue(raw: string): string {
  let out = "";
  let escaped = false;
  for (const ch of raw) {
    if (escaped) {
      if (ch !== "\\" && ch !== "," && ch !== "=") {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      escaped = false;
    } else if (ch === "\\") escaped = true;
    else if (ch === "," || ch === "=") {
      throw new SelectorError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else out += ch;
  }
  if (escaped) throw new SelectorError("invalid field selector: invalid escape sequence: \\");
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Error rendering helpers
// ---------------------------------------------------------------------------------------------------------------

function labelKeyError(key: string, field: string): string | undefined {
  const problems = isQualifiedName(key);
  return problems.length > 0 ? invalid(field, key, problems.join("; ")) : undefined;
}

/** field.Invalid(...).Error(): `<field>: Invalid value: <value>: <detail>`. */
function invalid(field: string, value: unknown, detail: string): string {
  return renderFieldError(fieldError.invalid(field, value, detail));
}

/** utilerrors.Aggregate.Error(): one message as is, several (de-duplicated) in brackets. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(", ")}]`;
}

/**
 * A []string bad value as apimachinery 1.32 prints it (%#v); an empty one is always nil here, because the parser
 * never produces one and LabelSelectorAsSelector copies values with append([]string(nil), …).
 */
function requirementValues(values: string[]): GoValue {
  return new GoValue(goStringSlice(values.length === 0 ? undefined : values));
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64). */
function parseInt64(value: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed < INT64_MIN || parsed > INT64_MAX ? undefined : parsed;
}
