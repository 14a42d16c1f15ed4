import { describe, expect, it } from "vitest";
import { deployCreateSchema } from "@paddock/contracts";
import { emptyDeployForm, fieldOfIssue, splitCommand, toDeployRequest } from "./deploy-form-model";

describe("splitCommand", () => {
  it("splits on spaces and keeps quoted words whole", () => {
    expect(splitCommand(`sh -c "echo 'hi there' && sleep 3600"`)).toEqual({ words: ["sh", "-c", "echo 'hi there' && sleep 3600"] });
    expect(splitCommand("  nginx   -g 'daemon off;' ")).toEqual({ words: ["nginx", "-g", "daemon off;"] });
    expect(splitCommand(String.raw`echo a\ b "x\"y" ''`)).toEqual({ words: ["echo", "a b", 'x"y', ""] });
    expect(splitCommand("")).toEqual({ words: [] });
  });

  it("says which quote is not closed", () => {
    expect(splitCommand(`echo "hi`)).toEqual({ error: "A double quote is not closed: close it, or remove it." });
  });
});

describe("toDeployRequest", () => {
  it("makes a request the contract accepts, the container named after the workload", () => {
    const values = emptyDeployForm("default");
    values.name = " hello ";
    values.containers[0] = { image: "127.0.0.1:5000/demo/hello:1.0", ports: [{ containerPort: 8080, protocol: "TCP" }], env: [{ name: "MODE", value: "demo" }] };
    values.commandLine = "sleep 3600";
    values.imagePullSecrets = ["regcred"];
    const request = toDeployRequest(values);
    expect(request).toEqual({
      name: "hello",
      namespace: "default",
      replicas: 1,
      containers: [{ name: "hello", image: "127.0.0.1:5000/demo/hello:1.0", ports: [{ containerPort: 8080, protocol: "TCP" }], env: [{ name: "MODE", value: "demo" }], command: ["sleep", "3600"] }],
      imagePullSecrets: ["regcred"],
    });
    expect(deployCreateSchema.safeParse(request).success).toBe(true);
  });

  it("leaves out what was not filled in", () => {
    const values = { ...emptyDeployForm("team-a"), name: "web" };
    values.containers[0]!.image = "nginx";
    expect(toDeployRequest(values)).toEqual({ name: "web", namespace: "team-a", replicas: 1, containers: [{ name: "web", image: "nginx" }] });
  });
});

describe("fieldOfIssue", () => {
  it("maps the server's paths to the form's fields", () => {
    expect(fieldOfIssue("body.name")).toBe("name");
    expect(fieldOfIssue("body.namespace")).toBe("namespace");
    expect(fieldOfIssue("body.containers.0.image")).toBe("containers.0.image");
    expect(fieldOfIssue("body.containers.0.name")).toBe("name");
    expect(fieldOfIssue("body.containers.0.ports.2.containerPort")).toBe("containers.0.ports.2.containerPort");
    expect(fieldOfIssue("body.containers.0.env.1.name")).toBe("containers.0.env.1.name");
    expect(fieldOfIssue("body.containers.0.command.3")).toBe("commandLine");
    expect(fieldOfIssue("body.containers")).toBe("containers.0.image");
    expect(fieldOfIssue("body.imagePullSecrets.0")).toBe("imagePullSecrets");
    expect(fieldOfIssue("body.other")).toBeNull();
  });
});
