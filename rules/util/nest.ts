/**
 * NestJS names HTTP statuses after their reason phrases: `HttpStatus.NOT_FOUND`, `NotFoundException`.
 * The phrases come from the catalog's HTTP status titles, so nothing here lists a status code.
 */
import { httpStatusEntries } from '../../schemas/catalog.js';

let byEnumName: Map<string, number> | undefined;
let byClassName: Map<string, number> | undefined;

function words(title: string): string[] {
  return title.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

function build(): void {
  byEnumName = new Map();
  byClassName = new Map();
  for (const entry of httpStatusEntries()) {
    if (entry.httpStatus === null) continue;
    const parts = words(entry.title);
    byEnumName.set(parts.map((w) => w.toUpperCase()).join('_'), entry.httpStatus);
    byClassName.set(`${parts.map((w) => w[0]?.toUpperCase() + w.slice(1).toLowerCase()).join('')}Exception`, entry.httpStatus);
  }
}

/** `NOT_FOUND` → 404 (`HttpStatus` from `@nestjs/common`). */
export function nestHttpStatus(member: string): number | undefined {
  if (!byEnumName) build();
  return byEnumName?.get(member);
}

/** `NotFoundException` → 404 (the built-in exceptions of `@nestjs/common`). */
export function nestExceptionStatus(className: string): number | undefined {
  if (!byClassName) build();
  return byClassName?.get(className);
}

/** The `HttpStatus` member name for a status, to keep a suggestion in the code's own terms. */
export function nestHttpStatusName(status: number): string | undefined {
  if (!byEnumName) build();
  for (const [name, value] of byEnumName ?? []) if (value === status) return name;
  return undefined;
}
