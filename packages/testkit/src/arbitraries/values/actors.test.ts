import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  Actor,
  directAtasanOf,
  isSenior,
  isSeniorByRecord,
  jakartaDate,
  mentorshipDecider,
  personIn,
  roles,
  trackingTokenDigestOf,
} from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { arbActor, arbActorRelations, arbAsnActor, arbCitizen, arbSystemActor, arbTrackingToken } from './actors.js'
import { arbPolicyConfig } from './policy-config.js'

const settings = { seed: 20_261_208, numRuns: 300 }

describe('actor generators', () => {
  it('every actor decodes with the Actor codec as it is', () => {
    fc.assert(
      fc.property(arbActor, actor => {
        expect(Actor.decode(actor)).toEqual(E.right(actor))
      }),
      settings,
    )
  })

  it('an ASN actor holds exactly the roles asked for, or any of the roles', () => {
    fc.assert(
      fc.property(fc.subarray([...roles]), arbAsnActor(['asn', 'pyb']), arbAsnActor(), (wanted, pyb, any) => {
        expect(pyb.roles).toEqual(['asn', 'pyb'])
        expect(any.roles.every(role => roles.includes(role))).toBe(true)
        expect(new Set(any.roles).size).toBe(any.roles.length)
        expect(fc.sample(arbAsnActor(wanted), 1)[0]?.roles).toEqual(wanted)
      }),
      { ...settings, numRuns: 50 },
    )
  })

  it('an anonymous citizen carries a tracking token digest and no pseudonym; a named one a pseudonym', () => {
    fc.assert(
      fc.property(arbCitizen({ anonymous: true }), arbCitizen({ anonymous: false }), (anonymous, named) => {
        expect(anonymous.subjectId).toBeUndefined()
        expect(anonymous.trackingTokenDigest).toMatch(/^[0-9a-f]{64}$/)
        expect(named.subjectId).toMatch(/^warga-\d{4}$/)
        expect(named.trackingTokenDigest).toBeUndefined()
        expect(E.isRight(Actor.decode(anonymous)) && E.isRight(Actor.decode(named))).toBe(true)
      }),
      settings,
    )
    fc.assert(
      fc.property(arbTrackingToken, ({ token, digest }) => {
        expect(trackingTokenDigestOf(token)).toBe(digest)
      }),
      { ...settings, numRuns: 50 },
    )
  })

  it('the system acts for a named process', () => {
    fc.assert(
      fc.property(arbSystemActor, actor => {
        expect(E.isRight(Actor.decode(actor))).toBe(true)
      }),
      settings,
    )
  })

  it('a cast agrees with itself: distinct people, the atasan is the direct atasan, the mentor is senior', () => {
    fc.assert(
      fc.property(
        arbPolicyConfig().chain(config => fc.record({ config: fc.constant(config), cast: arbActorRelations(config) })),
        ({ config, cast }) => {
          const people = [cast.asn, cast.atasan, cast.pyb, cast.mentor, cast.desk]
          expect(new Set(people.map(person => person.nip)).size).toBe(5)
          for (const person of people) expect(Actor.decode(person)).toEqual(E.right(person))
          expect(directAtasanOf(cast.facts, cast.asn.nip, cast.atasan)).toBeUndefined()
          expect(directAtasanOf(cast.facts, cast.asn.nip, cast.pyb)).toBeDefined()
          expect(directAtasanOf(cast.facts, cast.atasan.nip, cast.pyb)).toBeUndefined()
          const mentor = personIn(cast.facts, cast.mentor.nip)
          const mentee = personIn(cast.facts, cast.asn.nip)
          expect(mentor !== undefined && mentee !== undefined && isSeniorByRecord(mentor, mentee, config)).toBe(true)
          expect(isSenior({ nip: cast.mentor.nip }, { nip: cast.asn.nip }, config)).toBe(true)
          for (const person of people) {
            const record = personIn(cast.facts, person.nip)
            expect(record !== undefined && record.appointedOn <= jakartaDate(cast.asOf)).toBe(true)
          }
        },
      ),
      settings,
    )
  })

  it("a cast's atasan may propose the ASN's mentorship with the cast's mentor, under the registry's facts", () => {
    fc.assert(
      fc.property(
        arbPolicyConfig().chain(config => fc.record({ config: fc.constant(config), cast: arbActorRelations(config) })),
        ({ config, cast }) => {
          const decided = mentorshipDecider(config).decide(
            {
              type: 'ProposeMentorship',
              at: cast.asOf,
              actor: cast.atasan,
              data: {
                mentorshipId: 'mentorship-1',
                form: 'mentoring',
                mentor: { nip: cast.mentor.nip },
                mentee: { nip: cast.asn.nip },
                unit: cast.unitId,
                goals: [{ goalId: 'goal-1', description: 'Menyusun laporan kegiatan secara mandiri' }],
                plannedSessions: 6,
              },
            },
            mentorshipDecider(config).initialState,
            cast.facts,
          )
          expect(E.isRight(decided) && decided.right.map(event => event.type)).toEqual(['MentorshipProposed'])
        },
      ),
      { ...settings, numRuns: 200 },
    )
  })
})
