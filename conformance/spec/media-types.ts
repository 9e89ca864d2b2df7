/** `application/json`, `application/problem+json`, `application/json; charset=utf-8`: bodies a JSON parser reads. */
export const isJsonMediaType = (mediaType: string): boolean => /^application\/(?:[\w.!#$&^-]+\+)?json\s*(?:;.*)?$/i.test(mediaType.trim());

/** The type and subtype alone, lower case: parameters do not change what the body is. */
export const essenceOf = (mediaType: string): string => mediaType.split(';')[0]!.trim().toLowerCase();
