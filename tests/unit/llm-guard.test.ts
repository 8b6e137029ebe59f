/**
 * The output guard (src/llm/guard.ts) on adversarial model outputs: what a small language model really
 * writes when it misbehaves — chat-template tokens, speaker labels, the candidate's part, meta-text,
 * loops, overlong or question-less replies, leaked answers and repeats. Each case either becomes a clean
 * interviewer line or is rejected with the right reason (and the turn then falls back to the scripted
 * interviewer).
 */
import { describe, expect, it } from 'vitest';
import { STOP_SEQUENCES, cleanModelText, guardInterviewerLine, isLooping, similarity, type GuardReason } from '../../src/llm/guard';

const Q = 'What did you measure to know the migration had worked?';

function accepted(raw: string, opts?: Parameters<typeof guardInterviewerLine>[1]): string {
  const r = guardInterviewerLine(raw, opts);
  if (!r.ok) throw new Error(`rejected (${r.reason}: ${r.detail}): ${JSON.stringify(raw)}`);
  return r.text;
}
function rejected(raw: string, opts?: Parameters<typeof guardInterviewerLine>[1]): GuardReason {
  const r = guardInterviewerLine(raw, opts);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(r.text)} from ${JSON.stringify(raw)}`);
  expect(r.detail.length).toBeGreaterThan(0);
  return r.reason;
}

describe('a clean line', () => {
  it('is accepted unchanged', () => {
    expect(guardInterviewerLine(Q)).toEqual({ ok: true, text: Q });
  });

  it('an acknowledgement before the question is kept', () => {
    expect(accepted(`Thanks for walking me through that. ${Q}`)).toBe(`Thanks for walking me through that. ${Q}`);
  });
});

describe('role tags and special tokens', () => {
  it('ChatML end tokens around the line are removed', () => {
    expect(accepted(`${Q}<|im_end|>`)).toBe(Q);
    expect(accepted(`<|im_start|>${Q}<|im_end|>\n<|im_start|>user`)).toBe(Q);
  });

  // Regression: the role header after "<|im_start|>" ends with a newline, not a colon; it used to leave
  // "assistant What…?" (fixed in guard.ts with ROLE_HEADER).
  it('a ChatML role header ("<|im_start|>assistant\\n") does not leave the role name in the line', () => {
    expect(accepted(`<|im_start|>assistant\n${Q}<|im_end|>`)).toBe(Q);
  });

  // Regression (same cause): Llama 3 headers "<|start_header_id|>assistant<|end_header_id|>\n\n".
  it('a Llama 3 role header does not leave the role name in the line', () => {
    expect(accepted(`<|start_header_id|>assistant<|end_header_id|>\n\n${Q}<|eot_id|>`)).toBe(Q);
  });

  it('Llama 2 / Mistral [INST] and <<SYS>> markers and </s> are removed', () => {
    expect(accepted(`[INST] ${Q} [/INST]`)).toBe(Q);
    expect(accepted(`<<SYS>>${Q}<</SYS>></s>`)).toBe(Q);
    expect(accepted(`<s>${Q}</s>`)).toBe(Q);
  });

  it('XML-like role tags are removed', () => {
    expect(accepted(`<assistant>${Q}</assistant>`)).toBe(Q);
  });

  it('a leading speaker label is stripped: plain, bold, and other labels', () => {
    expect(accepted(`Interviewer: ${Q}`)).toBe(Q);
    expect(accepted(`**Interviewer:** ${Q}`)).toBe(Q);
    expect(accepted(`__Interviewer__: ${Q}`)).toBe(Q);
    expect(accepted(`Assistant: ${Q}`)).toBe(Q);
    expect(accepted(`Follow-up question: ${Q}`)).toBe(Q);
    expect(accepted(`Next question - ${Q}`)).toBe(Q);
    expect(accepted(`Interviewer: Question: ${Q}`)).toBe(Q);
  });

  it('a line of only special tokens is empty', () => {
    expect(rejected('<|im_end|>')).toBe('empty');
    expect(rejected('<|eot_id|><|eot_id|>')).toBe('empty');
  });
});

describe("the model continuing with the candidate's part", () => {
  it('is cut at a new speaker label, on a new line or on the same line', () => {
    expect(accepted(`${Q}\nCandidate: We measured latency and it dropped.`)).toBe(Q);
    expect(accepted(`${Q} Candidate: We measured latency.`)).toBe(Q);
    expect(accepted(`${Q}\n**Candidate:** Latency.`)).toBe(Q);
    expect(accepted(`${Q}\nUser: I measured it.`)).toBe(Q);
    expect(accepted(`${Q}\nInterviewee: I measured it.`)).toBe(Q);
  });

  it('a reply that is only the candidate speaking is rejected (nothing of the interviewer left)', () => {
    expect(rejected('Candidate: I think it went well, we shipped it on time.')).toBe('meta');
  });

  it('the engines get stop strings for the candidate turn and the chat-template ends', () => {
    for (const s of ['\nCandidate:', '\nUser:', '<|im_end|>', '<|eot_id|>', '</s>']) expect(STOP_SEQUENCES).toContain(s);
  });

  // Regression: a speaker label counts only at the start of a line or a sentence; "… to a user: …" in the
  // middle of a question used to cut it and reject it as 'no-question'.
  it('a question that merely contains "user:" mid-sentence is not cut', () => {
    const line = 'How would you explain the trade-off to a user: simply or in detail?';
    expect(accepted(line)).toBe(line);
  });
});

describe('empty and whitespace', () => {
  it('empty text is rejected as empty', () => {
    expect(rejected('')).toBe('empty');
  });
  it('whitespace only is rejected as empty', () => {
    expect(rejected('   \n\t  \n')).toBe('empty');
  });
  it('a question too short to be one ("Why?") is rejected', () => {
    expect(rejected('Why?')).toBe('empty');
    expect(rejected('ok?')).toBe('empty');
  });
});

describe('meta-text', () => {
  it('only meta-text is rejected as meta', () => {
    expect(rejected('As an AI language model, I cannot conduct interviews.')).toBe('meta');
    expect(rejected("I'm an AI and these instructions say I must ask questions.")).toBe('meta');
  });

  it('a meta sentence before or after the question is dropped, the question kept', () => {
    expect(accepted(`As an AI, I will keep this short. ${Q}`)).toBe(Q);
    expect(accepted(`${Q} I hope this helps!`)).toBe(Q);
    expect(accepted(`Let me know if you need anything else. ${Q}`)).toBe(Q);
    expect(accepted(`Here's my next question. ${Q}`)).toBe(Q);
  });

  it('an opener such as "Sure!" or "Certainly," is stripped', () => {
    expect(accepted(`Sure! ${Q}`)).toBe(Q);
    expect(accepted(`Certainly, ${Q}`)).toBe(Q);
    expect(accepted(`Of course. ${Q}`)).toBe(Q);
  });

  // Regression: "Here is a follow-up question: <question>" is one sentence, and the whole of it used to be
  // dropped as meta-text (reason 'meta'); the preamble goes, the question stays.
  it('"Sure! Here is a follow-up question: …" keeps the question', () => {
    expect(accepted(`Sure! Here is a follow-up question: ${Q}`)).toBe(Q);
  });
  it('"Here is my next question:" on its own line keeps the question on the next line', () => {
    expect(accepted(`Here is my next question:\n${Q}`)).toBe(Q);
  });

  it('"(Note: …)" is stripped, before or after the question, closed or not', () => {
    expect(accepted(`(Note: I kept it to one question.) ${Q}`)).toBe(Q);
    expect(accepted(`${Q} (Note: this probes impact.)`)).toBe(Q);
    expect(accepted(`${Q} (note: this probes impact`)).toBe(Q);
    expect(accepted(`${Q}\nNote: the candidate seems nervous.`)).toBe(Q);
  });
});

describe('repetition', () => {
  it('a word loop is rejected', () => {
    expect(rejected('What what what what did you do?')).toBe('repetition');
    expect(rejected('the the the the the')).toBe('repetition');
  });

  it('a phrase loop is rejected', () => {
    expect(rejected('Tell me more tell me more tell me more about the project?')).toBe('repetition');
    expect(rejected(`${Q} ${Q} ${Q}`)).toBe('repetition');
  });

  it('a long low-variety ramble is rejected', () => {
    const ramble = 'I see you and the team and the team and you and the code and the team and you and the code and you and the team and the code and you?';
    expect(isLooping(ramble)).toBe(true);
    expect(rejected(ramble)).toBe('repetition');
  });

  it('a long preamble repeating a sentence is rejected even when a question follows', () => {
    const s = 'You talked about the migration and the rollout and the customers. ';
    expect(rejected(`I see. ${s.repeat(3)}${Q}`)).toBe('repetition');
  });

  it('a character-level loop without spaces is rejected ("ilityilityilityility")', () => {
    expect(rejected('What is your responsibilityilityilityility?')).toBe('repetition');
    expect(isLooping('ilityilityilityility')).toBe(true);
  });

  // Regression: the character-level pattern used to need four copies, so "ilityilityility" passed.
  it('a three-copy character loop ("ilityilityility") is rejected', () => {
    expect(isLooping('ilityilityility')).toBe(true);
    expect(rejected('What is your responsibilityilityility?')).toBe('repetition');
  });

  it('ordinary questions are not loops', () => {
    for (const line of [Q, 'Can you tell me about a time you had to push back on a deadline, and what happened?', 'What did you do, and what did the team do?']) {
      expect(isLooping(line), line).toBe(false);
    }
  });
});

describe('length', () => {
  const longQuestion =
    'Thinking about the incident you described, where the payments service started timing out during the holiday peak and the on-call rota was already stretched thin because two engineers were away, ' +
    'and considering that you had to coordinate with the database administrators, the vendor support desk, and the product managers who were asking for hourly updates while customers complained on social media, ' +
    'which single decision made the biggest difference?';

  it('an overlong question is rejected as too-long', () => {
    expect(longQuestion.length).toBeGreaterThan(360);
    expect(isLooping(longQuestion)).toBe(false);
    expect(rejected(longQuestion)).toBe('too-long');
  });

  it('maxChars is configurable', () => {
    expect(rejected(Q, { maxChars: 20 })).toBe('too-long');
    expect(accepted(longQuestion, { maxChars: 1000 })).toBe(longQuestion);
  });

  it('a long text after the first question is dropped, not counted', () => {
    const tail =
      ' This matters because reliability, cost and latency all depend on it. The on-call rota was stretched, two engineers were away, ' +
      'the vendor support desk answered slowly, product managers wanted hourly updates, and customers were complaining loudly on social media all weekend long, ' +
      'and finance asked what the outage had cost.';
    expect(`${Q}${tail}`.length).toBeGreaterThan(360);
    expect(accepted(`${Q}${tail}`)).toBe(Q);
  });
});

describe('questions', () => {
  it('a reply without a question mark is rejected by default', () => {
    expect(rejected('Tell me about your last project.')).toBe('no-question');
  });

  it('requireQuestion: false accepts a statement', () => {
    expect(accepted('Tell me about your last project.', { requireQuestion: false })).toBe('Tell me about your last project.');
  });

  it('of two questions only the first is kept (one question at a time)', () => {
    expect(accepted('What did you build? And how did you test it?')).toBe('What did you build?');
    expect(accepted(`Thanks. ${Q} Also, who else was involved?`)).toBe(`Thanks. ${Q}`);
  });
});

describe('answer leaks', () => {
  it.each([
    'A good answer would be to mention caching. What would you do?',
    'An ideal answer covers indexes. How would you speed up the query?',
    'You could say that you improved latency. What happened next?',
    'You should mention the rollback plan. What did you do?',
    'For example, you could describe a conflict with a peer. Can you think of one?',
    'The correct answer is a hash map. What data structure would you use?',
    'Here is the solution: use a heap. Which heap would you pick?',
    'The solution is to cache the results. Why might that help?',
    'Here is a sample answer: I led the team. Can you give yours?',
  ])('rejects %j as a leak', (line) => {
    expect(rejected(line)).toBe('leak');
  });

  it('an ordinary question that talks about answers is not a leak', () => {
    expect(accepted('How did your manager answer when you raised it?')).toBe('How did your manager answer when you raised it?');
  });
});

describe('repeats of earlier lines', () => {
  const previous = ["Thanks, that's helpful. Tell me about a time you disagreed with your manager.", 'Can you tell me about a time you disagreed with your manager?'];

  it('an exact repeat is rejected, whatever the case and punctuation', () => {
    expect(rejected('Can you tell me about a time you disagreed with your manager?', { previousPrompts: previous })).toBe('repeat');
    expect(rejected('CAN YOU TELL ME ABOUT A TIME YOU DISAGREED WITH YOUR MANAGER ?', { previousPrompts: previous })).toBe('repeat');
  });

  it('a near-duplicate (one word changed) is rejected', () => {
    expect(similarity('Could you tell me about a time you disagreed with your manager?', previous[1]!)).toBeGreaterThanOrEqual(0.8);
    expect(rejected('Could you tell me about a time you disagreed with your manager?', { previousPrompts: previous })).toBe('repeat');
  });

  it('a different question is not a repeat', () => {
    const line = 'What did you do when the release slipped by a week?';
    expect(similarity(line, previous[1]!)).toBeLessThan(0.5);
    expect(accepted(line, { previousPrompts: previous })).toBe(line);
  });

  // Regression: with whole-line similarity only (0.63 here), the same question behind a different
  // acknowledgement used to pass; the question sentences are compared too.
  it('the same question behind a different acknowledgement is a repeat', () => {
    const only = [previous[0]!];
    expect(rejected('Got it. Can you tell me about a time you disagreed with your manager?', { previousPrompts: only })).toBe('repeat');
  });

  it('similarity is symmetric, 1 for the same words and 0 for nothing in common or an empty side', () => {
    expect(similarity('a b c', 'c b a')).toBe(1);
    expect(similarity('alpha beta', 'gamma delta')).toBe(0);
    expect(similarity('', 'gamma')).toBe(0);
    const a = 'What was your role in it?';
    const b = 'What was the outcome in the end?';
    expect(similarity(a, b)).toBe(similarity(b, a));
  });
});

describe('wrapping quotes and Markdown', () => {
  it('straight, curly and single wrapping quotes are removed', () => {
    expect(accepted(`"${Q}"`)).toBe(Q);
    expect(accepted(`“${Q}”`)).toBe(Q);
    expect(accepted(`'${Q}'`)).toBe(Q);
  });

  it('quotes inside the line are kept', () => {
    const line = 'You said "we shipped it late". What was your part in that?';
    expect(accepted(line)).toBe(line);
  });

  it('bold, italics, headings, bullets and block quotes are stripped', () => {
    expect(accepted('**What** did you _learn_ from it?')).toBe('What did you learn from it?');
    expect(accepted('- What did you learn from it?')).toBe('What did you learn from it?');
    expect(accepted('> What did you learn from it?')).toBe('What did you learn from it?');
    expect(accepted('### What did you learn from it?')).toBe('What did you learn from it?');
  });

  it('code blocks are removed (an interviewer line never shows code)', () => {
    expect(accepted('```python\nprint(sorted(xs))\n```\nWhat does this print?')).toBe('What does this print?');
    expect(accepted('What would you change here? ```js\nfor (;;) {}')).toBe('What would you change here?');
  });
});

describe('cleanModelText (streamed captions)', () => {
  it('cleans without rejecting: partial text, no question needed', () => {
    expect(cleanModelText('<|im_start|>Interviewer: Thanks for')).toBe('Thanks for');
    expect(cleanModelText('**Thanks.** So')).toBe('Thanks. So');
    expect(cleanModelText('')).toBe('');
  });

  it('drops meta sentences and the candidate part', () => {
    expect(cleanModelText(`As an AI, I can help. ${Q}\nCandidate: yes`)).toBe(Q);
  });
});
