import { useEffect, useState } from "react";

/** The current time, renewed every `intervalMs`, so that ages (45s, 3m) keep counting. */
export function useNow(intervalMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
