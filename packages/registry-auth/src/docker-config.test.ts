import { describe, expect, it } from "vitest";
import {
  buildDockerCfg,
  buildDockerConfigJson,
  decodeAuthField,
  DOCKER_HUB_SERVER,
  DockerConfigAuthFieldError,
  DockerConfigParseError,
  encodeAuthField,
  parseDockerCfg,
  parseDockerConfigJson,
} from "./docker-config.ts";

describe("buildDockerConfigJson: the bytes kubectl create secret docker-registry writes", () => {
  it.each([
    [
      "the observed kubectl 1.32 payload",
      [{ server: "quay.io", username: "u", password: "p" }],
      '{"auths":{"quay.io":{"username":"u","password":"p","auth":"dTpw"}}}',
    ],
    [
      "email between password and auth",
      [{ server: "quay.io", username: "u", password: "p", email: "e@x" }],
      '{"auths":{"quay.io":{"username":"u","password":"p","email":"e@x","auth":"dTpw"}}}',
    ],
    [
      "kubectl's default server",
      [{ server: DOCKER_HUB_SERVER, username: "soumyalj", password: "testabc123" }],
      '{"auths":{"https://index.docker.io/v1/":{"username":"soumyalj","password":"testabc123","auth":"c291bXlhbGo6dGVzdGFiYzEyMw=="}}}',
    ],
    [
      "Go's HTML-safe string escaping",
      [{ server: "r.io", username: "a&b", password: 'p<>"\\\n\t\u2028' }],
      `{"auths":{"r.io":{"username":"a\\u0026b","password":"p\\u003c\\u003e\\"\\\\\\n\\t\\u2028","auth":"${encodeAuthField("a&b", 'p<>"\\\n\t\u2028')}"}}}`,
    ],
    [
      "servers in Go's sorted map order",
      [
        { server: "quay.io", username: "q", password: "1" },
        { server: "ghcr.io", username: "g", password: "2" },
      ],
      '{"auths":{"ghcr.io":{"username":"g","password":"2","auth":"Zzoy"},"quay.io":{"username":"q","password":"1","auth":"cTox"}}}',
    ],
    [
      "omitempty on empty username and password",
      [{ server: "r.io", username: "", password: "" }],
      '{"auths":{"r.io":{"auth":"Og=="}}}',
    ],
    [
      "non-ASCII kept as UTF-8",
      [{ server: "r.io", username: "zoë", password: "пароль" }],
      `{"auths":{"r.io":{"username":"zoë","password":"пароль","auth":"${Buffer.from("zoë:пароль").toString("base64")}"}}}`,
    ],
  ])("%s", (_name, entries, expected) => {
    expect(buildDockerConfigJson(entries)).toBe(expected);
  });

  it("writes the legacy .dockercfg without the auths wrapper", () => {
    expect(buildDockerCfg([{ server: DOCKER_HUB_SERVER, username: "u", password: "p" }])).toBe(
      '{"https://index.docker.io/v1/":{"username":"u","password":"p","auth":"dTpw"}}',
    );
  });

  it("reads back what it writes", () => {
    const entries = [
      { server: "ghcr.io", username: "g", password: "p:with:colons" },
      { server: "quay.io", username: "q", password: "<&>", email: "q@x" },
    ];
    expect(parseDockerConfigJson(buildDockerConfigJson(entries))).toEqual(entries);
  });
});

describe("parseDockerConfigJson: kubelet's DockerConfigEntry.UnmarshalJSON", () => {
  it.each([
    ["username and password", '{"auths":{"quay.io":{"username":"u","password":"p"}}}', [{ server: "quay.io", username: "u", password: "p" }]],
    ["auth overrides username and password", '{"auths":{"quay.io":{"username":"x","password":"y","auth":"dTpw"}}}', [{ server: "quay.io", username: "u", password: "p" }]],
    ["auth-only entry", '{"auths":{"quay.io":{"auth":"dTpw"}}}', [{ server: "quay.io", username: "u", password: "p" }]],
    ["padded auth", '{"auths":{"r":{"auth":"dTpwdw=="}}}', [{ server: "r", username: "u", password: "pw" }]],
    ["unpadded auth", '{"auths":{"r":{"auth":"dTpwdw"}}}', [{ server: "r", username: "u", password: "pw" }]],
    ["auth split on the first colon", `{"auths":{"r":{"auth":"${encodeAuthField("u", "a:b:c")}"}}}`, [{ server: "r", username: "u", password: "a:b:c" }]],
    ["empty auth ignored", '{"auths":{"r":{"username":"u","password":"p","auth":""}}}', [{ server: "r", username: "u", password: "p" }]],
    ["email kept", '{"auths":{"r":{"auth":"dTpw","email":"e@x"}}}', [{ server: "r", username: "u", password: "p", email: "e@x" }]],
    ["field names matched case-insensitively like Go", '{"Auths":{"r":{"Username":"u","PASSWORD":"p"}}}', [{ server: "r", username: "u", password: "p" }]],
    ["null entry", '{"auths":{"r":null}}', [{ server: "r", username: "", password: "" }]],
    ["null document", "null", []],
    ["no auths", "{}", []],
    ["null auths", '{"auths":null}', []],
    ["unknown fields ignored", '{"auths":{"r":{"auth":"dTpw","identitytoken":"t"}},"credsStore":"desktop"}', [{ server: "r", username: "u", password: "p" }]],
    ["several servers in document order", '{"auths":{"b.io":{"auth":"dTpw"},"a.io":{"auth":"dTpw"}}}', [
      { server: "b.io", username: "u", password: "p" },
      { server: "a.io", username: "u", password: "p" },
    ]],
  ])("%s", (_name, text, expected) => {
    expect(parseDockerConfigJson(text)).toEqual(expected);
  });

  it.each([
    ["truncated", '{"auths":', "unexpected end of JSON input"],
    ["empty", "", "unexpected end of JSON input"],
    ["trailing comma", '{"auths":{"quay.io":{"username":"u",}}}', "invalid character '}' looking for beginning of object key string"],
    ["not JSON", "not json", "invalid character 'o' in literal null (expecting 'u')"],
    ["single quotes", "{'auths':{}}", "invalid character '\\'' looking for beginning of object key string"],
    ["missing colon", '{"auths" {}}', "invalid character '{' after object key"],
    ["missing comma", '{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ["two documents", "{} {}", "invalid character '{' after top-level value"],
    ["control character in string", '{"a":"x\ny"}', "invalid character '\\n' in string literal"],
    ["bad escape", '{"a":"\\x"}', "invalid character 'x' in string escape code"],
    ["leading zero", '{"a":01}', "invalid character '1' after object key:value pair"],
    ["array of documents", "[]", "json: cannot unmarshal array into Go value of type credentialprovider.DockerConfigJSON"],
    ["string document", '"x"', "json: cannot unmarshal string into Go value of type credentialprovider.DockerConfigJSON"],
    ["auths as list", '{"auths":[]}', "json: cannot unmarshal array into Go struct field DockerConfigJSON.auths of type credentialprovider.DockerConfig"],
    ["entry as string", '{"auths":{"r":"u:p"}}', "json: cannot unmarshal string into Go value of type credentialprovider.dockerConfigEntryWithAuth"],
    ["username as number", '{"auths":{"r":{"username":1}}}', "json: cannot unmarshal number into Go struct field dockerConfigEntryWithAuth.username of type string"],
    ["password as bool", '{"auths":{"r":{"password":true}}}', "json: cannot unmarshal bool into Go struct field dockerConfigEntryWithAuth.password of type string"],
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseDockerConfigJson(text)).toThrow(DockerConfigParseError);
    expect(() => parseDockerConfigJson(text)).toThrow(message);
  });

  it.each([
    ["illegal character", "dTpw!", "illegal base64 data at input byte 4"],
    ["no colon", Buffer.from("nocolon").toString("base64"), "unable to parse auth field, must be formatted as base64(username:password)"],
    ["missing second padding", "dTpwdw=", "illegal base64 data at input byte 7"],
    ["one character too many", "dTpwd", "illegal base64 data at input byte 4"],
    ["padding before more data", "dT==dTpw==", "illegal base64 data at input byte 4"],
    ["padding in an unpadded value", "dT==dTpw", "illegal base64 data at input byte 2"],
  ])("rejects an auth field with %s", (_name, auth, message) => {
    const text = `{"auths":{"quay.io":{"auth":"${auth}"}}}`;
    let thrown: unknown;
    try {
      parseDockerConfigJson(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DockerConfigAuthFieldError);
    expect((thrown as DockerConfigAuthFieldError).message).toBe(message);
    expect((thrown as DockerConfigAuthFieldError).server).toBe("quay.io");
  });
});

describe("parseDockerCfg: the legacy flat document", () => {
  it("reads entries without the auths wrapper", () => {
    expect(parseDockerCfg('{"https://index.docker.io/v1/":{"auth":"dTpw","email":"e@x"},"quay.io":{"username":"q","password":"w"}}')).toEqual([
      { server: "https://index.docker.io/v1/", username: "u", password: "p", email: "e@x" },
      { server: "quay.io", username: "q", password: "w" },
    ]);
  });

  it("names its own Go type in type errors", () => {
    expect(() => parseDockerCfg("[1]")).toThrow("json: cannot unmarshal array into Go value of type credentialprovider.DockerConfig");
  });
});

describe("auth field helpers", () => {
  it("encodes base64(username:password)", () => {
    expect(encodeAuthField("u", "p")).toBe("dTpw");
  });

  it("decodes values with newlines like Go", () => {
    expect(decodeAuthField("dTpw\ndw==")).toEqual({ username: "u", password: "pw" });
  });
});
