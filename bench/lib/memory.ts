/** Resident-memory readings: this process, or another one by pid (Linux /proc). */
import { readFileSync } from 'node:fs';

const mb = (bytes: number) => bytes / (1024 * 1024);

/** VmRSS and VmHWM (peak RSS) of a process in MB, from /proc/PID/status. */
export function procMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Samples this process's RSS every `everyMs` until stopped; returns the highest seen (MB). */
export function sampleRss(everyMs = 50): { stop(): number } {
  let peak = mb(process.memoryUsage.rss());
  const timer = setInterval(() => {
    peak = Math.max(peak, mb(process.memoryUsage.rss()));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, mb(process.memoryUsage.rss()));
    },
  };
}

/** This process's peak RSS so far (MB), as the kernel counted it. */
export function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
