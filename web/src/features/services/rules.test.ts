import { describe, expect, it } from "vitest";
import type { Enrolment, Provider, Service } from "../../api/types";
import {
  EMPTY_PROVIDER,
  EMPTY_SERVICE,
  holdsPlace,
  licenceNeedsAttention,
  newProviderBody,
  newServiceBody,
  parseCapacity,
  providerChanges,
  providerFormOf,
  providerProblem,
  serviceChanges,
  serviceFormOf,
  serviceProblem,
  splitEnrolments,
  transitionAction,
  transitionNeedsReason,
  webAddress,
} from "./rules";

const service: Service = {
  id: "S1",
  version: 3,
  provider: { id: "P1", name: "Asociația Speranța" },
  territory_code: "RO:1017",
  territory_name: "Alba Iulia",
  name: "Centrul de zi",
  type: "day_centre",
  description: null,
  licence_number: "L-1",
  licence_valid_until: "2027-01-15",
  licence_status: "valid",
  address: null,
  settlements: [{ code: "RO:1017.1", name: "Alba Iulia" }],
  target_groups: ["elderly"],
  opening_hours: null,
  languages: ["ro"],
  capacity: 10,
  places_used: 7,
  places_free: 3,
  waiting: 4,
  longest_wait_days: 31,
  free: true,
  price: null,
  how_to_apply: null,
  phone: null,
  email: null,
  active: true,
  created_at: "2026-11-23T15:59:25.123Z",
  updated_at: "2026-11-23T15:59:25.123Z",
};

const provider: Provider = {
  id: "P1",
  version: 1,
  territory_code: "RO:1017",
  territory_name: "Alba Iulia",
  name: "Asociația Speranța",
  kind: "non_governmental",
  legal_id: "14562310",
  address: null,
  phone: null,
  email: null,
  website: "https://speranta.example",
  services: 1,
  created_at: "2026-11-23T15:59:25.123Z",
  updated_at: "2026-11-23T15:59:25.123Z",
};

function enrolment(id: string, state: Enrolment["state"], position: number | null = null): Enrolment {
  return {
    id,
    version: 1,
    service: { id: "S1", name: "Centrul de zi", type: "day_centre" },
    person: { id: `P-${id}`, name: `Person ${id}`, birth_date: null },
    community_code: "RO:1017",
    state,
    priority: "normal",
    position,
    case_id: null,
    note: null,
    outside_area_reason: null,
    requested_at: "2026-11-23T15:59:25.123Z",
    offered_at: null,
    started_on: null,
    ended_on: null,
    end_reason: null,
    worker: { id: "U1", display_name: "Ana" },
    allowed_transitions: [],
    created_at: "2026-11-23T15:59:25.123Z",
    updated_at: "2026-11-23T15:59:25.123Z",
  };
}

describe("enrolments", () => {
  it("hold a place while offered, active or suspended", () => {
    expect(["offered", "active", "suspended"].every((s) => holdsPlace(s as Enrolment["state"]))).toBe(true);
    expect(["waiting", "ended", "withdrawn"].some((s) => holdsPlace(s as Enrolment["state"]))).toBe(false);
  });

  it("split into places and the waiting list by position", () => {
    const { places, waiting } = splitEnrolments([
      enrolment("a", "offered"),
      enrolment("b", "active"),
      enrolment("c", "waiting", 2),
      enrolment("d", "waiting", 1),
      enrolment("e", "ended"),
    ]);
    expect(places.map((e) => e.id)).toEqual(["a", "b"]);
    expect(waiting.map((e) => e.id)).toEqual(["d", "c"]);
  });

  it("need a reason to withdraw, suspend and end, not to accept or resume", () => {
    expect(transitionNeedsReason("withdrawn")).toBe(true);
    expect(transitionNeedsReason("suspended")).toBe(true);
    expect(transitionNeedsReason("ended")).toBe(true);
    expect(transitionNeedsReason("active")).toBe(false);
  });

  it("name each move by what it means for the person", () => {
    expect(transitionAction("offered", "active")).toBe("accept");
    expect(transitionAction("suspended", "active")).toBe("resume");
    expect(transitionAction("offered", "withdrawn")).toBe("decline");
    expect(transitionAction("waiting", "withdrawn")).toBe("withdraw");
    expect(transitionAction("active", "suspended")).toBe("suspend");
    expect(transitionAction("suspended", "ended")).toBe("end");
  });
});

describe("licences", () => {
  it("need attention when expired or expiring", () => {
    expect(licenceNeedsAttention("expired")).toBe(true);
    expect(licenceNeedsAttention("expiring")).toBe(true);
    expect(licenceNeedsAttention("valid")).toBe(false);
    expect(licenceNeedsAttention("none")).toBe(false);
  });
});

describe("the provider form", () => {
  it("asks for the territory, the name and the kind of a new provider", () => {
    expect(providerProblem(EMPTY_PROVIDER, true)).toEqual({ field: "territory_code", problem: "territory_required" });
    const placed = { ...EMPTY_PROVIDER, territory: { code: "RO:1017", name: "Alba Iulia" } };
    expect(providerProblem(placed, true)?.field).toBe("name");
    expect(providerProblem({ ...placed, name: "X" }, true)?.field).toBe("kind");
    expect(providerProblem({ ...placed, name: "X", kind: "private" }, true)).toBeNull();
  });

  it("sends what was filled in, and on a change only what changed, null clearing a field", () => {
    const form = { ...EMPTY_PROVIDER, territory: { code: "RO:1017", name: "A" }, name: " Speranța ", kind: "public" as const, phone: "0258" };
    expect(newProviderBody(form)).toEqual({ territory_code: "RO:1017", name: "Speranța", kind: "public", phone: "0258" });
    const edited = { ...providerFormOf(provider), website: "", phone: "0258 811 200" };
    expect(providerChanges(provider, edited)).toEqual({ website: null, phone: "0258 811 200" });
    expect(providerChanges(provider, providerFormOf(provider))).toEqual({});
  });

  it("links a website only when it is a web address", () => {
    expect(webAddress("https://speranta.example/x")).toBe("https://speranta.example/x");
    expect(webAddress("speranta.example")).toBe("https://speranta.example");
    expect(webAddress("javascript:alert(1)")).toBeNull();
  });
});

describe("the service form", () => {
  const filled = {
    ...EMPTY_SERVICE,
    provider: { id: "P1", name: "Speranța" },
    territory: { code: "RO:1017", name: "Alba Iulia" },
    name: "Cantina",
    type: "social_canteen" as const,
    capacity: "40",
  };

  it("checks what the server would refuse, in the order of the form", () => {
    expect(serviceProblem(EMPTY_SERVICE, true)?.field).toBe("provider_id");
    expect(serviceProblem({ ...filled, capacity: "" }, true)?.problem).toBe("capacity_required");
    expect(serviceProblem({ ...filled, capacity: "-1" }, true)?.problem).toBe("capacity_invalid");
    expect(serviceProblem({ ...filled, capacity: "100001" }, true)?.problem).toBe("capacity_invalid");
    expect(serviceProblem({ ...filled, licence_valid_until: "2027-02-30" }, true)?.field).toBe("licence_valid_until");
    expect(serviceProblem({ ...filled, free: false }, true)).toEqual({ field: "price", problem: "price_required" });
    expect(serviceProblem(filled, true)).toBeNull();
    expect(parseCapacity(" 7 ")).toBe(7);
    expect(parseCapacity("1.5")).toBeNull();
  });

  it("sends a new service with the codes of the places it serves", () => {
    const body = newServiceBody({
      ...filled,
      settlements: [{ code: "RO:1017.1", name: "Alba Iulia" }],
      target_groups: ["homeless"],
      languages: ["ro", "ru"],
      free: false,
      price: "5 lei",
    });
    expect(body).toEqual({
      provider_id: "P1",
      territory_code: "RO:1017",
      name: "Cantina",
      type: "social_canteen",
      capacity: 40,
      free: false,
      active: true,
      price: "5 lei",
      settlement_codes: ["RO:1017.1"],
      target_groups: ["homeless"],
      languages: ["ro", "ru"],
    });
  });

  it("changes only what changed; the places served as a whole new list", () => {
    expect(serviceChanges(service, serviceFormOf(service))).toEqual({});
    const form = { ...serviceFormOf(service), capacity: "12", settlements: [], description: "Meals", languages: ["ru" as const, "ro" as const] };
    expect(serviceChanges(service, form)).toEqual({ capacity: 12, settlement_codes: [], description: "Meals", languages: ["ru", "ro"] });
    expect(serviceChanges(service, { ...serviceFormOf(service), licence_valid_until: "" })).toEqual({ licence_valid_until: null });
  });
});
