// The synced tables are shared with the sync server, which checks every received change against them.
export * from '../../../shared/tables'
