// Low-level HTTP client for /api/v1: same-origin cookies, CSRF header on state-changing
// requests, Accept-Language of the UI, and RFC 9457 problem+json parsed into ApiError.

export class ApiError extends Error {
  readonly status: number;
  /** Stable code from the server (e.g. `auth.invalid_credentials`), or `client.network` /
   *  `client.unexpected_response` when no problem document was received. */
  readonly code: string;
  /** JSON field the problem is about, when the server named one. */
  readonly field: string | null;
  /** Translated sentence from the server; empty when the server gave none. */
  readonly detail: string;
  /** Value of Retry-After in seconds, when present. */
  readonly retryAfterSeconds: number | null;
  /** The whole problem document, for extension members such as `expected_offset`. */
  readonly problem: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    code: string;
    field?: string | null;
    detail?: string;
    retryAfterSeconds?: number | null;
    problem?: Record<string, unknown>;
  }) {
    super(init.detail || init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.field = init.field ?? null;
    this.detail = init.detail ?? "";
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.problem = init.problem ?? {};
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  /** Version for optimistic concurrency; sent as `If-Match: "<version>"`. */
  ifMatch?: number;
  /** Cancels the request; the promise then rejects with the fetch's AbortError (not an ApiError). */
  signal?: AbortSignal;
  /** A body sent as is (e.g. a chunk of a file) instead of `body` as JSON. */
  rawBody?: Blob | ArrayBuffer;
  /** Content-Type of `rawBody`; application/octet-stream when omitted. */
  contentType?: string;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export class ApiClient {
  private csrfToken: string | null = null;
  private language = "en";
  private unauthorizedListener: ((error: ApiError) => void) | null = null;

  constructor(
    private readonly base = "/api/v1",
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  setLanguage(language: string): void {
    this.language = language;
  }

  /** Called when a request other than the login itself answers 401 (session gone). */
  onUnauthorized(listener: ((error: ApiError) => void) | null): void {
    this.unauthorizedListener = listener;
  }

  buildUrl(path: string, query?: RequestOptions["query"]): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
    }
    const qs = params.toString();
    return `${this.base}${path}${qs ? `?${qs}` : ""}`;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "Accept-Language": this.language,
    };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.rawBody !== undefined) headers["Content-Type"] = options.contentType ?? "application/octet-stream";
    if (STATE_CHANGING.has(method) && this.csrfToken) headers["X-CSRF-Token"] = this.csrfToken;
    if (options.ifMatch !== undefined) headers["If-Match"] = `"${options.ifMatch}"`;

    let response: Response;
    try {
      response = await this.fetchImpl(this.buildUrl(path, options.query), {
        method,
        headers,
        credentials: "same-origin",
        body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal,
      });
    } catch (caught) {
      if (options.signal?.aborted) throw caught;
      throw new ApiError({ status: 0, code: "client.network" });
    }

    if (!response.ok) {
      const error = await parseProblem(response);
      if (response.status === 401 && !(method === "POST" && path === "/session")) {
        this.unauthorizedListener?.(error);
      }
      throw error;
    }
    const etag = response.headers.get("ETag");
    if (response.status === 204) return { data: undefined as T, status: 204, etag };
    const text = await response.text();
    if (!text) return { data: undefined as T, status: response.status, etag };
    try {
      return { data: JSON.parse(text) as T, status: response.status, etag };
    } catch {
      throw new ApiError({ status: response.status, code: "client.unexpected_response" });
    }
  }
}

/** Turns an error response into an ApiError, tolerating bodies that are not problem+json. */
export async function parseProblem(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get("Retry-After");
  const retry = retryHeader !== null && /^\d+$/.test(retryHeader.trim()) ? Number(retryHeader) : null;
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = null;
  }
  if (body && typeof body === "object") {
    const problem = body as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const code =
      str(problem.code) ?? str(problem.type)?.replace(/^urn:socius:problem:/, "") ?? "client.unexpected_response";
    return new ApiError({
      status: response.status,
      code,
      field: str(problem.field) ?? null,
      detail: str(problem.detail) ?? str(problem.title) ?? "",
      retryAfterSeconds: retry,
      problem,
    });
  }
  return new ApiError({ status: response.status, code: "client.unexpected_response", retryAfterSeconds: retry });
}
