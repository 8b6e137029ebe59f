/**
 * TypeScript → JavaScript for the sandbox, with sucrase (types stripped, no type checking).
 *
 * Imported lazily by the sandbox worker (`await import('./sandbox/transpile')`) only when a run is in
 * TypeScript, so JavaScript-only sessions never download sucrase. Sucrase keeps every statement on its
 * original line, so runtime error lines still point into the candidate's TypeScript source.
 */
import { transform } from 'sucrase';

export interface TranspileError {
  message: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

export type TranspileResult = { code: string } | { error: TranspileError };

export type TranspileTs = (code: string) => TranspileResult;

export const transpileTs: TranspileTs = (code) => {
  try {
    return { code: transform(code, { transforms: ['typescript'], disableESTransforms: true }).code };
  } catch (e) {
    const err = e as { name?: unknown; message?: unknown; loc?: { line?: unknown; column?: unknown } };
    const name = typeof err.name === 'string' && err.name ? err.name : 'SyntaxError';
    // Sucrase appends the position to the message: "Unexpected token (2:13)". Keep it out of the text.
    const raw = typeof err.message === 'string' ? err.message : String(e);
    const message = `${name}: ${raw.replace(/\s*\(\d+:\d+\)\s*$/, '')}`;
    const line = typeof err.loc?.line === 'number' ? err.loc.line : undefined;
    // Sucrase columns are 0-based; QuickJS's (and editors') are 1-based.
    const column = typeof err.loc?.column === 'number' ? err.loc.column + 1 : undefined;
    return { error: { message, line, column } };
  }
};
