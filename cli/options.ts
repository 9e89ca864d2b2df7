import { InvalidArgumentError } from 'commander';

export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function parseHttpStatus(value: string): number {
  const status = Number(value);
  if (!/^\d{3}$/.test(value) || status < 100 || status > 599) throw new InvalidArgumentError('must be an HTTP status from 100 to 599');
  return status;
}

export function parseFailOn(value: string): 'must' | 'should' {
  const lower = value.toLowerCase();
  if (lower !== 'must' && lower !== 'should') throw new InvalidArgumentError('must be "must" or "should"');
  return lower;
}

export function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}
