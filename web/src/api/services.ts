// Typed calls for providers, services and enrolments with their waiting lists
// (docs/openapi.yaml; prose in docs/services-api.md), over the shared ApiClient.
import { api, enc } from "./endpoints";
import type {
  Enrolment,
  EnrolmentFilter,
  EnrolmentTransition,
  NewEnrolment,
  NewProvider,
  NewService,
  Page,
  Provider,
  ProviderChanges,
  ProviderFilter,
  Service,
  ServiceChanges,
  ServiceFilter,
  ServicesMap,
  StaffMember,
  AttendanceRow,
  AttendanceSheet,
} from "./types";

interface Paging {
  limit?: number;
  cursor?: string | null;
}

export async function listProviders(filter: ProviderFilter & Paging, signal?: AbortSignal): Promise<Page<Provider>> {
  return (await api.request<Page<Provider>>("GET", "/providers", { query: { ...filter }, signal })).data;
}

export async function getProvider(id: string): Promise<Provider> {
  return (await api.request<Provider>("GET", `/providers/${enc(id)}`)).data;
}

export async function createProvider(body: NewProvider): Promise<Provider> {
  return (await api.request<Provider>("POST", "/providers", { body })).data;
}

export async function updateProvider(id: string, version: number, changes: ProviderChanges): Promise<Provider> {
  return (await api.request<Provider>("PATCH", `/providers/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

export async function listServices(filter: ServiceFilter & Paging, signal?: AbortSignal): Promise<Page<Service>> {
  return (await api.request<Page<Service>>("GET", "/services", { query: { ...filter }, signal })).data;
}

export async function getService(id: string): Promise<Service> {
  return (await api.request<Service>("GET", `/services/${enc(id)}`)).data;
}

export async function createService(body: NewService): Promise<Service> {
  return (await api.request<Service>("POST", "/services", { body })).data;
}

/** Changes a service; a raised capacity offers the new places to the waiting list at once. */
export async function updateService(id: string, version: number, changes: ServiceChanges): Promise<Service> {
  return (await api.request<Service>("PATCH", `/services/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

/** GET /enrolments: exactly one of `service_id`, `person_id` and `worker` ("me"). */
export async function listEnrolments(filter: EnrolmentFilter & Paging, signal?: AbortSignal): Promise<Page<Enrolment>> {
  return (await api.request<Page<Enrolment>>("GET", "/enrolments", { query: { ...filter }, signal })).data;
}

export async function getEnrolment(id: string): Promise<Enrolment> {
  return (await api.request<Enrolment>("GET", `/enrolments/${enc(id)}`)).data;
}

/**
 * Enrols a person: `active` when a place is free, else `waiting` with its `position`. A person
 * living outside the places the service serves fails with ApiError `enrolment.outside_area`
 * until `outside_area_reason` is given.
 */
export async function createEnrolment(body: NewEnrolment): Promise<Enrolment> {
  return (await api.request<Enrolment>("POST", "/enrolments", { body })).data;
}

/** Moves an enrolment (accept an offered place, suspend, resume, end, withdraw). */
export async function changeEnrolmentState(
  id: string,
  version: number,
  transition: EnrolmentTransition,
): Promise<Enrolment> {
  return (
    await api.request<Enrolment>("POST", `/enrolments/${enc(id)}/transitions`, { body: transition, ifMatch: version })
  ).data;
}

/**
 * The services map of a territory: per community under it and service type, the services,
 * places, places used, persons waiting and the longest wait; `totals` per type. Counts only.
 */
export async function getServicesMap(territory: string, signal?: AbortSignal): Promise<ServicesMap> {
  return (await api.request<ServicesMap>("GET", "/services-map", { query: { territory }, signal })).data;
}

/** The users who work in a provider's services (who manages the provider reads and keeps it). */
export async function listProviderStaff(providerId: string): Promise<StaffMember[]> {
  return (await api.request<{ items: StaffMember[] }>("GET", `/providers/${enc(providerId)}/staff`)).data.items;
}

/** Adds a user holding the provider_staff role to the staff; the staff as it now is. */
export async function addProviderStaff(providerId: string, userId: string): Promise<StaffMember[]> {
  return (await api.request<{ items: StaffMember[] }>("POST", `/providers/${enc(providerId)}/staff`, { body: { user_id: userId } }))
    .data.items;
}

export async function removeProviderStaff(providerId: string, userId: string): Promise<StaffMember[]> {
  return (await api.request<{ items: StaffMember[] }>("DELETE", `/providers/${enc(providerId)}/staff/${enc(userId)}`)).data
    .items;
}

/** A day service's month: the persons who held a place in it and the days each attended. */
export async function getAttendance(
  serviceId: string,
  month: string,
  paging: Paging = {},
  signal?: AbortSignal,
): Promise<AttendanceSheet> {
  return (
    await api.request<AttendanceSheet>("GET", `/services/${enc(serviceId)}/attendance`, {
      query: { month, ...paging },
      signal,
    })
  ).data;
}

/**
 * Replaces the days of a month one person attended. `version` is the row's (0 while nothing is
 * recorded: sent without If-Match).
 */
export async function recordAttendance(enrolmentId: string, month: string, version: number, days: number[]): Promise<AttendanceRow> {
  return (
    await api.request<AttendanceRow>("PUT", `/enrolments/${enc(enrolmentId)}/attendance/${enc(month)}`, {
      body: { days },
      ifMatch: version > 0 ? version : undefined,
    })
  ).data;
}
