import { describe, it, expect } from 'vitest';
import {
  APPROACH_ANSWER,
  EMPTY_QUESTION_ANSWER,
  NEUTRAL_ANSWER,
  answerClarifyingQuestion,
  checkComplexity,
  codingScore,
  complexityDegree,
  complexityQuestion,
  findDeclarations,
  findPoorNames,
  findUnusedVariables,
  hintPenalty,
  hintsLeft,
  introduceProblem,
  nextHint,
  parseComplexityAnswer,
  reviewCode,
  stripCommentsAndStrings,
} from '../../src/coding/agent';
import type { Problem, RunResult, TestResult } from '../../src/coding/types';

const PROBLEM: Problem = {
  id: 'two-sum',
  title: 'Two Sum',
  difficulty: 'easy',
  statement:
    'Given an array of integers nums and an integer target, return the indices of the two numbers that add up to target. You may not use the same element twice. Return the indices in increasing order.\n\nIf there is no such pair, return an empty array.',
  examples: [{ input: [[2, 7, 11, 15], 9], output: [0, 1], explanation: 'nums[0] + nums[1] = 9' }],
  signature: { name: 'twoSum', params: [{ name: 'nums', type: 'number[]' }, { name: 'target', type: 'number' }], returns: 'number[]' },
  starter: {
    js: 'function twoSum(nums, target) {\n  // your code here\n}\n',
    ts: 'function twoSum(nums: number[], target: number): number[] {\n  // your code here\n  return [];\n}\n',
  },
  tests: [
    { input: [[2, 7, 11, 15], 9], expected: [0, 1] },
    { input: [[], 1], expected: [], note: 'empty array' },
    { input: [[3, 3], 6], expected: [0, 1], note: 'duplicates' },
    { input: [[-1, -2, -3], -5], expected: [1, 2], note: 'negative numbers' },
    { input: [[1, 2], 7], expected: [] },
    { input: [[5], 5], expected: [], note: 'single element' },
    { input: [[0, 4, 0], 0], expected: [0, 2] },
    { input: [[1, 5, 9], 14], expected: [1, 2] },
  ],
  compare: 'exact',
  complexity: { time: 'O(n)', space: 'O(n)' },
  hints: [
    'What do you need to know about the numbers you have already seen?',
    'For each number, the partner you need is target minus that number.',
    'Store each value and its index in a Map; look up target - nums[i] before inserting nums[i].',
  ],
  notes: [
    'The array has between 0 and 10^4 elements.',
    'Values can be negative, and the array may contain duplicates.',
    'If the array is empty or no pair exists, return an empty array.',
    'There is at most one valid pair.',
  ],
  tags: ['array', 'hash map'],
};

function result(index: number, passed: boolean, extra: Partial<TestResult> = {}): TestResult {
  const t = PROBLEM.tests[index]!;
  return { index, passed, input: t.input, expected: t.expected, actual: passed ? t.expected : null, ms: 1, console: [], ...extra };
}

function run(passedIdx: number[], extra: Partial<RunResult> = {}): RunResult {
  const results = PROBLEM.tests.map((_, i) => result(i, passedIdx.includes(i)));
  return { ok: true, results, passed: passedIdx.length, total: results.length, ms: 10, ...extra };
}

const ALL = [0, 1, 2, 3, 4, 5, 6, 7];

const GOOD_CODE = `function twoSum(nums, target) {
  const seen = new Map();
  for (let i = 0; i < nums.length; i++) {
    const partner = target - nums[i];
    if (seen.has(partner)) return [seen.get(partner), i];
    seen.set(nums[i], i);
  }
  return [];
}
`;

const NESTED_CODE = `function twoSum(nums, target) {
  for (let i = 0; i < nums.length; i++) {
    for (let j = i + 1; j < nums.length; j++) {
      if (nums[i] + nums[j] === target) return [i, j];
    }
  }
  return [];
}
`;

describe('introduceProblem', () => {
  it('gives the title, the task in two sentences and the ground rules', () => {
    const intro = introduceProblem(PROBLEM);
    expect(intro).toContain('"Two Sum"');
    expect(intro).toContain(
      'Given an array of integers nums and an integer target, return the indices of the two numbers that add up to target. You may not use the same element twice.',
    );
    expect(intro).not.toContain('Return the indices in increasing order');
    expect(intro).toContain('twoSum(nums, target)');
    expect(intro).toContain('take a moment to ask clarifying questions');
    expect(intro).toContain('run your code as often as you like');
    for (const h of PROBLEM.hints) expect(intro).not.toContain(h);
  });
});

describe('answerClarifyingQuestion', () => {
  const note = (i: number): string => `Good question. ${PROBLEM.notes[i]}`;

  it('a question about empty input finds the note mentioning empty', () => {
    expect(answerClarifyingQuestion(PROBLEM, 'What should I return if the input is empty?')).toBe(note(2));
    expect(answerClarifyingQuestion(PROBLEM, 'What about a blank array?')).toBe(note(2));
  });

  it('matches other notes by keyword overlap', () => {
    expect(answerClarifyingQuestion(PROBLEM, 'Can there be negative numbers?')).toBe(note(1));
    expect(answerClarifyingQuestion(PROBLEM, 'Are duplicates allowed?')).toBe(note(1));
    expect(answerClarifyingQuestion(PROBLEM, 'How many elements can the array have?')).toBe(note(0));
    expect(answerClarifyingQuestion(PROBLEM, 'How big can the input get?')).toBe(note(0));
    expect(answerClarifyingQuestion(PROBLEM, 'Could there be more than one valid pair?')).toBe(note(3));
  });

  it('an empty-input question also finds a size constraint', () => {
    const p = { ...PROBLEM, notes: ['Return the indices in any order.', 'The array has at least two elements.'] };
    expect(answerClarifyingQuestion(p, 'Can the array be empty?')).toBe('Good question. The array has at least two elements.');
    const q = { ...PROBLEM, notes: ['You make at most one trade.', 'Prices are integers.'] };
    expect(answerClarifyingQuestion(q, 'Can the array be empty?')).toBe(NEUTRAL_ANSWER);
  });

  it('falls back to the neutral answer below the threshold', () => {
    expect(answerClarifyingQuestion(PROBLEM, 'Is the output a string?')).toBe(NEUTRAL_ANSWER);
    expect(answerClarifyingQuestion(PROBLEM, 'Do you like coffee?')).toBe(NEUTRAL_ANSWER);
    expect(NEUTRAL_ANSWER).toBe("That's a fair question: make a reasonable assumption, state it out loud and note it in a comment.");
    expect(answerClarifyingQuestion(PROBLEM, '   ')).toBe(EMPTY_QUESTION_ANSWER);
  });

  it('never reveals hints or the solution', () => {
    expect(answerClarifyingQuestion(PROBLEM, 'Can you give me a hint?')).toBe(APPROACH_ANSWER);
    expect(answerClarifyingQuestion(PROBLEM, 'How should I solve it?')).toBe(APPROACH_ANSWER);
    const questions = ['What is the partner of each number?', 'Should I use a Map to store the index?', 'target minus number?'];
    for (const q of questions) {
      const a = answerClarifyingQuestion(PROBLEM, q);
      for (const h of PROBLEM.hints) expect(a).not.toContain(h);
    }
    const leaky = { ...PROBLEM, notes: [...PROBLEM.notes, PROBLEM.hints[2]] };
    expect(answerClarifyingQuestion(leaky, 'Should I store each value and its index in a Map?')).not.toContain('Map');
  });
});

describe('hints', () => {
  it('come in order, then run out', () => {
    expect(nextHint(PROBLEM, 0)).toEqual({ text: PROBLEM.hints[0], level: 1 });
    expect(nextHint(PROBLEM, 1)).toEqual({ text: PROBLEM.hints[1], level: 2 });
    expect(nextHint(PROBLEM, 2)).toEqual({ text: PROBLEM.hints[2], level: 3 });
    expect(nextHint(PROBLEM, 3)).toBeNull();
    expect(nextHint(PROBLEM, 7)).toBeNull();
    expect(nextHint(PROBLEM, -1)).toEqual({ text: PROBLEM.hints[0], level: 1 });
    expect([0, 1, 2, 3, 4].map(hintsLeft)).toEqual([3, 2, 1, 0, 0]);
  });

  it('cost 0.25, 0.5 and 1 point', () => {
    expect([0, 1, 2, 3, 4].map(hintPenalty)).toEqual([0, 0.25, 0.75, 1.75, 1.75]);
  });
});

describe('complexity', () => {
  it('asks for time and space', () => {
    expect(complexityQuestion()).toMatch(/time and space complexity/);
  });

  const cases: [string, string | null, string | null][] = [
    ['O(n)', 'n', null],
    ['o(n log n)', 'n log n', null],
    ['O(nlogn)', 'n log n', null],
    ['O(n * log(n))', 'n log n', null],
    ['n log n', 'n log n', null],
    ['linearithmic', 'n log n', null],
    ['linear', 'n', null],
    ['n squared', 'n^2', null],
    ['quadratic', 'n^2', null],
    ['constant', '1', null],
    ['logarithmic', 'log n', null],
    ['O(log n)', 'log n', null],
    ['O(n^2)', 'n^2', null],
    ['O(n²)', 'n^2', null],
    ['O(n**2)', 'n^2', null],
    ['O(m*n)', 'm*n', null],
    ['O(mn)', 'm*n', null],
    ['O(n*m)', 'm*n', null],
    ['O(n x m)', 'm*n', null],
    ['m times n', 'm*n', null],
    ['O(m + n)', 'm + n', null],
    ['O(n + m)', 'm + n', null],
    ['O(2n + 5)', 'n', null],
    ['O(n + n log n)', 'n log n', null],
    ['O(2^n)', '2^n', null],
    ['exponential', '2^n', null],
    ['O(n!)', 'n!', null],
    ['Θ(n)', 'n', null],
    ['O(min(m, n))', 'min(m, n)', null],
    ['O(log(min(n,m)))', 'log(min(m, n))', null],
    ['O(k * amount)', 'amount*k', null],
    ['O(n * L^2)', 'l^2*n', null],
    ['O(n * k log k)', 'k*n log k', null],
    ['big O of n squared', 'n^2', null],
    ['linear time and constant space', 'n', '1'],
    ['time O(n), space O(1)', 'n', '1'],
    ['O(n) time and O(1) space', 'n', '1'],
    ['O(1) extra space and linear time', 'n', '1'],
    ['space is O(1) and time is O(n)', 'n', '1'],
    ['The time complexity is O(n log n) and the space complexity is O(n).', 'n log n', 'n'],
    ['time and space are both O(n)', 'n', 'n'],
    ['O(n) time and space', 'n', 'n'],
    ['o of n log n time, o of one space', 'n log n', '1'],
    ['It runs in linear time, and the hash map needs O(n) memory', 'n', 'n'],
    ['O(n) and O(1)', 'n', '1'],
    ['I loop over each element one at a time, so linear', 'n', null],
    ["I'm not sure", null, null],
    ['', null, null],
  ];
  it.each(cases)('%j → time %j, space %j', (answer, time, space) => {
    expect(parseComplexityAnswer(answer)).toEqual({ time, space });
  });

  it('matches time and space separately', () => {
    const exp = { time: 'O(n)', space: 'O(1)' };
    expect(checkComplexity(exp, 'linear time and constant space')).toEqual({
      time: 'correct',
      space: 'correct',
      feedback: 'Both right: O(n) time and O(1) space.',
    });
    expect(checkComplexity(exp, 'time O(n), space O(n)')).toEqual({
      time: 'correct',
      space: 'incorrect',
      feedback: 'Time: O(n) is right. Space: you said O(n), but this problem can be solved in O(1).',
    });
    expect(checkComplexity(exp, 'n squared')).toEqual({
      time: 'incorrect',
      space: 'missing',
      feedback: "Time: you said O(n^2), but this problem can be solved in O(n). Space: you didn't say; it is O(1).",
    });
    expect(checkComplexity(exp, 'no idea')).toMatchObject({ time: 'missing', space: 'missing' });
    expect(checkComplexity({ time: 'O(n log n)', space: 'O(1)' }, 'nlogn time, constant space')).toMatchObject({ time: 'correct', space: 'correct' });
    expect(checkComplexity({ time: 'O(m*n)', space: 'O(m*n)' }, 'O(mn) for both time and space')).toMatchObject({ time: 'correct', space: 'correct' });
    expect(checkComplexity({ time: 'O(n^2)', space: 'O(1)' }, 'O(n²) time, O(1) space')).toMatchObject({ time: 'correct', space: 'correct' });
  });

  it('degree of the expected complexity', () => {
    expect(['O(1)', 'O(log n)', 'O(n)', 'O(n log n)', 'O(n + m)', 'O(m*n)', 'O(n^2)', 'O(2^n)', 'O(n!)'].map(complexityDegree)).toEqual([0, 0, 1, 1, 1, 2, 2, Infinity, Infinity]);
    expect(['O(log(min(m, n)))', 'O(min(m, n))', 'O(amount * k)', 'O(sqrt(n))'].map(complexityDegree)).toEqual([0, 1, 2, 0.5]);
  });
});

describe('code scanning helpers', () => {
  it('blanks comments and strings but keeps template expressions and line numbers', () => {
    const s = stripCommentsAndStrings('const a = "x // y"; // note\n/* b\n c */ const t = `v ${a + `${n}`}`;');
    expect(s.split('\n')).toHaveLength(3);
    expect(s).not.toContain('note');
    expect(s).not.toContain('x // y');
    expect(s).toContain('${a + `${n}`}');
  });

  it('declarations, unused variables and poor names', () => {
    const code = 'const { a, b: c, ...rest } = o;\nlet [d, , e = 1] = arr;\nlet count = 0;\ncount = 1;\nlet used = 1;\nreturn used + c + rest + d + e + a + obj.count;';
    expect(findDeclarations(code).map((d) => d.name)).toEqual(['a', 'c', 'rest', 'd', 'e', 'count', 'used']);
    expect(findUnusedVariables(code)).toEqual(['count']);
    expect(findPoorNames(code)).toEqual(['c', 'd', 'e']);
    expect(findPoorNames('let temp = 1; const data2 = 2; let i = 0; const seen = 3; function f() {}')).toEqual(['temp', 'data2', 'f']);
  });
});

describe('reviewCode', () => {
  it('praises a clean, passing solution', () => {
    const r = reviewCode(GOOD_CODE, PROBLEM, run(ALL));
    expect(r).toEqual({ points: ['All 8 tests pass. Nice work.', 'The code reads cleanly: no issues found by the review.'], score: 5 });
  });

  it('starter code scores 0', () => {
    expect(reviewCode(PROBLEM.starter.ts, PROBLEM, null)).toEqual({ points: ['No solution was written beyond the starter code.'], score: 0 });
    expect(reviewCode('', PROBLEM, null).score).toBe(0);
  });

  it('flags nested loops when the expected time is below O(n^2)', () => {
    const r = reviewCode(NESTED_CODE, PROBLEM, run(ALL));
    expect(r.score).toBe(3.5);
    expect(r.points).toContain(
      'Nested loops (line 3) make this about O(n^2), but the problem can be solved in O(n). Could a different data structure remove the inner loop?',
    );
    for (const code of [
      NESTED_CODE.replace('for (let j', 'while (j').replace('let j = i + 1; j < nums.length; j++', 'j < 3'),
      'function twoSum(nums, target) {\n  return nums.map((a) => nums.filter((b) => a + b === target));\n}',
      'function twoSum(nums, target) {\n  nums.forEach((v) => {\n    for (const w of nums) if (v + w === target) return;\n  });\n}',
      'function twoSum(nums, target) {\n  for (const v of nums) for (const w of nums) if (v === w) return [v];\n  return [];\n}',
    ]) {
      expect(reviewCode(code, PROBLEM, run(ALL)).points.some((p) => p.startsWith('Nested loops'))).toBe(true);
    }
  });

  it('does not flag nested loops when they are not nested, have a literal bound, or O(n^2) is expected', () => {
    const sequential = 'function twoSum(nums, target) {\n  for (const v of nums) {}\n  for (const w of nums) {}\n  nums.map((x) => x).filter((x) => x);\n  return [];\n}';
    const alphabet = 'function twoSum(nums, target) {\n  for (const v of nums) {\n    for (let c = 0; c < 26; c++) {}\n  }\n  return [];\n}';
    const doWhile = 'function twoSum(nums, target) {\n  let i = 0;\n  do {\n    i++;\n  } while (i < nums.length);\n  for (const v of nums) {}\n  return [];\n}';
    const commented = 'function twoSum(nums, target) {\n  for (const v of nums) {\n    // for (const w of nums) {}\n  }\n  return [];\n}';
    for (const code of [sequential, alphabet, doWhile, commented]) {
      expect(reviewCode(code, PROBLEM, run(ALL)).points.some((p) => p.startsWith('Nested loops'))).toBe(false);
    }
    const quadratic = { ...PROBLEM, complexity: { time: 'O(n^2)', space: 'O(1)' } };
    expect(reviewCode(NESTED_CODE, quadratic, run(ALL)).score).toBe(5);
    const grid = { ...PROBLEM, complexity: { time: 'O(m*n)', space: 'O(1)' } };
    expect(reviewCode(NESTED_CODE, grid, run(ALL)).score).toBe(5);
    const exponential = { ...PROBLEM, complexity: { time: 'O(2^n)', space: 'O(n)' } };
    expect(reviewCode(NESTED_CODE, exponential, run(ALL)).score).toBe(5);
  });

  it('flags three nested loops when O(n^2) is expected', () => {
    const quadratic = { ...PROBLEM, complexity: { time: 'O(n^2)', space: 'O(1)' } };
    const cubic = NESTED_CODE.replace('      if (nums[i] + nums[j] === target) return [i, j];', '      for (let k = j + 1; k < nums.length; k++) {\n        if (nums[i] + nums[j] + nums[k] === target) return [i, j, k];\n      }');
    const r = reviewCode(cubic, quadratic, run(ALL));
    expect(r.points).toContain(
      '3 levels of nested loops (line 4) make this about O(n^3), but the problem can be solved in O(n^2). Could a different data structure remove the inner loop?',
    );
    expect(r.score).toBe(3.5);
  });

  it('flags unused variables', () => {
    const code = GOOD_CODE.replace('  const seen', '  let best = -1;\n  const seen');
    const r = reviewCode(code, PROBLEM, run(ALL));
    expect(r.points).toContain('Unused variable: best. Remove it to keep the code clear.');
    expect(r.score).toBe(4.5);
    // Assigned but never read is still unused; read once is used; the entry function is never flagged.
    expect(findUnusedVariables('let x = 0; x = 2;')).toEqual(['x']);
    expect(findUnusedVariables('let x = 0; x += 2;')).toEqual([]);
    expect(findUnusedVariables('const twoSum = (nums) => nums;', ['twoSum'])).toEqual([]);
    expect(findUnusedVariables('const _ignored = 1;')).toEqual([]);
    expect(reviewCode(GOOD_CODE.replace('function twoSum', 'const twoSum = function'), PROBLEM, run(ALL)).score).toBe(5);
  });

  it('flags poor names', () => {
    const code = GOOD_CODE.replace(/seen/g, 'temp').replace(/partner/g, 'q');
    const r = reviewCode(code, PROBLEM, run(ALL));
    expect(r.points).toContain('Naming: temp, q don\'t say what they hold; a descriptive name (like "seen" or "countByValue") reads better.');
    expect(r.score).toBe(4.5);
    expect(reviewCode(GOOD_CODE.replace(/partner/g, 'x'), PROBLEM, run(ALL)).score).toBe(5);
  });

  it('flags a very long function', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `  total += ${i};`).join('\n');
    const code = `function twoSum(nums, target) {\n  let total = 0;\n${filler}\n  return [total];\n}`;
    const r = reviewCode(code, PROBLEM, run(ALL));
    expect(r.points).toContain('The function starting on line 1 is 64 lines long; splitting it into helpers would make it easier to follow.');
    expect(r.score).toBe(4);
    const short = `function twoSum(nums, target) {\n  let total = 0;\n${filler.split('\n').slice(0, 56).join('\n')}\n  return [total];\n}`;
    expect(reviewCode(short, PROBLEM, run(ALL)).score).toBe(5);
  });

  it('flags leftover console.log, but not a commented-out one', () => {
    const code = GOOD_CODE.replace('    seen.set', '    console.log(seen);\n    seen.set');
    const r = reviewCode(code, PROBLEM, run(ALL));
    expect(r.points).toContain('Remove the leftover console.log call (1) before submitting.');
    expect(r.score).toBe(4.5);
    expect(reviewCode(GOOD_CODE.replace('    seen.set', '    // console.log(seen);\n    seen.set'), PROBLEM, run(ALL)).score).toBe(5);
  });

  it('names the edge cases the failing tests exposed', () => {
    const r = reviewCode(GOOD_CODE, PROBLEM, run([0, 2, 3, 6, 7]));
    expect(r.points[0]).toBe('Your code failed on: empty array, single element (and 1 other test).');
    expect(r.points.some((p) => p.startsWith('All'))).toBe(false);
    expect(reviewCode(GOOD_CODE, PROBLEM, run([0, 1, 2, 3, 5, 6, 7])).points[0]).toBe('1 hidden test failed.');
    const timedOut = run(ALL);
    timedOut.results[0] = result(0, false, { error: 'Time limit exceeded (2000 ms)' });
    timedOut.passed = 7;
    expect(reviewCode(GOOD_CODE, PROBLEM, timedOut).points).toContain(
      'At least one test hit the time limit: look for an infinite loop or a slower-than-needed approach.',
    );
  });

  it('reports compile errors and missing runs', () => {
    const broken: RunResult = { ok: false, compileError: { message: 'Unexpected token', line: 3 }, results: [], passed: 0, total: 8, ms: 0 };
    expect(reviewCode(GOOD_CODE, PROBLEM, broken).points[0]).toBe("The code didn't compile (line 3): Unexpected token");
    expect(reviewCode(GOOD_CODE, PROBLEM, null).points[0]).toBe(
      "You didn't run your code before submitting: running it against the tests catches mistakes early.",
    );
  });

  it('stacks deductions and never goes below 0', () => {
    const messy = NESTED_CODE.replace('  for (let i', '  let temp = 0;\n  console.log(1);\n  for (let i');
    expect(reviewCode(messy, PROBLEM, run(ALL)).score).toBe(5 - 1.5 - 0.5 - 0.5 - 0.5);
  });
});

describe('codingScore', () => {
  it('perfect round', () => {
    expect(
      codingScore({ passed: 8, total: 8, hintsUsed: 0, runs: 3, complexity: { time: 'correct', space: 'correct' }, review: { score: 5 } }),
    ).toEqual({
      score: 5,
      basis:
        'tests 8/8 passed: 3 of 3; complexity time correct, space correct: 1 of 1; code review 5/5: 1 of 1; 0 hints: -0; 3 runs (free). Total 5 of 5.',
    });
  });

  it('partial credit, hints and rounding', () => {
    // 3 × 5/8 = 1.875; time right 0.5; review 4/5 → 0.8; one hint −0.25 → 2.925 → 2.9
    const s = codingScore({ passed: 5, total: 8, hintsUsed: 1, runs: 12, complexity: { time: 'correct', space: 'incorrect' }, review: { score: 4 } });
    expect(s.score).toBe(2.9);
    expect(s.basis).toBe(
      'tests 5/8 passed: 1.88 of 3; complexity time correct, space incorrect: 0.5 of 1; code review 4/5: 0.8 of 1; 1 hint: -0.25; 12 runs (free). Total 2.9 of 5.',
    );
    // Runs don't change the score.
    expect(codingScore({ passed: 5, total: 8, hintsUsed: 1, runs: 0, complexity: { time: 'correct', space: 'incorrect' }, review: { score: 4 } }).score).toBe(2.9);
    // All hints: 3 + 1 + 1 − 1.75
    expect(codingScore({ passed: 8, total: 8, hintsUsed: 3, runs: 1, complexity: { time: 'correct', space: 'correct' }, review: { score: 5 } }).score).toBe(3.3);
  });

  it('clamps to 0 and handles nothing run', () => {
    const s = codingScore({ passed: 0, total: 0, hintsUsed: 3, runs: 0, complexity: null, review: null });
    expect(s.score).toBe(0);
    expect(s.basis).toBe('tests 0/0 passed: 0 of 3; complexity not discussed: 0 of 1; code review not done: 0 of 1; 3 hints: -1.75; 0 runs (free). Total 0 of 5.');
    expect(codingScore({ passed: 12, total: 8, hintsUsed: 0, runs: 1, complexity: null, review: null }).score).toBe(3);
  });
});

describe('clarifications never give away the expected complexity', () => {
  it('skips notes that mention big-O or a target', async () => {
    const { answerClarifyingQuestion: answer } = await import('../../src/coding/agent');
    const problems = (await import('../../src/coding/data/problems.json')).default as unknown as Problem[];
    for (const p of problems) {
      for (const q of ['What complexity should I aim for?', 'Is O(n) fine?', 'What is the target time?']) {
        expect(answer(p, q)).not.toMatch(/O\s*\(/);
      }
    }
  });
});
