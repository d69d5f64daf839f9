import {
  type Actor,
  type CompetencyCommand,
  type ComplaintInput,
  type EnrollmentCommand,
  type MentorshipCommand,
  type OrganisationCommand,
  type PersonnelInput,
  type Role,
} from '@pembina/core'

/**
 * Who may send a command over HTTP: an ASN (any, or holding one of the roles), a citizen, a system process. A coarse
 * check at the door; the deciders make the fine rules (only the direct atasan approves, only the complainant rates).
 * A command no one may send is the reactor's own (the policies send it).
 */
export interface Permission {
  readonly asn?: 'any' | readonly Role[]
  readonly citizen?: true
  readonly system?: true
}

const anyAsn: Permission = { asn: 'any' }
const pyb: Permission = { asn: ['pyb'] }
const reactorOnly: Permission = {}

/** The permission of every command of every aggregate served: a command type added to a codec must be listed here. */
export const permissions = {
  unit: { EstablishUnit: pyb, AddPosition: pyb, DissolveUnit: pyb } satisfies Record<
    OrganisationCommand['type'],
    Permission
  >,
  asn: {
    AppointAsn: pyb,
    MoveAsn: pyb,
    PromoteAsn: pyb,
    AssignAtasan: pyb,
    RenewContract: pyb,
    RecordDeparture: pyb,
    UpdatePersonalDetails: pyb,
  } satisfies Record<PersonnelInput['type'], Permission>,
  enrollment: {
    OpenOffering: anyAsn,
    RequestPlace: anyAsn,
    ApprovePlace: anyAsn,
    DeclinePlace: anyAsn,
    WithdrawPlace: anyAsn,
    StartOffering: anyAsn,
    RecordAttendance: anyAsn,
    RecordAssessment: anyAsn,
    ConcludePlace: anyAsn,
    CancelOffering: anyAsn,
    CloseOffering: anyAsn,
  } satisfies Record<EnrollmentCommand['type'], Permission>,
  mentorship: {
    ProposeMentorship: anyAsn,
    AcceptMentorship: anyAsn,
    ConfirmMentorship: reactorOnly,
    RefuseMentorship: reactorOnly,
    DeclineMentorship: anyAsn,
    LogSession: anyAsn,
    MarkGoalAchieved: anyAsn,
    CompleteMentorship: anyAsn,
    EndMentorship: anyAsn,
  } satisfies Record<MentorshipCommand['type'], Permission>,
  competency: {
    RegisterProfile: anyAsn,
    ChangePosition: anyAsn,
    SetCompetencyStandard: anyAsn,
    AssessCompetency: anyAsn,
    CreditLearning: anyAsn,
    PlanDevelopment: anyAsn,
    RecommendDevelopment: reactorOnly,
    RecordPolicyParticipation: anyAsn,
    RecordContract: anyAsn,
  } satisfies Record<CompetencyCommand['type'], Permission>,
  complaint: {
    FileComplaint: { citizen: true, asn: ['admin-pengaduan'] },
    VerifyComplaint: anyAsn,
    RequestCompletion: anyAsn,
    SupplyCompletion: { citizen: true, asn: 'any' },
    DeclareNotInAuthority: anyAsn,
    ArchiveComplaint: anyAsn,
    DisposeComplaint: anyAsn,
    RecordFollowUp: anyAsn,
    DecideComplaint: anyAsn,
    NotifyComplainant: anyAsn,
    RateSatisfaction: { citizen: true },
    CheckDeadlines: { system: true },
    EscalateToOmbudsman: { citizen: true, asn: 'any' },
    CloseComplaint: anyAsn,
  } satisfies Record<ComplaintInput['type'], Permission>,
} as const

/** Whether an actor passes a permission. */
export const permits = (permission: Permission, actor: Actor): boolean => {
  switch (actor.kind) {
    case 'asn': {
      const { asn } = permission
      return asn === 'any' || (asn !== undefined && asn.some(role => actor.roles.includes(role)))
    }
    case 'citizen':
      return permission.citizen === true
    case 'system':
      return permission.system === true
  }
}

/** The reads (the read models) are for ASN only: they name civil servants and units' complaint records. */
export const mayRead = (actor: Actor): boolean => actor.kind === 'asn'
