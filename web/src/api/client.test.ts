import { describe, expect, it } from "vitest";
import { ApiClient, ApiError } from "./client";

interface Call {
  url: string;
  init: RequestInit;
}

function client(responses: Response[]) {
  const calls: Call[] = [];
  const api = new ApiClient("/api/v1", (url, init) => {
    calls.push({ url, init });
    const next = responses.shift();
    return next ? Promise.resolve(next) : Promise.reject(new TypeError("network down"));
  });
  return { api, calls };
}

/** The ApiError a request fails with. */
async function failure(request: Promise<unknown>): Promise<ApiError> {
  try {
    await request;
  } catch (caught) {
    if (caught instanceof ApiError) return caught;
    throw caught;
  }
  throw new Error("the request succeeded");
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

describe("ApiClient", () => {
  it("sends cookies, Accept-Language and no CSRF header on reads", async () => {
    const { api, calls } = client([json(200, { items: [], next_cursor: null })]);
    api.setLanguage("uk");
    api.setCsrfToken("tok");
    await api.request("GET", "/territories", { query: { parent: "root", q: "", limit: 50, cursor: null } });
    expect(calls[0].url).toBe("/api/v1/territories?parent=root&limit=50");
    expect(calls[0].init.credentials).toBe("same-origin");
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers["Accept-Language"]).toBe("uk");
    expect(headers["X-CSRF-Token"]).toBeUndefined();
  });

  it("sends the CSRF token and If-Match on state-changing requests", async () => {
    const { api, calls } = client([json(200, { code: "RO:1" }, { ETag: '"4"' })]);
    api.setCsrfToken("secret-token");
    const result = await api.request("PATCH", "/territories/RO%3A1", { body: { name: "X" }, ifMatch: 3 });
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers["X-CSRF-Token"]).toBe("secret-token");
    expect(headers["If-Match"]).toBe('"3"');
    expect(headers["Content-Type"]).toBe("application/json");
    expect(calls[0].init.body).toBe('{"name":"X"}');
    expect(result.etag).toBe('"4"');
  });

  it("parses problem+json into an ApiError with code, field and detail", async () => {
    const { api } = client([
      json(400, {
        type: "urn:socius:problem:auth.password_too_short",
        title: "Too short",
        status: 400,
        detail: "Parola trebuie să aibă cel puțin 10 caractere.",
        code: "auth.password_too_short",
        field: "new_password",
      }),
    ]);
    const error = await failure(api.request("POST", "/session/password", { body: {} }));
    expect(error.status).toBe(400);
    expect(error.code).toBe("auth.password_too_short");
    expect(error.field).toBe("new_password");
    expect(error.detail).toBe("Parola trebuie să aibă cel puțin 10 caractere.");
  });

  it("reads the lockout delay from Retry-After", async () => {
    const { api } = client([json(429, { code: "auth.locked", detail: "Locked." }, { "Retry-After": "900" })]);
    const error = await failure(api.request("POST", "/session", { body: {} }));
    expect(error.code).toBe("auth.locked");
    expect(error.retryAfterSeconds).toBe(900);
  });

  it("reports a lost session to the listener, but not a failed login", async () => {
    const { api } = client([
      json(401, { code: "auth.session_expired", detail: "Expired." }),
      json(401, { code: "auth.invalid_credentials", detail: "Wrong." }),
    ]);
    const seen: string[] = [];
    api.onUnauthorized((error) => seen.push(error.code));
    await api.request("GET", "/users").catch(() => undefined);
    await api.request("POST", "/session", { body: {} }).catch(() => undefined);
    expect(seen).toEqual(["auth.session_expired"]);
  });

  it("handles 204, non-JSON errors and network failures", async () => {
    const { api } = client([new Response(null, { status: 204 }), new Response("<html>Bad gateway</html>", { status: 502 })]);
    expect((await api.request("DELETE", "/session")).status).toBe(204);
    const gateway = await failure(api.request("GET", "/health"));
    expect(gateway.code).toBe("client.unexpected_response");
    expect(gateway.status).toBe(502);
    const offline = await failure(api.request("GET", "/health"));
    expect(offline.code).toBe("client.network");
  });
});

describe("enc", () => {
  it("keeps territory codes readable in paths and escapes the rest", async () => {
    const { enc } = await import("./endpoints");
    expect(enc("RO:1017")).toBe("RO:1017");
    expect(enc("UA:UA01/x y")).toBe("UA:UA01%2Fx%20y");
  });
});

describe("ApiClient for uploads and cancellation", () => {
  it("sends a raw body with its content type and keeps problem extension members", async () => {
    const { api, calls } = client([
      json(409, { code: "import.offset_mismatch", detail: "Expected 1024", expected_offset: 1024 }),
    ]);
    api.setCsrfToken("tok");
    const chunk = new Blob(["a,b\n"]);
    const error = await api
      .request("PUT", "/persons/imports/j1/content", { query: { offset: 0 }, rawBody: chunk, contentType: "text/csv" })
      .catch((caught: unknown) => caught);
    expect(calls[0].url).toBe("/api/v1/persons/imports/j1/content?offset=0");
    expect(calls[0].init.body).toBe(chunk);
    expect((calls[0].init.headers as Record<string, string>)["Content-Type"]).toBe("text/csv");
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem.expected_offset).toBe(1024);
  });

  it("rethrows the abort of a cancelled request instead of calling it a network error", async () => {
    const controller = new AbortController();
    const api = new ApiClient("/api/v1", (_url, init) => {
      return new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    });
    const pending = api.request("GET", "/persons", { query: { q: "Pol" }, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
