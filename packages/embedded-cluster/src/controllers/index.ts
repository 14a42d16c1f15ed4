import type { ResourceService } from "../api/resource-service.ts";
import { startNamespaceController } from "./namespace-controller.ts";

export interface Controllers {
  stop(): void;
}

/** The control loops that make the embedded server behave like a cluster rather than a store. */
export function startControllers(service: ResourceService, log?: (line: string) => void): Controllers {
  const stops = [startNamespaceController(service, log)];
  return {
    stop() {
      for (const stop of stops) stop();
    },
  };
}
