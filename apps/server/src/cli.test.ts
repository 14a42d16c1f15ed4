import { describe, expect, it } from "vitest";
import { parseServeCli } from "./cli.ts";

describe("paddock serve flags", () => {
  it("takes each setting from its flag, else its variable, else the default", () => {
    expect(parseServeCli([], { HOME: "/home/u" })).toEqual({
      port: 8080,
      host: "127.0.0.1",
      dataDir: "./.paddock",
      clusterPort: 6443,
      embedded: true,
      kubeconfig: "/home/u/.kube/config",
      inCluster: false,
      demoRegistry: true,
      demoRegistryPort: 5000,
    });
    expect(
      parseServeCli(["--port", "9000", "--no-embedded", "--kubeconfig", "/k"], { PORT: "1", PADDOCK_DATA_DIR: "/d", PADDOCK_CLUSTER_PORT: "7000", PADDOCK_BOOTSTRAP_PASSWORD: "pw", KUBECONFIG: "/x:/y" }),
    ).toMatchObject({ port: 9000, dataDir: "/d", clusterPort: 7000, embedded: false, kubeconfig: "/k", bootstrapPassword: "pw" });
    expect(parseServeCli([], { KUBECONFIG: "/x:/y", HOST: "0.0.0.0" })).toMatchObject({ kubeconfig: "/x", host: "0.0.0.0" });
  });

  it("names an unknown flag and a bad port", () => {
    expect(() => parseServeCli(["--prot", "1"], {})).toThrow("Unknown option '--prot'");
    expect(() => parseServeCli(["--port", "http"], {})).toThrow('--port: "http" is not a port number (0-65535)');
    expect(parseServeCli(["--help"], {})).toBe("help");
  });
});
