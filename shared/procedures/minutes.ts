/** Procedures of this area, merged into `procedures` in shared/contract.ts. */
export const minutesProcedures = {} as const
