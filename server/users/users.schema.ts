import { Type, type Static } from 'typebox';

const Username = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{2,63}$',
  description: 'Chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang; 3–64 ký tự',
});
const Email = Type.String({ maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' });
const Phone = Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' });

export const UserItem = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  roles: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Boolean(),
  isDisabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  manageable: Type.Boolean({
    description: 'Bạn có thể sửa, khóa, mở khóa, đặt lại mật khẩu tài khoản này (bạn có đủ mọi quyền của tài khoản đó)',
  }),
});

export const UserList = Type.Object({ items: Type.Array(UserItem), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const CreateUserBody = Type.Object(
  {
    username: Username,
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    unitId: Type.Integer({ minimum: 1 }),
    roles: Type.Array(Type.String({ maxLength: 50 }), { minItems: 1, maxItems: 10 }),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    roles: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { minItems: 1, maxItems: 10 })),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
  },
  { additionalProperties: false },
);

export const UserWithPassword = Type.Object({
  user: UserItem,
  temporaryPassword: Type.String({ description: 'Chỉ hiển thị một lần; người dùng phải đổi khi đăng nhập lần đầu' }),
});

export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const RoleItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  isBuiltin: Type.Boolean(),
});
export const RoleList = Type.Object({ items: Type.Array(RoleItem) });

export type UserItem = Static<typeof UserItem>;
export type CreateUserBody = Static<typeof CreateUserBody>;
export type UpdateUserBody = Static<typeof UpdateUserBody>;
