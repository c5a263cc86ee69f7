import { Type, type Static } from 'typebox';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const RoleRef = Type.Object({ code: Type.String(), name: Type.String() });

export const CurrentUser = Type.Object({
  user: Type.Object({
    id: Type.Union([Type.Integer(), Type.Null()]),
    username: Type.String(),
    fullName: Type.String(),
    mustChangePassword: Type.Boolean(),
  }),
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String() }),
  roles: Type.Array(RoleRef),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});

export const Ok = Type.Object({ ok: Type.Boolean(), message: Type.String() });

export type CurrentUser = Static<typeof CurrentUser>;
