/**
 * Scripted candidates for the quality harness: each is a pure function from the interviewer's turn (its
 * line, the kind of prompt and the phase) to an answer. Deterministic: variants are picked with the
 * project's seeded PRNG from the candidate id and the turn number. No Node or DOM imports (the same module
 * runs in the browser).
 *
 * - strong: STAR stories in the first person with numbers and results, technical answers with depth;
 * - weak: very short answers (a few words), now and then a skip;
 * - evasive: long but vague, "we" only, never "I", no numbers, no outcome;
 * - off-topic: talks at length about unrelated things (trips, football, cooking);
 * - jd-tech: a solid candidate who names the job description's technologies in every answer.
 */
import { createRng, hashString } from '../../src/session/rng';
import type { Candidate, CandidateId, CandidateTurn } from './types';

const pick = <T,>(id: string, turn: CandidateTurn, items: readonly T[], salt = ''): T => createRng(hashString(`${id}:${turn.index}:${salt}`)).pick(items);

type Topic = 'intro' | 'behavioural' | 'technical' | 'design' | 'coding' | 'problem' | 'candidate-questions' | 'wrap-up' | 'follow-up';

/** What kind of answer a turn calls for. */
export function topicOf(turn: CandidateTurn): Topic {
  if (turn.problemId !== undefined) return 'problem';
  if (turn.kind === 'follow-up') return 'follow-up';
  if (turn.kind === 'intro' || turn.phaseKind === 'intro') return 'intro';
  if (turn.kind === 'candidate-questions' || turn.phaseKind === 'candidate-questions') return 'candidate-questions';
  if (turn.kind === 'wrap-up' || turn.phaseKind === 'wrap-up') return 'wrap-up';
  if (turn.kind === 'coding' || turn.competencies.includes('coding')) return 'coding';
  if (turn.competencies.includes('system-design')) return 'design';
  if (turn.phaseKind === 'technical' || turn.competencies.includes('technical-depth')) return 'technical';
  return 'behavioural';
}

// ---- strong ----------------------------------------------------------------------------------------

const STRONG: Record<Exclude<Topic, 'follow-up'>, readonly string[]> = {
  intro: [
    "I'm a backend engineer with six years of experience, most recently at a logistics company where I owned the order-routing service. I led its move from a monolith to three services, mentored two junior engineers, and I'm drawn to this role because I want to work closer to payments, where correctness really matters.",
    'I studied computer science and have spent five years building APIs and data pipelines. In my current role I run the platform for our checkout flow, which handles about 2,000 requests per second at peak. I enjoy owning systems end to end, from design reviews to on-call, and this role looks like the next step for me.',
  ],
  behavioural: [
    'In my last role our release process took two days and failed often. I volunteered to own it: I mapped every manual step, I automated the checks in CI, and I ran a weekly review with the three teams involved. As a result releases dropped to 40 minutes and failed deploys fell from 12 to 2 per quarter.',
    'Last year two senior colleagues disagreed about rewriting our search service. I set up a one-hour session where each wrote down their constraints, I proposed a strangler approach that met both, and I wrote the migration plan. We shipped it in 8 weeks with no downtime, and both of them presented it together at the engineering all-hands.',
    'When I joined my current team, on-call was burning people out: 30 pages a week. I took ownership of the alerting, I deleted 40 alerts that nobody acted on, I added runbooks to the rest and I paired with each engineer on one incident. Pages dropped to 6 a week within two months, and our attrition stopped.',
    'I once shipped a pricing bug that overcharged about 300 customers for a day. I told my manager within the hour, I wrote the fix and the refund script myself, and I led the postmortem. We added a contract test that would have caught it, and since then we have had zero billing incidents in 18 months.',
    'My manager asked me to cut our cloud bill. I analysed the costs per service, I found that 60 percent came from idle staging environments, and I built a scheduler that shut them down at night. I presented the plan to four team leads, got agreement, and we saved about 25,000 dollars a year.',
    'A product manager and I disagreed about launching a feature without load testing. I explained the risk with numbers from our last incident, I offered to run a two-day test myself, and I found a connection-pool limit that would have failed at 3 times normal traffic. We fixed it, launched one week later, and the launch day had no incidents.',
    'In my previous role I led a team of four through a migration to a new message queue. I split the work into weekly milestones, I ran the risk review, and I made sure each engineer owned one consumer end to end. We finished two weeks early and message loss went from a few hundred a month to zero.',
    "I had to explain to our sales director why a feature would slip by a month. I prepared a one-page summary with three options and their trade-offs, I met her in person rather than by email, and I recommended shipping a smaller version first. She agreed, the smaller version went out on time, and it covered 80 percent of the customers' needs.",
    'At my last company I noticed new engineers took six weeks to make their first real change. I wrote an onboarding guide, I created five starter tasks, and I paired with each new hire in their first week. Time to first change dropped to eight days, and two of the new hires later said it was the reason they stayed.',
    'When our biggest customer reported slow reports, I took the investigation myself. I reproduced it with their data, I found a query doing a full table scan, and I added a composite index and a cache. Report time went from 45 seconds to under 2, and the customer renewed their contract for another 3 years.',
    'I disagreed with my tech lead about adding a new database for one feature. I wrote a short comparison of the costs, I built a prototype on our existing store in two days, and I showed it met the latency target. He agreed to try it, and we avoided running a fifth database, which saved us roughly 10 hours of operations work a month.',
    'I mentored a junior engineer who was struggling with code reviews. I set up a weekly 30-minute session, I reviewed her pull requests first with written explanations, and I gave her ownership of a small service. Within three months her reviews needed half as many rounds, and she was promoted the following year.',
  ],
  technical: [
    'I would start from the access pattern. For read-heavy data I use a B-tree index on the filtered columns, and I check the plan with EXPLAIN to confirm it is used. I watch the write cost too: each index slows inserts, so on a table taking 5,000 writes a second I keep to two or three indexes and measure p99 latency before and after.',
    'Processes have their own memory, threads share it. I use threads for concurrent work on shared state, guarded by locks or channels, and processes when I need isolation, for example to survive a crash. In one service I moved image resizing to a separate worker process, and a memory leak in the library no longer took down the API.',
    'Caching trades freshness for speed. I decide the invalidation strategy first: a time-to-live for data that can be a few seconds stale, explicit invalidation on writes for prices. I also protect against a stampede with request coalescing. In my last role that cut database load by 70 percent at peak.',
    'For a REST API I make operations idempotent where clients retry: a client-generated idempotency key stored with the result for 24 hours. I version the API in the path, return problem details for errors, and paginate with cursors instead of offsets, because offsets get slow and inconsistent on tables with millions of rows.',
    'Eventual consistency means replicas converge if writes stop. I design for it by making the user-facing reads that must be fresh go to the primary, and by showing pending states in the interface. In a payments flow I used an outbox table so the event and the database change commit together, which removed about 50 duplicate charges a month.',
    'When a service is slow I measure before changing anything: traces to find the slow span, then a profile of that component. Last year I found that 80 percent of the time went into JSON serialisation of a large object; I trimmed the payload and switched to streaming, and p95 latency dropped from 900 to 150 milliseconds.',
  ],
  design: [
    'I would clarify the scale first: say 10 million users and 2,000 writes a second. I would put a stateless API behind a load balancer, store data in a partitioned database keyed by user, and add a cache for hot reads. Writes go through a queue to smooth spikes. I would monitor queue depth and p99 latency, and plan a failover to a second region.',
    'For a rate limiter I would use a token bucket per client in a shared store such as a key-value cache, with the check done at the gateway. The bucket refills at the configured rate, and I return 429 with a retry-after header. For 50,000 requests a second I would shard the counters and accept a small overshoot rather than lock globally.',
    'For a notification system I would separate producers from delivery with a queue, then have workers per channel: email, push and SMS. Each message has an idempotency key so retries do not duplicate. I would store user preferences in a database, batch low-priority messages, and track delivery rates per provider, switching providers if failures pass 2 percent.',
  ],
  coding: [
    'I would first clarify the input size and edge cases: empty input, duplicates, negative numbers. A brute force with two nested loops is O(n squared); I would improve it with a hash map from value to index, which makes it one pass, O(n) time and O(n) space. Then I would test it with an empty array, one element and a case with duplicates.',
    'I would sort the intervals by start time, then walk through them once, merging each interval into the last one when they overlap. Sorting is O(n log n) and the walk is O(n), with O(n) space for the output. I would test touching intervals, nested ones, and a single interval.',
    'I would use two pointers, one at each end, moving the one that points at the smaller value, because that is the only move that can improve the answer. That gives O(n) time and O(1) space. I would check it on two elements, all equal heights, and a strictly increasing list.',
  ],
  problem: [
    'I submitted my solution. I clarified that the input is never empty, wrote a single pass with a hash map, ran the tests twice and fixed an off-by-one on the second run. All tests pass; it is O(n) time and O(n) space, and I would add a test for duplicate values.',
  ],
  'candidate-questions': [
    'Yes, two questions. How does the team decide what to work on each quarter, and how is on-call organised across the 3 squads? I would also like to know what success looks like for this role after the first 90 days.',
    'I would like to know how you measure the reliability of the platform today, and what the biggest technical challenge for the team will be over the next 12 months. Also, how do engineers here grow into senior and staff roles?',
  ],
  'wrap-up': [
    'Thank you, I really enjoyed this conversation. I am excited about the payments work and the ownership the team has, and I think my experience with migrations and on-call would help from the first month.',
  ],
};

const STRONG_FOLLOW_UP = [
  'My part was the plan and the rollout. I wrote the design document, I ran the review with 2 staff engineers, and I did the first migration myself, so the team had a template. In the end we measured success by error rate, which stayed under 0.1 percent, and by the 3 hours a week we saved.',
  'To give a concrete example: in March I led the cut-over of our payments queue. I wrote the runbook, I rehearsed it twice in staging, and on the night I coordinated 4 engineers. We finished in 35 minutes with no lost messages, and I measured that by reconciling 1.2 million events against the database.',
];

function strongAnswer(id: string, turn: CandidateTurn): string {
  const topic = topicOf(turn);
  if (topic === 'follow-up') {
    const base = pick(id, turn, STRONG_FOLLOW_UP);
    return turn.topic ? `With ${turn.topic} specifically, I ran it in production for 3 years. ${base}` : base;
  }
  return pick(id, turn, STRONG[topic]);
}

// ---- weak ------------------------------------------------------------------------------------------

const WEAK = [
  'I fixed a bug once.',
  'Not sure, maybe testing.',
  'I talked to my manager.',
  'I would use a cache.',
  'It went fine I think.',
  'We used Java mostly.',
  'I did the backend part.',
  'Probably an index.',
];
const WEAK_BY_TOPIC: Partial<Record<Topic, readonly string[]>> = {
  intro: ['I am a developer.', 'I write code, mostly APIs.'],
  'candidate-questions': ['No, I am good.', 'Not really, thanks.'],
  'wrap-up': ['Thanks.', 'Okay, thank you.'],
  problem: ['I submitted something.'],
};

function weakAnswer(id: string, turn: CandidateTurn): string | null {
  const topic = topicOf(turn);
  if (topic !== 'intro' && topic !== 'wrap-up' && turn.index % 6 === 5) return null; // a skip now and then
  return pick(id, turn, WEAK_BY_TOPIC[topic] ?? WEAK);
}

// ---- evasive ---------------------------------------------------------------------------------------

/** 25+ words, "we"/"our" only, no numbers, no result words: dodges ownership and outcomes. */
const EVASIVE = [
  'Well, we generally handle that sort of thing as a team. We talk it through, we look at the options together and we go with whatever the group feels is right, so it is really a shared effort rather than any one person.',
  'That is a good question. In our team we try to stay flexible about it, we usually discuss it in our planning sessions and we follow the process that the organisation has, which tends to work for us most of the time.',
  'It depends on the situation really. We would look at what the stakeholders want, we would align with our leads, and we would find a compromise that everyone is comfortable with, because our culture is very collaborative and open.',
  'We had something like that on our project. We worked on it together for a while, we kept the stakeholders informed, and we followed the usual steps that our department recommends for that kind of work, so it went along as expected.',
  'Our approach is usually pretty standard. We gather the requirements, we discuss the trade-offs as a group, we agree on a direction and then we execute on it together, adjusting as we go when new information comes in from the business.',
  'Honestly we do not do anything special there. We rely on our shared practices, we review things with each other, and we escalate to our managers when something is unclear, which keeps everyone on the same page and avoids surprises.',
];
const EVASIVE_BY_TOPIC: Partial<Record<Topic, readonly string[]>> = {
  'candidate-questions': ['We could talk about the team and how things usually work, and what the general expectations are around here, but nothing specific comes to mind right now for our conversation today, really.'],
  'wrap-up': ['Thanks, it was a nice conversation, and we covered quite a lot of ground together today, so it seems like a good fit overall from our side of things, broadly speaking.'],
};

function evasiveAnswer(id: string, turn: CandidateTurn): string {
  return pick(id, turn, EVASIVE_BY_TOPIC[topicOf(turn)] ?? EVASIVE);
}

// ---- off-topic -------------------------------------------------------------------------------------

const OFF_TOPIC = [
  'That reminds me of my trip to Lisbon last spring. I spent most of the week eating pastries and walking up those steep hills, and honestly the old yellow trams are the best way to see the city, especially early in the morning.',
  'Funny you ask, because I have been thinking about football a lot lately. My local club changed their manager and the new formation is much more attacking, although the defence looks shaky and they keep conceding from corners.',
  'I have been really into baking sourdough bread recently. The starter took ages to get going, and getting a good crust depends on steam in the oven, so I bought a cast iron pot and it made a huge difference to the loaves.',
  'Speaking of that, my neighbour adopted a rescue dog and it keeps escaping into my garden. I built a little fence out of old pallets over the weekend, painted it green, and now the dog just sits and watches me through the gaps.',
  'I watched a documentary about deep sea creatures yesterday. Some of them make their own light to attract prey, and others live near volcanic vents where the water is boiling hot, which is amazing when you think about it.',
  'My favourite hobby is hiking in the mountains. Last summer my sister and I walked a long ridge trail, the weather turned halfway and we sheltered in a tiny stone hut, eating chocolate and waiting for the fog to lift.',
];

function offTopicAnswer(id: string, turn: CandidateTurn): string {
  return pick(id, turn, OFF_TOPIC);
}

// ---- jd-tech ---------------------------------------------------------------------------------------

const JD_TEMPLATES = [
  'In my last role I moved our order service onto {a}. I wrote the deployment configuration, I tuned {b} for the new traffic pattern, and I ran the load tests myself. As a result p95 latency fell by 35 percent and we handled 3 times the peak traffic.',
  'I have used {a} daily for four years. My biggest project was a migration where I redesigned how we used {b}, I wrote the runbooks and I trained five engineers. We reduced incidents from about 10 a month to 2.',
  'When our team adopted {a}, I owned the rollout. I built a small proof of concept with {b}, I presented the trade-offs to our architects, and I migrated the first two services myself, which cut deployment time from an hour to 8 minutes.',
  'I would approach it with {a} in mind, because that is what I know best. I once debugged a production issue where {b} was the bottleneck: I profiled it, I found a misconfigured pool, and after my fix error rates dropped by 90 percent.',
];
const JD_FALLBACK_TECH = ['PostgreSQL', 'Kubernetes'];

function jdAnswer(id: string, turn: CandidateTurn): string {
  const topic = topicOf(turn);
  const kw = turn.plan.keywords.length >= 2 ? turn.plan.keywords : JD_FALLBACK_TECH;
  const a = kw[(turn.index * 2) % kw.length]!;
  const b = kw[(turn.index * 2 + 1) % kw.length]!;
  if (topic === 'follow-up' && turn.topic) {
    return `With ${turn.topic}, the hardest problem I solved was a production outage: I traced it to a configuration change, I rolled it back in 10 minutes and I wrote an automated check so it could not happen again. I have used ${turn.topic} for about 4 years.`;
  }
  if (topic === 'intro' || topic === 'candidate-questions' || topic === 'wrap-up' || topic === 'problem') {
    const base = strongAnswer(`${id}:base`, turn);
    return topic === 'problem' ? base : `${base} I have worked a lot with ${a} and ${b}.`;
  }
  return pick(id, turn, JD_TEMPLATES).replaceAll('{a}', a).replaceAll('{b}', b);
}

// ---- the candidates --------------------------------------------------------------------------------

export const CANDIDATES: readonly Candidate[] = [
  {
    id: 'strong',
    label: 'Strong',
    style: 'STAR stories in the first person with numbers and results; technical answers with depth.',
    expectsFullCoverage: true,
    answer: (turn) => strongAnswer('strong', turn),
  },
  {
    id: 'weak',
    label: 'Weak',
    style: 'Very short answers of a few words; skips now and then.',
    expectsFullCoverage: false,
    answer: (turn) => weakAnswer('weak', turn),
  },
  {
    id: 'evasive',
    label: 'Evasive',
    style: 'Long but vague: "we" only, never "I", no numbers and no outcome.',
    expectsFullCoverage: false,
    answer: (turn) => evasiveAnswer('evasive', turn),
  },
  {
    id: 'off-topic',
    label: 'Off-topic',
    style: 'Talks at length about unrelated things (trips, football, baking).',
    expectsFullCoverage: false,
    answer: (turn) => offTopicAnswer('off-topic', turn),
  },
  {
    id: 'jd-tech',
    label: 'Job-description technologies',
    style: "A solid candidate who names the job description's technologies in every answer.",
    expectsFullCoverage: true,
    answer: (turn) => jdAnswer('jd-tech', turn),
  },
];

export function candidate(id: CandidateId): Candidate {
  const c = CANDIDATES.find((x) => x.id === id);
  if (!c) throw new Error(`unknown candidate ${id}`);
  return c;
}
