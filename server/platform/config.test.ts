import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has working defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      roles: ["public", "staff", "worker"],
      referencePrefix: "FYR",
    });
    expect(c.secureCookies).toBe(false);
    expect(c.publicUrl).toBe("http://localhost:8080");
  });

  it("links to the port it listens on unless told its public URL", () => {
    expect(loadConfig({ PORT: "9090" }).publicUrl).toBe("http://localhost:9090");
    expect(loadConfig({ PORT: "9090", FYR_PUBLIC_URL: "https://cert.example/" }).publicUrl).toBe(
      "https://cert.example",
    );
  });

  it("names every bad or unknown variable", () => {
    try {
      loadConfig({ PORT: "eighty", FYR_ROLES: "public,kitchen", FYR_SMTP_URI: "smtp://x", DATABASE_URL: "mysql://x" });
      expect.fail("should throw");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as ConfigError).message;
      expect(msg).toContain("PORT");
      expect(msg).toContain('unknown role "kitchen"');
      expect(msg).toContain("FYR_SMTP_URI: unknown setting");
      expect(msg).toContain("DATABASE_URL");
    }
  });

  it("marks cookies Secure when the public URL is https", () => {
    expect(loadConfig({ FYR_PUBLIC_URL: "https://fyr.example.se/" })).toMatchObject({
      secureCookies: true,
      publicUrl: "https://fyr.example.se",
    });
  });

  it("reads the incident SLA per severity and names what is wrong with it", () => {
    expect(loadConfig({}).incidentSlaHours).toEqual({ critical: 4, high: 24, medium: 72, low: 168 });
    expect(loadConfig({ FYR_INCIDENT_SLA_HOURS: "low=200, medium=48,high=8,critical=1.5" }).incidentSlaHours).toEqual({
      critical: 1.5,
      high: 8,
      medium: 48,
      low: 200,
    });
    expect(() => loadConfig({ FYR_INCIDENT_SLA_HOURS: "critical=4,high=24,medium=72" })).toThrow(
      "FYR_INCIDENT_SLA_HOURS: hours missing for low",
    );
    expect(() => loadConfig({ FYR_INCIDENT_SLA_HOURS: "critical=4,high=24,medium=72,urgent=1" })).toThrow(
      '"urgent=1" is not severity=hours',
    );
    expect(() => loadConfig({ FYR_INCIDENT_SLA_HOURS: "critical=0,high=24,medium=72,low=1" })).toThrow(
      "FYR_INCIDENT_SLA_HOURS",
    );
  });

  it("knows how the public reaches the CERT, and refuses a telephone number that is not one", () => {
    expect(loadConfig({}).cert).toEqual({
      name: "CERT-SE",
      phone: "+46 10 240 40 40",
      phoneUri: "tel:+46102404040",
      email: "cert@cert.se",
      web: "https://www.cert.se",
    });
    expect(loadConfig({ FYR_CERT_NAME: "CERT-X", FYR_CERT_PHONE: "08-123 45 67" }).cert).toMatchObject({
      name: "CERT-X",
      phone: "08-123 45 67",
      phoneUri: "tel:081234567",
    });
    expect(() => loadConfig({ FYR_CERT_PHONE: "call us" })).toThrow(/FYR_CERT_PHONE/);
    expect(() => loadConfig({ FYR_CERT_WEB: "ftp://cert.example" })).toThrow(/FYR_CERT_WEB/);
  });
});
