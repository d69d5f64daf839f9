// The rebuild benchmark's baseline: offering rosters computed by hand in one pass over the stored rows, as a program
// without the library would: JSON.parse of each event's data, a switch on its type, documents mutated in place in a
// Map. It must give exactly the documents of the offering-rosters projection (the benchmark checks that it does).

/** A place on a hand-built roster, mutated in place. */
interface Place {
  nip: string
  atasanNip: string
  nominated: boolean
  status: string
  requestedAt: string
  changedAt: string
  reason: string | null
  notCompleted: string | null
  attendedDays: number | null
  sessionDays: number | null
  score: number | null
}

/** A hand-built roster, mutated in place. */
export interface Roster {
  offeringId: string
  title: string
  provider: string
  venue: string
  form: string
  competency: unknown
  jp: number
  minutes: number
  capacity: number
  start: string
  end: string
  status: string
  openedAt: string
  startedAt: string | null
  endedAt: string | null
  takingPart: number
  waiting: number
  fillRate: number
  places: Place[]
}

/** The fields of an event's data the rosters read, as JSON.parse gives them (unchecked, as a hand-written program has). */
interface Data {
  readonly at: string
  readonly offeringId: string
  readonly nip: string
  readonly atasanNip: string
  readonly nominated: boolean
  readonly title: string
  readonly provider: string
  readonly venue: string
  readonly form: string
  readonly competency: unknown
  readonly jp: number
  readonly minutes: number
  readonly capacity: number
  readonly schedule: { readonly start: string; readonly end: string }
  readonly reason?: string
  readonly score?: number
  readonly attendedDays: number
  readonly sessionDays: number
}

const placeOf = (roster: Roster, nip: string): Place | undefined => roster.places.find(place => place.nip === nip)

const recount = (roster: Roster): void => {
  let takingPart = 0
  let waiting = 0
  for (const place of roster.places) {
    if (place.status === 'approved' || place.status === 'completed' || place.status === 'not-completed') takingPart++
    if (place.status === 'pending') waiting++
  }
  roster.takingPart = takingPart
  roster.waiting = waiting
  roster.fillRate = Math.min(1, takingPart / roster.capacity)
}

const opened = (data: Data): Roster => ({
  offeringId: data.offeringId,
  title: data.title,
  provider: data.provider,
  venue: data.venue,
  form: data.form,
  competency: data.competency,
  jp: data.jp,
  minutes: data.minutes,
  capacity: data.capacity,
  start: data.schedule.start,
  end: data.schedule.end,
  status: 'open',
  openedAt: data.at,
  startedAt: null,
  endedAt: null,
  takingPart: 0,
  waiting: 0,
  fillRate: 0,
  places: [],
})

const requested = (roster: Roster, data: Data): void => {
  const place: Place = {
    nip: data.nip,
    atasanNip: data.atasanNip,
    nominated: data.nominated,
    status: 'pending',
    requestedAt: data.at,
    changedAt: data.at,
    reason: null,
    notCompleted: null,
    attendedDays: null,
    sessionDays: null,
    score: null,
  }
  const places = roster.places.filter(other => other.nip !== data.nip)
  places.push(place)
  places.sort((a, b) => (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0))
  roster.places = places
}

/** Applies one stored event (its type and parsed data) to the rosters. */
export const applyToRosters = (rosters: Map<string, Roster>, type: string, data: Data): void => {
  const roster = rosters.get(data.offeringId)
  if (roster === undefined) {
    if (type === 'OfferingOpened') rosters.set(data.offeringId, opened(data))
    return
  }
  const place = placeOf(roster, data.nip)
  switch (type) {
    case 'PlaceRequested':
      requested(roster, data)
      break
    case 'PlaceApproved':
      if (place !== undefined) {
        place.status = 'approved'
        place.changedAt = data.at
      }
      break
    case 'PlaceDeclined':
    case 'PlaceWithdrawn':
      if (place !== undefined) {
        place.status = type === 'PlaceDeclined' ? 'declined' : 'withdrawn'
        place.changedAt = data.at
        place.reason = data.reason ?? null
      }
      break
    case 'OfferingStarted':
      if (roster.status === 'open') roster.status = 'started'
      roster.startedAt = data.at
      break
    case 'AssessmentRecorded':
      if (place !== undefined) place.score = data.score ?? null
      break
    case 'PlaceCompleted':
    case 'PlaceNotCompleted':
      if (place !== undefined) {
        place.status = type === 'PlaceCompleted' ? 'completed' : 'not-completed'
        place.notCompleted = type === 'PlaceNotCompleted' ? (data.reason ?? null) : null
        place.changedAt = data.at
        place.attendedDays = data.attendedDays
        place.sessionDays = data.sessionDays
        place.score = data.score ?? place.score
      }
      break
    case 'OfferingCancelled':
      roster.status = 'cancelled'
      roster.endedAt = data.at
      for (const other of roster.places)
        if (other.status === 'pending' || other.status === 'approved') {
          other.status = 'cancelled'
          other.changedAt = data.at
          other.reason = data.reason ?? null
        }
      break
    case 'OfferingClosed':
      roster.status = 'closed'
      roster.endedAt = data.at
      break
    default:
      break
  }
  recount(roster)
}
