/**
 * Whether removing `removed` takes the logged-in user (`me`) out of the project for good: they
 * removed themselves and are no administrator (administrators keep every project).
 */
export function leavesProject(removed: string, me: string | undefined, admin: boolean): boolean {
  return me !== undefined && removed === me && !admin;
}
