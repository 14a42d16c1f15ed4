import { describe, expect, it } from "vitest";
import { imageHost, presetAddress, presetOf, stripProtocol } from "./address-presets.ts";

describe("address presets", () => {
  it("stores each well-known registry under the key kubectl and Rancher use", () => {
    expect(presetAddress("DockerHub", "")).toBe("https://index.docker.io/v1/");
    expect(presetAddress("Quay.io", "ignored")).toBe("quay.io");
    expect(presetAddress("GitHub", "")).toBe("ghcr.io");
    expect(presetAddress("Custom", " 10.0.0.5:5000 ")).toBe("10.0.0.5:5000");
  });

  it("shows a stored address with its radio", () => {
    expect(presetOf("https://index.docker.io/v1/")).toEqual({ preset: "DockerHub", host: "" });
    expect(presetOf("docker.io")).toEqual({ preset: "DockerHub", host: "" });
    expect(presetOf("quay.io")).toEqual({ preset: "Quay.io", host: "" });
    expect(presetOf("ghcr.io")).toEqual({ preset: "GitHub", host: "" });
    expect(presetOf("acme.jfrog.io")).toEqual({ preset: "Artifactory", host: "acme.jfrog.io" });
    expect(presetOf("registry.gitlab.com")).toEqual({ preset: "Custom", host: "registry.gitlab.com" });
    expect(presetOf("https://harbor.example.com/")).toEqual({ preset: "Custom", host: "harbor.example.com" });
  });

  it("removes a pasted protocol and says so", () => {
    expect(stripProtocol("https://harbor.example.com/")).toEqual({
      host: "harbor.example.com",
      note: 'Removed "https://": enter just the host name or IP address (with an optional port).',
    });
    expect(stripProtocol("HTTP://10.0.0.5:5000").host).toBe("10.0.0.5:5000");
    expect(stripProtocol("harbor.example.com")).toEqual({ host: "harbor.example.com" });
  });

  it("knows the host an image reference starts with", () => {
    expect(imageHost("https://index.docker.io/v1/")).toBeUndefined();
    expect(imageHost("quay.io")).toBe("quay.io");
    expect(imageHost("https://harbor.example.com/v2/team")).toBe("harbor.example.com");
  });
});
