/**
 * Where a development build keeps its data: beside the installed app's folder, never in it, so running the
 * app from the sources never migrates (or damages) the data of an installed Fieldbook. `--data-dir` and
 * FIELDBOOK_DATA_DIR still choose a folder explicitly.
 */
export function userDataFolder(installedUserData: string, isPackaged: boolean): string {
  return isPackaged ? installedUserData : `${installedUserData}-development`
}
