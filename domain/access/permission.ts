/**
 * Permissions are the vocabulary routes are guarded with. Roles (data, in the database) grant
 * sets of them; a route declares the one it needs and where its unit is, and one guard decides.
 */
export const PERMISSIONS = ['org.read', 'org.write'] as const;
export type Permission = (typeof PERMISSIONS)[number];
