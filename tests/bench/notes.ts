import { loadavg } from 'node:os'

/**
 * What the profiles said, printed under the table. Profiles were taken with `node --cpu-prof --import tsx` on
 * the measure in question (tests/bench/profile-write.ts for the write path) and self time summed per frame.
 */
export function benchNotes(): string[] {
  const [one, five] = loadavg()
  return [
    `**Load.** 2 cores, load average ${one!.toFixed(1)} (1 min) and ${five!.toFixed(1)} (5 min) when the run ended; ` +
      'figures swing between runs on a shared machine, so every baseline is measured in the same run and the ' +
      'write path takes the best of interleaved rounds.',
    '**Write path.** SQLite itself sets the floor: each record is a row with its per-field clocks plus one ' +
      'change-log entry with its identity index and the outbox index, which plain SQL alone writes in the time of ' +
      'the "floor" row. The JavaScript on top (checking each value against its column, grouping by row, one clock per ' +
      'row, building the statements\' arguments) is the rest; the profile shows it spread over `applyLocalRow`, ' +
      '`groupByRow` and garbage collection, with no single hot spot left. In the app the search index is updated in ' +
      'the same transaction (the "with the search-index hook" row): FTS5 inserts of trigrams and of single characters ' +
      'and pairs.',
    '**Search.** Two FTS5 indexes share one numbering of entries (kind, then creation time): trigrams for words of ' +
      'three or more characters, single characters and adjacent pairs (and short Latin words) for shorter ones. Counts ' +
      'come from one query per kind; hits are title matches first, then newest, without a ranking pass over every ' +
      'match; highlights and excerpts are built only for the hits returned. A folder indexed by an older version is ' +
      'rebuilt once when it is opened (about 18 s at L).',
    '**Renderer.** Timed inside the page (route change → first row of the enterprise list in the DOM → next frame). ' +
      'About a third is the `enterprise.overview` query and its JSON, the rest carrying the answer to the page and ' +
      'drawing the virtualised table; the list asks for its data on its first render.',
  ]
}
