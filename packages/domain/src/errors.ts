/**
 * Typed domain errors. Each carries a stable `code` from api.md; the HTTP layer maps codes to
 * statuses in one place, so the domain never speaks HTTP.
 */
export const domainErrorCodes = [
  'validation_failed',
  'invalid_date',
  'unknown_province',
  'project_exists',
  'unknown_project',
  'unknown_milestone',
  'milestone_exists',
  'milestone_cancelled',
  'milestone_achieved',
  'project_cancelled',
  'status_unchanged',
  'unknown_entry',
  'unknown_conflict',
  'conflict_resolved',
  'entry_already_retracted',
  'entry_not_retractable',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly errors: readonly FieldIssue[];

  constructor(code: DomainErrorCode, message: string, errors: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.errors = errors;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
