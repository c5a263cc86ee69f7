import { Type } from 'typebox';

/**
 * A number or null in a request, as one nullable type — never a union. The app's Ajv coerces
 * types, and in an anyOf each branch coerces in turn: number first turns a null ("no figure",
 * "clear this") into 0, null first turns a 0 into null. With `nullable` Ajv coerces only a value
 * that is neither, so 0 stays 0 and null stays null (OpenAPI 3.0's nullable).
 */
export const NullableInteger = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: 'integer', nullable: true, ...options });

export const NullableNumber = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Unsafe<number | null>({ type: 'number', nullable: true, ...options });
