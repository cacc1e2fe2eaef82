/** The English file must have exactly the keys of the Chinese one (the compiler checks, a test checks too). */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
