import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import type { ImportJob } from "../../api/types";
import { backoffMs, chunkRanges, sha256Hex, uploadInChunks } from "./chunkedUpload";

function job(bytes: number, size: number, status: ImportJob["status"] = "uploading"): ImportJob {
  return {
    id: "j1",
    status,
    file_name: "f.csv",
    size,
    sha256: "0".repeat(64),
    bytes_received: bytes,
    mode: "partial",
    community_code: "RO",
    rows_total: 0,
    rows_read: 0,
    rows_ok: 0,
    rows_rejected: 0,
    rows_written: 0,
    rows_linked: 0,
    errors: [],
    errors_truncated: false,
    created_at: "",
    updated_at: "",
  };
}

/** A fake server holding the bytes received; `failures` lists calls (1-based) that fail. */
function fakeServer(size: number, failures: Map<number, ApiError> = new Map()) {
  let received = "";
  const offsets: number[] = [];
  let calls = 0;
  const put = async (offset: number, chunk: Blob) => {
    calls++;
    offsets.push(offset);
    const failure = failures.get(calls);
    if (failure) throw failure;
    if (offset !== received.length) {
      throw new ApiError({
        status: 409,
        code: "import.offset_mismatch",
        problem: { expected_offset: received.length },
      });
    }
    received += await chunk.text();
    return job(received.length, size, received.length === size ? "queued" : "uploading");
  };
  return { put, offsets, received: () => received, refresh: () => Promise.resolve(job(received.length, size, "queued")) };
}

const noSleep = async () => {};

describe("chunkRanges", () => {
  it("covers the file exactly, the last chunk shorter", () => {
    expect(chunkRanges(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(chunkRanges(8, 4, 4)).toEqual([[4, 8]]);
    expect(chunkRanges(0, 4)).toEqual([]);
  });
});

describe("backoffMs", () => {
  it("doubles and is capped", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe("uploadInChunks", () => {
  const content = "given_name,family_name\nOlha,Polishchuk\nIon,Popescu\n";
  const file = new Blob([content]);

  it("sends every chunk in order and ends queued", async () => {
    const server = fakeServer(file.size);
    const progress: number[] = [];
    const done = await uploadInChunks({
      job: job(0, file.size),
      file,
      put: server.put,
      refresh: server.refresh,
      onProgress: (j) => progress.push(j.bytes_received),
      chunkSize: 16,
      sleep: noSleep,
    });
    expect(server.received()).toBe(content);
    expect(done.status).toBe("queued");
    expect(server.offsets).toEqual([0, 16, 32, 48]);
    expect(progress.at(-1)).toBe(file.size);
  });

  it("retries a chunk after a network failure with backoff", async () => {
    const server = fakeServer(file.size, new Map([[2, new ApiError({ status: 0, code: "client.network" })]]));
    const sleeps: number[] = [];
    await uploadInChunks({
      job: job(0, file.size),
      file,
      put: server.put,
      refresh: server.refresh,
      onProgress: () => {},
      chunkSize: 16,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    expect(server.received()).toBe(content);
    expect(server.offsets).toEqual([0, 16, 16, 32, 48]);
    expect(sleeps).toEqual([500]);
  });

  it("continues from the server's offset on 409 offset mismatch (resume)", async () => {
    const server = fakeServer(file.size);
    // The server already holds the first 16 bytes (an earlier, interrupted attempt) but the
    // job we hold still says 0.
    await server.put(0, file.slice(0, 16));
    await uploadInChunks({
      job: job(0, file.size),
      file,
      put: server.put,
      refresh: server.refresh,
      onProgress: () => {},
      chunkSize: 16,
      sleep: noSleep,
    });
    expect(server.received()).toBe(content);
    expect(server.offsets).toEqual([0, 0, 16, 32, 48]);
  });

  it("gives up after maxAttempts and does not retry errors that cannot heal", async () => {
    const down = new ApiError({ status: 503, code: "request.unavailable" });
    const server = fakeServer(file.size, new Map([1, 2, 3].map((n) => [n, down])));
    await expect(
      uploadInChunks({
        job: job(0, file.size),
        file,
        put: server.put,
        refresh: server.refresh,
        onProgress: () => {},
        chunkSize: 16,
        maxAttempts: 3,
        sleep: noSleep,
      }),
    ).rejects.toBe(down);

    const beyond = new ApiError({ status: 400, code: "import.beyond_size" });
    const once = fakeServer(file.size, new Map([[1, beyond]]));
    await expect(
      uploadInChunks({
        job: job(0, file.size),
        file,
        put: once.put,
        refresh: once.refresh,
        onProgress: () => {},
        chunkSize: 16,
        sleep: noSleep,
      }),
    ).rejects.toBe(beyond);
    expect(once.offsets).toEqual([0]);
  });
});

describe("sha256Hex", () => {
  it("matches the known digest of 'abc'", async () => {
    expect(await sha256Hex(new Blob(["abc"]))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
