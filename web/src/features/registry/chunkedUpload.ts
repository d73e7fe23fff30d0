// Resumable upload of an import file in chunks (PUT /persons/imports/{id}/content?offset=N):
// each chunk goes at the offset the server has acknowledged; a failed chunk is retried with
// exponential backoff; on 409 import.offset_mismatch the upload continues from the offset the
// server says it has.
import { ApiError } from "../../api/client";
import type { ImportJob } from "../../api/types";

export const CHUNK_SIZE = 512 * 1024;

/** The byte ranges [start, end) a file of `size` bytes is sent in. */
export function chunkRanges(size: number, chunkSize = CHUNK_SIZE, from = 0): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = from; start < size; start += chunkSize) ranges.push([start, Math.min(start + chunkSize, size)]);
  return ranges;
}

/** Delay before retry `attempt` (1-based): 0.5 s, 1 s, 2 s, ... capped at 8 s. */
export function backoffMs(attempt: number, baseMs = 500, capMs = 8000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** The offset the server expects, from a 409 import.offset_mismatch problem; null otherwise. */
export function expectedOffset(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== "import.offset_mismatch") return null;
  const value = error.problem.expected_offset;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}

/** Errors worth retrying: the network, a timeout, the server busy or failing. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

export interface UploadOptions {
  job: ImportJob;
  file: Blob;
  put: (offset: number, chunk: Blob) => Promise<ImportJob>;
  /** Re-reads the job, when the server says the upload already finished (a lost answer). */
  refresh: () => Promise<ImportJob>;
  onProgress: (job: ImportJob) => void;
  chunkSize?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Set to stop between chunks. */
  signal?: AbortSignal;
}

/**
 * Sends the rest of the file, starting at `job.bytes_received`, and returns the job as the
 * server reported it after the last chunk. Throws the last error once a chunk has failed
 * `maxAttempts` times in a row, or at once for an error that retrying cannot fix.
 */
export async function uploadInChunks(options: UploadOptions): Promise<ImportJob> {
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const maxAttempts = options.maxAttempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let job = options.job;
  let offset = job.bytes_received;
  let failures = 0;
  while (offset < options.file.size && job.status === "uploading") {
    if (options.signal?.aborted) throw new DOMException("Upload stopped", "AbortError");
    const end = Math.min(offset + chunkSize, options.file.size);
    try {
      job = await options.put(offset, options.file.slice(offset, end));
      offset = job.bytes_received;
      failures = 0;
      options.onProgress(job);
    } catch (error) {
      if (error instanceof ApiError && error.code === "import.not_uploading") {
        job = await options.refresh();
        options.onProgress(job);
        return job;
      }
      const resumeAt = expectedOffset(error);
      if (resumeAt !== null && resumeAt !== offset) {
        offset = resumeAt;
        continue;
      }
      failures++;
      if (!isTransient(error) || failures >= maxAttempts) throw error;
      await sleep(backoffMs(failures));
    }
  }
  return job;
}

/** SHA-256 of the file as 64 lower-case hex digits (crypto.subtle needs a secure context). */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
