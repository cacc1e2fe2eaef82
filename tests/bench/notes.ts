/**
 * What the profiles said, printed under the table. Profiles were taken with
 * `node --cpu-prof --import tsx tests/bench/profile-write.ts` (write path) and a search loop over the L folder;
 * self time per frame summed from the .cpuprofile.
 */
export const NOTES = [
  '**Load.** These machines have 2 cores shared with other jobs (load average 10–14 during the last run), so ' +
    'absolute figures swing by 2–5× between runs; the baselines are measured in the same run for that reason.',
  '**Write path profile** (20,000 remarks, `node --cpu-prof`): `Store.applyRow` self time (the change-log insert ' +
    'and the row upsert inside SQLite) ≈ 15–20 %, `sqliteTransaction` (commit, fsync) ≈ 8 %, `groupByRow` ≈ 4 %, ' +
    'HLC formatting ≈ 3 %, GC ≈ 8 %. With the search index installed (as in the app) its `write`/`update`/`RowReader.get` ' +
    'frames take more than the store itself: see the "with the search-index hook" row. Each record costs two ' +
    'B-tree inserts with their indexes where the raw baseline has one (the change log with its unique ' +
    '(tbl, row_id, hlc) index), which bounds the ratio to raw near 3–4× at best. A proposal (one change-log entry ' +
    'and one upsert per local row built in one pass, no per-field merge for local edits) is in /tmp/patches/store-perf.diff.',
  '**Search.** Entries are numbered with their kind in the top byte of the rowid (electron/core/search/search-index.ts), ' +
    'so counts per kind come from `GROUP BY rowid >> 56` and each kind is ranked within its rowid range, without ' +
    'reading every match\'s stored columns; before, a term matching 18,000 entries took 300–900 ms (one rescan of ' +
    'all matches per kind). An index written with the old numbering is rebuilt once when the core opens. Words of ' +
    'one or two characters cannot use the trigram index and scan every entry with LIKE (one pass now, was one pass ' +
    'per kind): about 100–300 ms over 230,000 entries. Making those fast needs a bigram index (a second FTS5 table ' +
    'or a bigram column), which is a migration.',
]
