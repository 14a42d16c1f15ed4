import { describe, expect, it } from "vitest";
import {
  SelectorError,
  fieldSelectorExactMatch,
  isEverythingLabelSelector,
  labelSelectorFromObject,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors.ts";

function parseError(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(SelectorError);
    return (error as Error).message;
  }
  throw new Error("expected a SelectorError");
}

const QUALIFIED_NAME_REGEX_MESSAGE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("parseLabelSelector", () => {
  // apimachinery pkg/labels/selector_test.go TestSelectorParse
  it.each(["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"])("accepts %j", (input) => {
    expect(() => parseLabelSelector(input)).not.toThrow();
  });

  it.each(["x=a||y=b", "x==a==b", "!x=a", "x<a"])("rejects %j", (input) => {
    expect(() => parseLabelSelector(input)).toThrow(SelectorError);
  });

  // TestSetSelectorParser
  it.each([
    ["", []],
    ["\rx", [{ key: "x", operator: "exists", values: [] }]],
    [
      "this-is-a-dns.domain.com/key-with-dash",
      [{ key: "this-is-a-dns.domain.com/key-with-dash", operator: "exists", values: [] }],
    ],
    [
      "this-is-another-dns.domain.com/key-with-dash in (so,what)",
      [{ key: "this-is-another-dns.domain.com/key-with-dash", operator: "in", values: ["so", "what"] }],
    ],
    [
      "0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
      [{ key: "0.1.2.domain/99", operator: "notin", values: ["10.10.100.1", "tick.tack.clock"] }],
    ],
    ["foo  in\t (abc)", [{ key: "foo", operator: "in", values: ["abc"] }]],
    ["x notin\n (abc)", [{ key: "x", operator: "notin", values: ["abc"] }]],
    ["x  notin\t\t\t(abc,def)", [{ key: "x", operator: "notin", values: ["abc", "def"] }]],
    ["x in (abc,)", [{ key: "x", operator: "in", values: ["", "abc"] }]],
    ["x in ()", [{ key: "x", operator: "in", values: [""] }]],
    [
      "x notin (abc,,def),bar,z in (),w",
      [
        { key: "bar", operator: "exists", values: [] },
        { key: "w", operator: "exists", values: [] },
        { key: "x", operator: "notin", values: ["", "abc", "def"] },
        { key: "z", operator: "in", values: [""] },
      ],
    ],
    ["x=a", [{ key: "x", operator: "=", values: ["a"] }]],
    ["x==a", [{ key: "x", operator: "==", values: ["a"] }]],
    ["x>1", [{ key: "x", operator: "gt", values: ["1"] }]],
    ["x<7", [{ key: "x", operator: "lt", values: ["7"] }]],
    [
      "x=a,y!=b,z in (h,i,j)",
      [
        { key: "x", operator: "=", values: ["a"] },
        { key: "y", operator: "!=", values: ["b"] },
        { key: "z", operator: "in", values: ["h", "i", "j"] },
      ],
    ],
    ["x notin ( )", [{ key: "x", operator: "notin", values: [""] }]],
    ["x notin (, a)", [{ key: "x", operator: "notin", values: ["", "a"] }]],
    ["a ", [{ key: "a", operator: "exists", values: [] }]],
    ["a in (x,y,notin, z,in)", [{ key: "a", operator: "in", values: ["in", "notin", "x", "y", "z"] }]],
    ["notin=in", [{ key: "notin", operator: "=", values: ["in"] }]],
    ["x=", [{ key: "x", operator: "=", values: [""] }]],
  ])("parses %j", (input, requirements) => {
    expect(parseLabelSelector(input)).toEqual({ requirements });
  });

  it.each(["x=a||y=b", "x,,y", ",x,y", "x nott in (y)", "a in (xyz),", "a in (xyz)b notin ()", "a in (xyz abc)", "a notin(", "a (", "("])(
    "rejects %j",
    (input) => {
      expect(() => parseLabelSelector(input)).toThrow(SelectorError);
    },
  );

  it("sorts requirements by key, whatever the input order (TestDeterministicParse)", () => {
    expect(parseLabelSelector("x=a,a=x")).toEqual(parseLabelSelector("a=x,x=a"));
  });

  it("reports syntax errors with upstream's wording", () => {
    expect(parseError(() => parseLabelSelector("a b"))).toBe(
      "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    );
    expect(parseError(() => parseLabelSelector("x,,y"))).toBe("found ',', expected: identifier after ','");
    expect(parseError(() => parseLabelSelector("a=b,"))).toBe("found '', expected: identifier after ','");
    expect(parseError(() => parseLabelSelector(",x"))).toBe("found ',', expected: !, identifier, or 'end of string'");
    expect(parseError(() => parseLabelSelector("!x=a"))).toBe("found '=', expected: ',' or 'end of string'");
    expect(parseError(() => parseLabelSelector("x==a==b"))).toBe("found '==', expected: ',' or 'end of string'");
    expect(parseError(() => parseLabelSelector("a in (xyz abc)"))).toBe(
      "unable to parse requirement: found 'abc', expected: ',' or ')'",
    );
    expect(parseError(() => parseLabelSelector("a in xyz"))).toBe("unable to parse requirement: found 'xyz' expected: '('");
    expect(parseError(() => parseLabelSelector("a notin("))).toBe(
      "unable to parse requirement: found '', expected: ',', ')' or identifier",
    );
    expect(parseError(() => parseLabelSelector("a=(b)"))).toBe("unable to parse requirement: found '(', expected: identifier");
    expect(parseError(() => parseLabelSelector("!"))).toBe("unable to parse requirement: found '', expected: identifier");
  });

  it("validates keys with a nil field path, as upstream's parser does", () => {
    expect(parseError(() => parseLabelSelector("Bad_Key_!=x"))).toBe(
      `unable to parse requirement: <nil>: Invalid value: "Bad_Key_": name part ${QUALIFIED_NAME_REGEX_MESSAGE}`,
    );
    expect(parseError(() => parseLabelSelector("Example.com/app=x"))).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"Example.com/app\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    expect(parseError(() => parseLabelSelector("a/b/c"))).toBe(
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${QUALIFIED_NAME_REGEX_MESSAGE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    );
    expect(parseError(() => parseLabelSelector("example.com/"))).toBe(
      `unable to parse requirement: <nil>: Invalid value: "example.com/": name part must be non-empty; name part ${QUALIFIED_NAME_REGEX_MESSAGE}`,
    );
    expect(parseError(() => parseLabelSelector(`${"a".repeat(64)}=x`))).toBe(
      `unable to parse requirement: <nil>: Invalid value: "${"a".repeat(64)}": name part must be no more than 63 characters`,
    );
  });

  it("validates values under values[i][key]", () => {
    expect(parseError(() => parseLabelSelector("app=-bad"))).toBe(
      `unable to parse requirement: values[0][app]: Invalid value: "-bad": ${LABEL_VALUE_MESSAGE}`,
    );
    expect(parseError(() => parseLabelSelector("app in (good,-bad)"))).toBe(
      `unable to parse requirement: values[0][app]: Invalid value: "-bad": ${LABEL_VALUE_MESSAGE}`,
    );
    expect(parseError(() => parseLabelSelector(`app=${"v".repeat(64)}`))).toBe(
      `unable to parse requirement: values[0][app]: Invalid value: "${"v".repeat(64)}": must be no more than 63 characters`,
    );
    expect(parseError(() => parseLabelSelector("x<a"))).toBe(
      "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });

  it("aggregates several errors of one requirement in brackets", () => {
    expect(parseError(() => parseLabelSelector("x>a_"))).toBe(
      `unable to parse requirement: [values[0]: Invalid value: "a_": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "a_": ${LABEL_VALUE_MESSAGE}]`,
    );
  });
});

describe("matchesLabels", () => {
  const match = (selector: string, labels: Record<string, string>): boolean => matchesLabels(parseLabelSelector(selector), labels);

  // TestSelectorMatches
  it.each([
    ["", { x: "y" }],
    ["x=y", { x: "y" }],
    ["x=y,z=w", { x: "y", z: "w" }],
    ["x!=y,z!=w", { x: "z", z: "a" }],
    ["notin=in", { notin: "in" }],
    ["x", { x: "z" }],
    ["!x", { y: "z" }],
    ["x>1", { x: "2" }],
    ["x<1", { x: "0" }],
    ["foo=bar,baz=blah", { foo: "bar", baz: "blah" }],
    ["x notin (a)", {}],
    ["x!=a", {}],
    ["x in (a,b)", { x: "b" }],
    ["x=", { x: "" }],
    ["x in ()", { x: "" }],
  ])("%j matches %j", (selector, labels) => {
    expect(match(selector, labels)).toBe(true);
  });

  it.each([
    ["x=z", {}],
    ["x=y", { x: "z" }],
    ["x=y,z=w", { x: "w", z: "w" }],
    ["x!=y,z!=w", { x: "z", z: "w" }],
    ["x", { y: "z" }],
    ["!x", { x: "z" }],
    ["x>1", { x: "0" }],
    ["x<1", { x: "2" }],
    ["x>1", { x: "v2" }],
    ["x>1", {}],
    ["foo=bar,foobar=bar,baz=blah", { foo: "bar", baz: "blah" }],
    ["x in ()", { y: "baz" }],
    ["x notin (a,b)", { x: "a" }],
    ["constructor", {}],
  ])("%j does not match %j", (selector, labels) => {
    expect(match(selector, labels)).toBe(false);
  });

  it("treats missing labels as an empty set", () => {
    expect(matchesLabels(parseLabelSelector("!x"), undefined)).toBe(true);
    expect(matchesLabels(parseLabelSelector("x"), undefined)).toBe(false);
  });
});

describe("labelSelectorFromObject (metav1.LabelSelectorAsSelector)", () => {
  it("turns matchLabels into equality requirements and matchExpressions into set requirements, sorted by key", () => {
    const selector = labelSelectorFromObject({
      matchLabels: { tier: "web", app: "shop" },
      matchExpressions: [
        { key: "env", operator: "In", values: ["prod", "staging"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "zone", operator: "NotIn", values: ["b"] },
        { key: "owner", operator: "Exists", values: [] },
      ],
    });
    expect(selector).toEqual({
      requirements: [
        { key: "app", operator: "=", values: ["shop"] },
        { key: "canary", operator: "!", values: [] },
        { key: "env", operator: "in", values: ["prod", "staging"] },
        { key: "owner", operator: "exists", values: [] },
        { key: "tier", operator: "=", values: ["web"] },
        { key: "zone", operator: "notin", values: ["b"] },
      ],
    });
    expect(matchesLabels(selector, { app: "shop", tier: "web", env: "prod", owner: "me" })).toBe(true);
    expect(matchesLabels(selector, { app: "shop", tier: "web", env: "prod", owner: "me", canary: "1" })).toBe(false);
    expect(matchesLabels(selector, { app: "shop", tier: "web", env: "prod", owner: "me", zone: "b" })).toBe(false);
    expect(matchesLabels(selector, { app: "shop", tier: "web", env: "dev", owner: "me" })).toBe(false);
  });

  it("selects everything when empty and nothing when null", () => {
    const everything = labelSelectorFromObject({});
    expect(isEverythingLabelSelector(everything)).toBe(true);
    expect(matchesLabels(everything, { any: "thing" })).toBe(true);
    const nothing = labelSelectorFromObject(null);
    expect(isEverythingLabelSelector(nothing)).toBe(false);
    expect(matchesLabels(nothing, {})).toBe(false);
    expect(matchesLabels(labelSelectorFromObject(undefined), { a: "b" })).toBe(false);
  });

  it("rejects unknown operators and invalid requirements with upstream's messages", () => {
    expect(parseError(() => labelSelectorFromObject({ matchExpressions: [{ key: "a", operator: "Gt", values: ["1"] }] }))).toBe(
      '"Gt" is not a valid label selector operator',
    );
    expect(parseError(() => labelSelectorFromObject({ matchExpressions: [{ key: "a", operator: "In", values: [] }] }))).toBe(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(parseError(() => labelSelectorFromObject({ matchExpressions: [{ key: "a", operator: "Exists", values: ["x", "y"] }] }))).toBe(
      'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    );
    expect(parseError(() => labelSelectorFromObject({ matchLabels: { "bad key": "x" } }))).toBe(
      `key: Invalid value: "bad key": name part ${QUALIFIED_NAME_REGEX_MESSAGE}`,
    );
    expect(parseError(() => labelSelectorFromObject({ matchLabels: { app: "a b" } }))).toBe(
      `values[0][app]: Invalid value: "a b": ${LABEL_VALUE_MESSAGE}`,
    );
  });
});

describe("parseFieldSelector", () => {
  // apimachinery pkg/fields/selector_test.go TestSelectorParse
  it.each(["x=a,y=b,z=c", "", "x!=a,y=b", "x=a||y\\=b", "x=a\\=\\=b"])("accepts %j", (input) => {
    expect(() => parseFieldSelector(input)).not.toThrow();
  });

  it.each(["x=a||y=b", "x==a==b", "x=a,b", "x in (a)", "x in (a,b,c)", "x"])("rejects %j", (input) => {
    expect(() => parseFieldSelector(input)).toThrow(SelectorError);
  });

  it("parses operators, sorts terms and unescapes values", () => {
    expect(parseFieldSelector("status.phase!=Running,metadata.name==web-1")).toEqual({
      requirements: [
        { field: "metadata.name", operator: "==", value: "web-1" },
        { field: "status.phase", operator: "!=", value: "Running" },
      ],
    });
    expect(parseFieldSelector("a=b\\,c,d=e\\=f,g=h\\\\")).toEqual({
      requirements: [
        { field: "a", operator: "=", value: "b,c" },
        { field: "d", operator: "=", value: "e=f" },
        { field: "g", operator: "=", value: "h\\" },
      ],
    });
    expect(parseFieldSelector("a=,,b=")).toEqual({
      requirements: [
        { field: "a", operator: "=", value: "" },
        { field: "b", operator: "=", value: "" },
      ],
    });
    expect(parseFieldSelector("함=수,목=록").requirements.map((r) => [r.field, r.value])).toEqual([
      ["목", "록"],
      ["함", "수"],
    ]);
  });

  it("reports errors with upstream's wording", () => {
    expect(parseError(() => parseFieldSelector("x=a,b"))).toBe("invalid selector: 'x=a,b'; can't understand 'b'");
    expect(parseError(() => parseFieldSelector("x==a==b"))).toBe("invalid field selector: unescaped character in value: 61");
    expect(parseError(() => parseFieldSelector("x=a\\b"))).toBe("invalid field selector: invalid escape sequence: \\b");
    expect(parseError(() => parseFieldSelector("x=a\\"))).toBe("invalid field selector: invalid escape sequence: \\");
  });
});

describe("matchesFields", () => {
  const fields: Record<string, string> = { foo: "bar", baz: "blah", complex: "=value\\,\\" };
  const get = (field: string): string | undefined => fields[field];

  // TestSelectorMatches
  it.each(["", "foo=bar", "baz=blah", "foo=bar,baz=blah", "foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\", "missing!=x", "missing="])(
    "%j matches",
    (selector) => {
      expect(matchesFields(parseFieldSelector(selector), get)).toBe(true);
    },
  );

  it.each(["foo=blah", "baz=bar", "foo=bar,foobar=bar,baz=blah", "foo!=bar"])("%j does not match", (selector) => {
    expect(matchesFields(parseFieldSelector(selector), get)).toBe(false);
  });

  it("asks for every field, so the caller can reject unsupported ones", () => {
    const asked: string[] = [];
    matchesFields(parseFieldSelector("a=1,b=2,c=3"), (field) => {
      asked.push(field);
      return undefined;
    });
    expect(asked).toEqual(["a", "b", "c"]);
  });

  it("tells which value a field must have", () => {
    const selector = parseFieldSelector("metadata.name=web,status.phase!=Failed");
    expect(fieldSelectorExactMatch(selector, "metadata.name")).toBe("web");
    expect(fieldSelectorExactMatch(selector, "status.phase")).toBeUndefined();
    expect(fieldSelectorExactMatch(selector, "spec.nodeName")).toBeUndefined();
  });
});
