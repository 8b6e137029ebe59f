import { describe, it, expect } from 'vitest';
import { extractJobKeywords, findKeywords, type LexiconEntry } from '../../src/analysis/keywords';

const LEXICON: LexiconEntry[] = [
  { name: 'TypeScript', aliases: ['ts'] },
  { name: 'Node.js', aliases: ['node', 'nodejs'] },
  { name: 'Kubernetes', aliases: ['k8s'] },
  { name: 'C++', aliases: ['cpp'] },
  { name: 'C#', aliases: ['csharp'] },
  { name: 'C', aliases: [] },
  { name: 'Google Cloud', aliases: ['gcp'] },
  { name: 'PostgreSQL', aliases: ['postgres'] },
  { name: 'React', aliases: ['react.js'] },
];

const JD = `Senior Backend Engineer (Payments)

We are looking for a senior engineer to join our payments platform team. You will design and build
payment services in TypeScript on Node.js, running on Kubernetes in Google Cloud (GCP).

Responsibilities:
- Own payment services end to end, from design to monitoring.
- Improve the reliability of our payments platform and reduce incident response times.
- Work with product on reconciliation and settlement features.

Requirements:
- 5+ years of experience building backend services.
- Strong knowledge of PostgreSQL and event-driven architecture.
- Experience with monitoring and reliability practices; React is a plus.`;

describe('extractJobKeywords', () => {
  it('lists technologies first in order of appearance, then frequent content words', () => {
    expect(extractJobKeywords(JD, LEXICON)).toEqual([
      'TypeScript',
      'Node.js',
      'Kubernetes',
      'Google Cloud',
      'PostgreSQL',
      'React',
      'payments',
      'services',
      'senior',
      'backend',
      'engineer',
      'platform',
    ]);
  });

  it('respects max and never repeats a technology as a plain word', () => {
    expect(extractJobKeywords(JD, LEXICON, 8)).toEqual([
      'TypeScript',
      'Node.js',
      'Kubernetes',
      'Google Cloud',
      'PostgreSQL',
      'React',
      'payments',
      'services',
    ]);
    expect(extractJobKeywords('react react react. We use React.', LEXICON)).toEqual(['React']);
    expect(extractJobKeywords(JD, LEXICON, 0)).toEqual([]);
  });

  it('finds technologies through their aliases', () => {
    expect(extractJobKeywords('Deploy on k8s with postgres.', LEXICON)).toEqual(['Kubernetes', 'PostgreSQL']);
  });
});

describe('findKeywords', () => {
  it('matches case-insensitively, whole words and phrases', () => {
    expect(findKeywords('We moved to google  cloud and used TYPESCRIPT.', ['TypeScript', 'Google Cloud', 'Java'])).toEqual([
      'TypeScript',
      'Google Cloud',
    ]);
    expect(findKeywords('I used JavaScript.', ['Java'])).toEqual([]);
  });

  it('handles symbols: c++, c#, node.js', () => {
    expect(findKeywords('I wrote it in C++ first.', ['C++', 'C#', 'C'])).toEqual(['C++']);
    expect(findKeywords('Mostly C# these days.', ['C++', 'C#', 'C'])).toEqual(['C#']);
    expect(findKeywords('Plain C, no classes.', ['C++', 'C#', 'C'])).toEqual(['C']);
    expect(findKeywords('The API runs on Node.js.', ['Node.js'])).toEqual(['Node.js']);
    expect(findKeywords('The API runs on node.', ['Node.js'])).toEqual([]);
  });

  it('matches aliases from the lexicon', () => {
    expect(findKeywords('We run k8s and the API is in node.', ['Kubernetes', 'Node.js'], LEXICON)).toEqual([
      'Kubernetes',
      'Node.js',
    ]);
    expect(findKeywords('We run k8s.', ['Kubernetes'])).toEqual([]);
    expect(findKeywords('Some cpp code.', ['C++'], LEXICON)).toEqual(['C++']);
  });

  it('deduplicates keywords', () => {
    expect(findKeywords('react', ['React', 'react'])).toEqual(['React']);
  });
});
