import { describe, it, expect } from 'vitest';
import { splitSentences, SentenceStream, MAX_SENTENCE_CHARS } from '../../src/media/sentences';

describe('splitSentences: basic ends', () => {
  it.each<[string, string[]]>([
    ['Hello world. How are you? I am fine!', ['Hello world.', 'How are you?', 'I am fine!']],
    ['One sentence without a full stop', ['One sentence without a full stop']],
    ['Really?! Yes. Wow!!! OK?', ['Really?!', 'Yes.', 'Wow!!!', 'OK?']],
    ['What? no way.', ['What?', 'no way.']],
    ['He asked "why?" and left. OK.', ['He asked "why?" and left.', 'OK.']],
    ['  Leading and trailing space.   Second one.  ', ['Leading and trailing space.', 'Second one.']],
    ['Line one.\nLine two.', ['Line one.', 'Line two.']],
    ['Tell me about a project.The end', ['Tell me about a project.The end']],
    ['', []],
    ['   \n\t ', []],
    ['... ! ?', []],
  ])('%j', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(splitSentences('She said "Stop!" Then she left.')).toEqual(['She said "Stop!"', 'Then she left.']);
    expect(splitSentences('Did he ask "why?" He did.')).toEqual(['Did he ask "why?"', 'He did.']);
    expect(splitSentences("He shouted 'no!' and left. Then quiet.")).toEqual(["He shouted 'no!' and left.", 'Then quiet.']);
    expect(splitSentences('It worked (mostly.) Next question.')).toEqual(['It worked (mostly.)', 'Next question.']);
    expect(splitSentences('“Why this role?” That is my question.')).toEqual(['“Why this role?”', 'That is my question.']);
    expect(splitSentences('He said “fine.” Then we moved on.')).toEqual(['He said “fine.”', 'Then we moved on.']);
  });

  it('joins lines of one sentence and collapses white space', () => {
    expect(splitSentences('Walk me through\n  your   last project. Thanks.')).toEqual(['Walk me through your last project.', 'Thanks.']);
  });

  it('ends a sentence at a blank line and at a list item', () => {
    expect(splitSentences('Title\n\nBody text here. More.')).toEqual(['Title', 'Body text here.', 'More.']);
    expect(splitSentences('Consider:\n- latency\n- cost\n- risk')).toEqual(['Consider:', '- latency', '- cost', '- risk']);
    expect(splitSentences('1. First item\n2. Second item')).toEqual(['1. First item', '2. Second item']);
  });

  it('splits full-width (CJK) sentence ends without spaces', () => {
    expect(splitSentences('你好。请介绍一下你自己！谢谢')).toEqual(['你好。', '请介绍一下你自己！', '谢谢']);
  });
});

describe('splitSentences: no split at abbreviations, numbers and domains', () => {
  it.each<[string, string[]]>([
    ['Mr. Smith met Dr. Jones. They talked.', ['Mr. Smith met Dr. Jones.', 'They talked.']],
    ['Mrs. Lee and Ms. Park joined. Prof. Chen too.', ['Mrs. Lee and Ms. Park joined.', 'Prof. Chen too.']],
    ['Use a tool, e.g. Jest, for that. Then stop.', ['Use a tool, e.g. Jest, for that.', 'Then stop.']],
    ['Pick one, i.e. The best one. Done.', ['Pick one, i.e. The best one.', 'Done.']],
    ['We use e.g., i.e., and etc. all the time. Fine.', ['We use e.g., i.e., and etc. all the time.', 'Fine.']],
    ['React vs. Vue is a debate. Pick one.', ['React vs. Vue is a debate.', 'Pick one.']],
    ['Apples, pears, etc. are fruit. Yes.', ['Apples, pears, etc. are fruit.', 'Yes.']],
    ['We sold apples, pears, etc. Then we closed.', ['We sold apples, pears, etc.', 'Then we closed.']],
    ['I served in the U.S. Army for years. Then I left.', ['I served in the U.S. Army for years.', 'Then I left.']],
    ['I moved to the U.S.A. In 2010.', ['I moved to the U.S.A. In 2010.']],
    ['It took 1.5 days. Then 2.25 more.', ['It took 1.5 days.', 'Then 2.25 more.']],
    ['Costs rose by 3.5%. Revenue too.', ['Costs rose by 3.5%.', 'Revenue too.']],
    ['We shipped v2.0 last week. Version 10.4.1 is next.', ['We shipped v2.0 last week.', 'Version 10.4.1 is next.']],
    ['We upgraded to v2.0. It was smooth.', ['We upgraded to v2.0.', 'It was smooth.']],
    ['Visit example.com for details. Or www.test.org.uk today.', ['Visit example.com for details.', 'Or www.test.org.uk today.']],
    ['See https://example.com/a.html now. Thanks.', ['See https://example.com/a.html now.', 'Thanks.']],
    ['The site is example.com. Check it.', ['The site is example.com.', 'Check it.']],
    ['Mail me at jo.doe@mail.example.com. Bye.', ['Mail me at jo.doe@mail.example.com.', 'Bye.']],
    ['John F. Kennedy was president. Next.', ['John F. Kennedy was president.', 'Next.']],
    ['Neither did I. We moved on.', ['Neither did I.', 'We moved on.']],
    ['See No. 5 and fig. 3 for details. Done.', ['See No. 5 and fig. 3 for details.', 'Done.']],
    ['The answer is no. Then we moved on.', ['The answer is no.', 'Then we moved on.']],
    ['It starts at 9 a.m. Please be on time.', ['It starts at 9 a.m.', 'Please be on time.']],
    ['Meet at 9 a.m. sharp. Thanks.', ['Meet at 9 a.m. sharp.', 'Thanks.']],
    ['She has a Ph.D. in physics. Nice.', ['She has a Ph.D. in physics.', 'Nice.']],
    ['It weighs approx. five kilos. OK.', ['It weighs approx. five kilos.', 'OK.']],
    ['Smith et al. found this. Really.', ['Smith et al. found this.', 'Really.']],
    ['He works at Acme Inc. on tools. Good.', ['He works at Acme Inc. on tools.', 'Good.']],
    ['He works at Acme Inc. He likes it.', ['He works at Acme Inc.', 'He likes it.']],
    ['St. Louis is nice. Yes.', ['St. Louis is nice.', 'Yes.']],
  ])('%j', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});

describe('splitSentences: ellipses', () => {
  it.each<[string, string[]]>([
    ['I was thinking… maybe not. OK.', ['I was thinking… maybe not.', 'OK.']],
    ['I was thinking... maybe we should. OK.', ['I was thinking... maybe we should.', 'OK.']],
    ['Well... I guess so.', ['Well...', 'I guess so.']],
    ['Hmm… What now?', ['Hmm…', 'What now?']],
    ['It took 3... 4 hours.', ['It took 3... 4 hours.']],
    ['And then…', ['And then…']],
    ['Wait...? Really.', ['Wait...?', 'Really.']],
  ])('%j', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});

describe('splitSentences: long sentences', () => {
  const LONG =
    'When I joined the company the billing system was a monolith that nobody wanted to touch, deploys took a whole day and failed about one time in three; ' +
    'I proposed splitting it into three services, wrote the migration plan with the two other leads and ran it over six months without downtime.';

  it('splits a sentence over the limit at the clause boundary nearest the middle', () => {
    expect(LONG.length).toBeGreaterThan(MAX_SENTENCE_CHARS);
    const parts = splitSentences(LONG);
    expect(parts).toEqual([
      'When I joined the company the billing system was a monolith that nobody wanted to touch, deploys took a whole day and failed about one time in three;',
      'I proposed splitting it into three services, wrote the migration plan with the two other leads and ran it over six months without downtime.',
    ]);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(parts.join(' ')).toBe(LONG);
  });

  it('leaves sentences at or under the limit alone', () => {
    const s = `${'word, '.repeat(36)}end.`.slice(-MAX_SENTENCE_CHARS);
    const atLimit = `A${s.slice(1)}`;
    expect(atLimit.length).toBe(MAX_SENTENCE_CHARS);
    expect(splitSentences(atLimit)).toEqual([atLimit]);
  });

  it('splits at a spaced dash and keeps it with the first part', () => {
    const a = 'We rebuilt the onboarding flow for new enterprise customers over the summer with a team of four engineers';
    const b = 'and it cut the time to first value for every new customer from two weeks to three days, which the sales team still talks about.';
    const parts = splitSentences(`${a} — ${b}`);
    expect(`${a} — ${b}`.length).toBeGreaterThan(MAX_SENTENCE_CHARS);
    expect(parts).toEqual([`${a} —`, b]);
  });

  it('does not split inside numbers like 1,000 or at a URL colon', () => {
    const text =
      'We served 1,000,000 requests per day from https://api.example.com without a single outage during the launch week and the following quarter ' +
      'while the traffic kept growing and the team kept shrinking because of the hiring freeze that the company announced that spring.';
    const parts = splitSentences(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join(' ')).toBe(text);
    expect(parts.some((p) => p.includes('1,000,000'))).toBe(true);
    expect(parts.some((p) => p.includes('https://api.example.com'))).toBe(true);
  });

  it('splits a very long sentence recursively and falls back to a word boundary without punctuation', () => {
    const noPunct = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ') + '.';
    const parts = splitSentences(noPunct);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(parts.join(' ')).toBe(noPunct);
  });

  it('does not produce tiny pieces', () => {
    const text = `Well, ${'this is a long clause without commas that just keeps going '.repeat(5)}end.`;
    for (const p of splitSentences(text)) expect(p.length).toBeGreaterThanOrEqual(20);
  });
});

describe('SentenceStream', () => {
  const SAMPLES = [
    'Mr. Smith met Dr. Jones at 5 p.m. They talked. We use tools, e.g. Jest, i.e. a test runner. React vs. Vue is a debate.',
    'She said "Stop!" Then she left. Did he ask "why?" He did. Version v2.0 shipped, see example.com. It took 1.5 days.',
    'I was thinking… maybe not. Well... I guess so. Hmm... what now?!',
    'Title\n\nBody text here. More.\n- item one\n- item two\n3. three\nEnd',
    'When I joined the company the billing system was a monolith that nobody wanted to touch, deploys took a whole day and failed about one time in three; I proposed splitting it into three services, wrote the migration plan with the two other leads and ran it over six months without downtime. Short one.',
    'We sold apples, pears, etc. Then we closed. I served in the U.S. Army. John F. Kennedy. Neither did I. The end',
    '你好。请介绍一下你自己！谢谢',
    'Trailing space after the end.   ',
  ];

  function streamed(text: string, chunks: number[]): string[] {
    const s = new SentenceStream();
    const out: string[] = [];
    let i = 0;
    let k = 0;
    while (i < text.length) {
      const n = chunks[k++ % chunks.length] ?? 1;
      out.push(...s.push(text.slice(i, i + n)));
      i += n;
    }
    out.push(...s.flush());
    return out;
  }

  it.each(SAMPLES.map((t, i) => [i, t] as const))('sample %i: any chunking equals one-shot', (_i, text) => {
    const expected = splitSentences(text);
    expect(streamed(text, [1])).toEqual(expected);
    expect(streamed(text, [2])).toEqual(expected);
    expect(streamed(text, [3, 1, 4, 1, 5, 9, 2, 6])).toEqual(expected);
    expect(streamed(text, [7])).toEqual(expected);
    expect(streamed(text, [text.length])).toEqual(expected);
    // Token-like chunks: words with their leading space.
    const s = new SentenceStream();
    const out = (text.match(/\s*\S+/g) ?? []).flatMap((t) => s.push(t));
    expect([...out, ...s.flush()]).toEqual(expected);
  });

  it('equals one-shot on random texts built from tricky pieces, with random chunking', () => {
    // Deterministic PRNG (mulberry32) so a failure is reproducible.
    let seed = 12345;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const PIECES = [
      'Hello', 'world', 'Mr.', 'Dr.', 'e.g.', 'i.e.', 'U.S.', 'etc.', 'vs.', '1.5', 'v2.0', 'example.com', 'a.m.', 'No.', '5',
      'I', 'we', 'The', 'then', '.', '!', '?', '…', '...', '"', "'", '(', ')', '?"', "!'", ',', ';', ' — ', '\n', '\n\n',
      '- item', '2.', 'Why?', 'OK.', 'so', 'Smith.', 'It', 'and', '你好。', '谢谢！',
    ];
    for (let n = 0; n < 300; n++) {
      const len = 5 + Math.floor(rand() * 60);
      let text = '';
      for (let k = 0; k < len; k++) text += PIECES[Math.floor(rand() * PIECES.length)]! + (rand() < 0.8 ? ' ' : '');
      const expected = splitSentences(text);
      const stream = new SentenceStream();
      const got: string[] = [];
      for (let i = 0; i < text.length; ) {
        const step = 1 + Math.floor(rand() * 12);
        got.push(...stream.push(text.slice(i, i + step)));
        i += step;
      }
      got.push(...stream.flush());
      expect(got, JSON.stringify(text)).toEqual(expected);
    }
  });

  it('returns a sentence as soon as the next one starts', () => {
    const s = new SentenceStream();
    expect(s.push('Hello')).toEqual([]);
    expect(s.push(' world.')).toEqual([]); // could still be "world.com" or more dots
    expect(s.push(' ')).toEqual([]); // could still be an abbreviation-like case: the next letter decides
    expect(s.push('How')).toEqual(['Hello world.']);
    expect(s.push(' are you?')).toEqual([]);
    expect(s.push(' Fine')).toEqual(['How are you?']);
    expect(s.flush()).toEqual(['Fine']);
    expect(s.flush()).toEqual([]);
  });

  it('holds back at an abbreviation until the next word decides', () => {
    const s = new SentenceStream();
    expect(s.push('Ask Mr. ')).toEqual([]);
    expect(s.push('Smith. ')).toEqual([]);
    expect(s.push('Then')).toEqual(['Ask Mr. Smith.']);
    expect(s.pending.trim()).toBe('Then');
  });

  it('emits at a blank line without waiting for more text', () => {
    const s = new SentenceStream();
    expect(s.push('Heading\n\n')).toEqual(['Heading']);
  });

  it('ignores empty pushes and flushes an empty stream to nothing', () => {
    const s = new SentenceStream();
    expect(s.push('')).toEqual([]);
    expect(s.flush()).toEqual([]);
  });
});
