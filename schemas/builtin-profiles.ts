/**
 * The profiles shipped in `schemas/catalog/`: the Kubernetes `Status`, a JSON envelope, RFC 9457
 * problem details, the default error bodies of web frameworks, each proven on the real framework by
 * a test under test/api/, and the errors of two public APIs (GitHub REST, Stripe).
 */
export const BUILTIN_PROFILES = ['kubernetes', 'envelope', 'problem', 'fastapi', 'fastify', 'nestjs', 'github', 'stripe'] as const;
export type BuiltinProfileName = (typeof BUILTIN_PROFILES)[number];

export const isBuiltinProfileName = (name: string): name is BuiltinProfileName => (BUILTIN_PROFILES as readonly string[]).includes(name);

/** `--profile auto`: the built-in profile the first error bodies of a run fit (probe --openapi, validate). */
export const AUTO_PROFILE = 'auto';
