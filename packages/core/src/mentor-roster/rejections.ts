import { type Rejection, type RejectionCode, rejectionCatalog } from '../kernel/index.js'

/** Every rejection of the mentor roster decider: its code, English message and Indonesian term. */
export const mentorRosterRejections = rejectionCatalog({
  'actor-not-allowed': { message: (who: string) => `Only ${who} may do this`, term: 'tidak berwenang' },
  'mentorship-released': {
    message: (mentorshipId: string) =>
      `Mentorship "${mentorshipId}" has completed, ended or been declined: no place can be reserved for it`,
    term: 'mentoring sudah berakhir',
  },
})

/** Every reason the mentor roster decider refuses a command: a closed set of stable codes. */
export type MentorRosterRejectionCode = RejectionCode<typeof mentorRosterRejections>

/** Why the mentor roster decider refused a command. */
export type MentorRosterRejection = Rejection<MentorRosterRejectionCode>
