// Wire types of the HTTP API under the names the app uses. Each is an alias of what
// schema.d.ts says, and schema.d.ts is generated from docs/openapi.yaml (`npm run api-types`;
// schema.test.ts fails when it is stale), so the contract is their one source: change the
// contract, regenerate, and the compiler names every place that must follow.
import type { components, operations } from "./schema";

type Schemas = components["schemas"];

export type Language = Schemas["Language"];
export type TerritoryLevel = Schemas["TerritoryLevel"];
export type Territory = Schemas["Territory"];
/** A page of GET /territories, with `total`: how many match in all. */
export type TerritoryList = Schemas["TerritoryList"];
export type NewTerritory = Schemas["TerritoryCreate"];
export type TerritoryChanges = Schemas["TerritoryPatch"];

export type RoleName = Schemas["RoleName"];
export type PermissionName = Schemas["PermissionName"];
/** A role over a territory subtree, as a user record lists it (with the territory's name). */
export type RoleAssignment = Schemas["RoleGrant"];
export type User = Schemas["User"];
export type NewUser = Schemas["UserCreate"];
export type UserCreated = Schemas["UserCreated"];
export type UserChanges = Schemas["UserPatch"];
export type SessionInfo = Schemas["SessionInfo"];
/** One role of GET /roles and the permissions it grants. */
export type RolePermissions = Schemas["RoleList"]["items"][number];

/** The shape every list response shares (TerritoryList, UserList, AuditList, …). */
export interface Page<T> {
  items: T[];
  next_cursor: Schemas["NextCursor"];
}

export type AuditEntry = Schemas["AuditEntry"];
export type AuditAction = Schemas["AuditAction"];
export type AuditVerification = Schemas["AuditVerification"];
/** The filters of GET /audit, without the paging parameters. */
export type AuditFilter = Omit<NonNullable<operations["listAudit"]["parameters"]["query"]>, "limit" | "cursor">;

// Registry of persons and households, and its CSV import.

export type IdentifierScheme = Schemas["IdentifierScheme"];
export type Sex = Schemas["Sex"];
export type DisabilityDegree = Schemas["DisabilityDegree"];
export type PersonIdentifier = Schemas["Identifier"];
export type Person = Schemas["Person"];
export type PersonHit = Schemas["PersonHit"];
export type PersonMatch = PersonHit["match"];
/**
 * Body of PATCH /persons/{id} (any subset, null clearing a field), and of POST /persons, whose
 * contract (PersonInput) adds that given_name and family_name are required: the form sends what
 * it has and shows the server's error for a missing one next to its field.
 */
export type PersonFields = Schemas["PersonPatch"];

/** A registered person a new one may be (POST /persons/matches, 409 person.possible_duplicate). */
export type LikelyMatch = Schemas["LikelyMatch"];
export type LikelyMatchReason = LikelyMatch["reason"];

// Possible duplicates, merges and their undoing, duplicate runs (docs/dedup-api.md).

export type DuplicateStatus = Schemas["DuplicateStatus"];
export type EvidenceField = Schemas["EvidenceField"];
export type EvidenceLevel = Schemas["EvidenceLevel"];
export type Evidence = Schemas["Evidence"];
/** A pair of the list: both persons as search hits. */
export type DuplicatePair = Schemas["DuplicatePair"];
/** A pair as GET /duplicates/{id} answers it: both whole records with what is attached to them. */
export type DuplicatePairDetail = Schemas["DuplicatePairDetail"];
export type DuplicatePerson = Schemas["DuplicatePerson"];
export type AttachedCounts = Schemas["AttachedCounts"];
export type MergeRequest = Schemas["MergeRequest"];
export type Merge = Schemas["Merge"];
export type MergeMoved = Schemas["MergeMoved"];
export type DuplicateRun = Schemas["DuplicateRun"];
export type DuplicateRunStatus = Schemas["DuplicateRunStatus"];

export type DwellingType = Schemas["DwellingType"];
export type IncomeBand = Schemas["IncomeBand"];
export type Relationship = Schemas["Relationship"];
export type Household = Schemas["Household"];
export type HouseholdMember = Household["members"][number];
/** Body of POST /households. */
export type NewHousehold = Schemas["HouseholdInput"];
/** Body of PATCH /households/{id}; a household stays in its community. */
export type HouseholdFields = Schemas["HouseholdPatch"];

export type ImportStatus = Schemas["ImportStatus"];
export type ImportProblem = Schemas["ImportProblem"];
/** An import job with its error report, as every import endpoint but the list answers. */
export type ImportJob = Schemas["ImportJob"];
export type ImportJobSummary = Schemas["ImportJobSummary"];
export type NewImport = Schemas["ImportJobCreate"];

// Cases, contacts, plans, referrals, "Today" and case settings (docs/cases-api.md).

export type CaseState = Schemas["CaseState"];
export type CaseCategory = Schemas["CaseCategory"];
export type RiskLevel = Schemas["RiskLevel"];
/** A case: the summary's fields for every reader, the content when `content_visible`. */
export type Case = Schemas["Case"];
export type CaseSummary = Schemas["CaseSummary"];
/** A colleague who may be given casework in a community (holds case.work over it). */
export type CaseWorker = Schemas["UserRef"];
export type NewCase = Schemas["CaseCreate"];
export type CaseChanges = Schemas["CasePatch"];
export type TimelineKind = Schemas["TimelineKind"];
export type TimelineItem = Schemas["TimelineItem"];
export type Agency = Schemas["Agency"];
export type ActionStatus = Schemas["ActionStatus"];
export type PlanAction = Schemas["Action"];
export type PlanGoal = Schemas["Goal"];
export type Plan = Schemas["Plan"];
export type NewPlanAction = Schemas["ActionCreate"];
export type PlanActionChanges = Schemas["ActionPatch"];
export type Referral = Schemas["Referral"];
export type ReferralAnswerValue = Schemas["ReferralAnswerValue"];
export type NewReferral = Schemas["ReferralCreate"];
export type ReferralAnswer = Schemas["ReferralAnswer"];
export type ContactKind = Schemas["ContactKind"];
export type ContactStatus = Schemas["ContactStatus"];
export type ContactReason = Schemas["ContactReason"];
export type ContactOutcome = Schemas["ContactOutcome"];
export type Contact = Schemas["Contact"];
export type NewContact = Schemas["ContactCreate"];
export type ContactChanges = Schemas["ContactPatch"];
export type Today = Schemas["Today"];
export type TodayAction = Schemas["TodayAction"];
export type Team = Schemas["Team"];
export type WorkerLoad = Schemas["WorkerLoad"];
export type CaseSettings = Schemas["CaseSettings"];
export type CaseSettingsChanges = Schemas["CaseSettingsPatch"];
// Assessments: versioned questionnaires and the assessments filled from them.

export type FormText = Schemas["FormText"];
export type QuestionnaireDefinition = Schemas["QuestionnaireDefinition"];
export type Question = Schemas["Question"];
export type QuestionType = Question["type"];
export type Condition = Schemas["Condition"];
export type Questionnaire = Schemas["Questionnaire"];
export type Assessment = Schemas["Assessment"];
export type AssessmentStatus = Schemas["AssessmentStatus"];
export type NewAssessment = Schemas["AssessmentInput"];
export type AssessmentChanges = Schemas["AssessmentPatch"];
export type ScreeningSummary = Schemas["ScreeningSummary"];
/** The filters of GET /assessments, without the paging parameters. */
export type AssessmentFilter = Omit<NonNullable<operations["listAssessments"]["parameters"]["query"]>, "limit" | "cursor">;
/** One answer as the API carries it. */
export type Answer = string | number | boolean | string[];
export type Answers = Record<string, Answer>;
// Services: providers, the services they run, and enrolments with waiting lists
// (docs/services-api.md).

export type ProviderKind = Schemas["ProviderKind"];
export type Provider = Schemas["Provider"];
export type NewProvider = Schemas["ProviderCreate"];
/** Body of PATCH /providers/{id}: any subset, null clearing an optional field; never the territory. */
export type ProviderChanges = Schemas["ProviderPatch"];
export type ServiceType = Schemas["ServiceType"];
export type TargetGroup = Schemas["TargetGroup"];
export type LicenceStatus = Schemas["LicenceStatus"];
export type Service = Schemas["Service"];
export type NewService = Schemas["ServiceCreate"];
/** Body of PATCH /services/{id}: any subset but the provider and the territory. */
export type ServiceChanges = Schemas["ServicePatch"];
/** The filters of GET /services, without the paging parameters. */
export type ServiceFilter = Omit<NonNullable<operations["listServices"]["parameters"]["query"]>, "limit" | "cursor">;
/** The filters of GET /providers, without the paging parameters. */
export type ProviderFilter = Omit<NonNullable<operations["listProviders"]["parameters"]["query"]>, "limit" | "cursor">;
export type EnrolmentState = Schemas["EnrolmentState"];
export type EnrolmentPriority = Schemas["EnrolmentPriority"];
export type Enrolment = Schemas["Enrolment"];
export type NewEnrolment = Schemas["EnrolmentCreate"];
/** Body of POST /enrolments/{id}/transitions. */
export type EnrolmentTransition = Schemas["EnrolmentTransition"];
/** The filters of GET /enrolments (exactly one of service_id, person_id, worker), without paging. */
export type EnrolmentFilter = Omit<NonNullable<operations["listEnrolments"]["parameters"]["query"]>, "limit" | "cursor">;
// The services map, the public directory of a community and residents' requests for help
// (docs/services-api.md).

/** One line of the services map: a community (or a territory above communities) and a type. */
export type ServicesMapRow = Schemas["ServicesMapRow"];
export type StaffMember = Schemas["StaffMember"];
export type AttendanceRow = Schemas["AttendanceRow"];
export type AttendanceSheet = Schemas["AttendanceSheet"];
export type ServicesMap = Schemas["ServicesMap"];
export type PublicService = Schemas["PublicService"];
export type PublicDirectory = Schemas["PublicDirectory"];
/** Body of POST /public/communities/{code}/help-requests. */
export type NewHelpRequest = Schemas["HelpRequestCreate"];
export type HelpRequestReceived = Schemas["HelpRequestReceived"];
export type HelpState = Schemas["HelpState"];
export type HelpRequest = Schemas["HelpRequest"];
/** Body of POST /help-requests/{id}/resolution. */
export type HelpResolution = Schemas["HelpResolution"];
export type HelpOutcome = HelpResolution["outcome"];
/** The filters of GET /help-requests, without the paging parameters. */
export type HelpRequestFilter = Omit<NonNullable<operations["listHelpRequests"]["parameters"]["query"]>, "limit" | "cursor">;
// Benefits: programmes with eligibility rules as data, budgets, previews, applications and
// decisions (docs/benefits-api.md).

export type Currency = Schemas["Currency"];
export type ProgrammeKind = Schemas["ProgrammeKind"];
export type ProgrammeStatus = Schemas["ProgrammeStatus"];
export type AmountRule = Schemas["AmountRule"];
export type BudgetPeriod = Schemas["BudgetPeriod"];
export type RuleKind = Schemas["RuleKind"];
/** One eligibility rule: a union over `kind`, each with its own parameters. */
export type EligibilityRule = Schemas["EligibilityRule"];
export type Programme = Schemas["Programme"];
export type NewProgramme = Schemas["ProgrammeCreate"];
/** Body of PATCH /programmes/{id}: any field but the territory and the currency. */
export type ProgrammeChanges = Schemas["ProgrammePatch"];
/** The filters of GET /programmes, without the paging parameters. */
export type ProgrammeFilter = Omit<NonNullable<operations["listProgrammes"]["parameters"]["query"]>, "limit" | "cursor">;
export type Budget = Schemas["Budget"];
export type Eligibility = Schemas["Eligibility"];
export type EligibilityFacts = Schemas["EligibilityFacts"];
export type RuleOutcome = Schemas["RuleOutcome"];
export type ProgrammePreview = Schemas["ProgrammePreview"];
export type IncomeKind = Schemas["IncomeKind"];
export type IncomeInput = Schemas["IncomeInput"];
export type ApplicationState = Schemas["ApplicationState"];
export type Application = Schemas["Application"];
export type NewApplication = Schemas["ApplicationCreate"];
export type ApplicationChanges = Schemas["ApplicationPatch"];
/** The filters of GET /applications, without the paging parameters. */
export type ApplicationFilter = Omit<NonNullable<operations["listApplications"]["parameters"]["query"]>, "limit" | "cursor">;
export type DecisionOutcome = Schemas["DecisionOutcome"];
export type DecisionState = Schemas["DecisionState"];
export type Decision = Schemas["Decision"];
/** Body of POST /applications/{id}/decision. */
export type NewDecision = Schemas["DecisionCreate"];
/** Body of POST /decisions/{id}/transitions. */
export type DecisionTransition = Schemas["DecisionTransition"];
/** The filters of GET /decisions, without the paging parameters. */
export type DecisionFilter = Omit<NonNullable<operations["listDecisions"]["parameters"]["query"]>, "limit" | "cursor">;
// Payment lists (docs/benefits-api.md, "Payment lists").
export type PaymentList = Schemas["PaymentList"];
export type PaymentTotals = Schemas["PaymentTotals"];
export type PaymentLine = Schemas["PaymentLine"];
export type NewPaymentList = Schemas["PaymentListInput"];
export type PaymentConfirmation = Schemas["PaymentConfirmation"];
// Large-family cards (docs/benefits-api.md, "Large-family card").
export type Card = Schemas["Card"];
export type CardState = Schemas["CardState"];

// The monthly activity report, its records, the dashboard series and the DHIS2 export
// (docs/reports-api.md).

export type ReportSection = Schemas["ReportSection"];
export type ReportIndicator = Schemas["ReportIndicator"];
export type ReportUnit = Schemas["ReportUnit"];
export type ReportDimension = Schemas["ReportDimension"];
export type ReportSuppression = Schemas["ReportSuppression"];
export type ReportTerritory = Schemas["ReportTerritoryRef"];
export type ReportFigure = Schemas["ReportFigure"];
export type MonthlyReport = Schemas["MonthlyReport"];
export type ReportRecord = Schemas["ReportRecord"];
export type ReportSeries = Schemas["ReportSeries"];
export type ReportSeriesLine = Schemas["ReportSeriesLine"];
export type Dhis2Mapping = Schemas["Dhis2Mapping"];
export type Dhis2MappingChanges = Schemas["Dhis2MappingUpdate"];
export type Dhis2DataElementMapping = Schemas["Dhis2DataElementMapping"];
export type Dhis2OrgUnitMapping = Schemas["Dhis2OrgUnitMapping"];
export type Dhis2DryRun = Schemas["Dhis2DryRun"];
