import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import express, { type RequestHandler } from "express";

/** Where `npm run build:web` puts the dashboard. */
export const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, "../../../web/dist");

/**
 * Serves the built dashboard: hashed assets cached for good, and index.html for every other
 * GET so that each screen's URL survives a reload.
 */
export function webAppHandlers(root: string = DEFAULT_WEB_ROOT): RequestHandler[] {
  const index = join(root, "index.html");
  if (!existsSync(index)) {
    return [
      (req, res, next) => {
        if (req.method !== "GET" || req.path.startsWith("/api/")) return next();
        res.status(503).type("text/plain").send("The dashboard is not built yet: run `npm run build:web` (npm start does it when it is missing).");
      },
    ];
  }
  return [
    express.static(root, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader("Cache-Control", path.includes(`${join(root, "assets")}`) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
    (req, res, next) => {
      if (req.method !== "GET" || req.path.startsWith("/api/")) return next();
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(index);
    },
  ];
}
