import { Type } from 'typebox';

export const TokenItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'Vài ký tự đầu để nhận ra khóa; phần còn lại không bao giờ được hiển thị lại' }),
  unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  role: Type.Object({ code: Type.String(), name: Type.String() }),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
export const TokenList = Type.Object({ items: Type.Array(TokenItem) });
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    unitId: Type.Integer({ minimum: 1 }),
    roleCode: Type.String({ maxLength: 50 }),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const CreatedToken = Type.Object({ token: Type.String({ description: 'Chỉ hiển thị một lần' }), item: TokenItem });
export const TokenIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
