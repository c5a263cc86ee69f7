import type { CreateMemberBody, MemberItem, UpdateMemberBody } from '../../api/members.api.ts';

/** What the member form holds: dates as ISO strings, optional texts possibly blank. */
export interface MemberFormValues {
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  cccd: string;
  phone?: string;
  ethnicity?: string;
  cardNumber?: string;
  joinedOn: string;
  cdcsUnitId?: number;
}

export const MEMBER_FORM_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'cccd',
  'phone',
  'ethnicity',
  'cardNumber',
  'joinedOn',
  'cdcsUnitId',
] as const;

const text = (v: string | undefined) => v?.normalize('NFC').trim() ?? '';
const optional = (v: string | undefined) => text(v) || null;

export function createBody(v: MemberFormValues): CreateMemberBody {
  return {
    fullName: text(v.fullName),
    gender: v.gender,
    birthDate: v.birthDate,
    cccd: text(v.cccd).replace(/\s+/g, ''),
    phone: optional(v.phone),
    ethnicity: optional(v.ethnicity),
    cardNumber: optional(v.cardNumber),
    joinedOn: v.joinedOn,
    cdcsUnitId: v.cdcsUnitId ?? 0,
  };
}

/**
 * Only what changed goes to PATCH: a masked CCCD ("0721******56") that the user did not touch
 * must never be sent back as if it were the number.
 */
export function updateBody(before: MemberItem, v: MemberFormValues): UpdateMemberBody {
  const next = createBody(v);
  const body: UpdateMemberBody = {};
  if (next.fullName !== before.fullName) body.fullName = next.fullName;
  if (next.gender !== before.gender) body.gender = next.gender;
  if (next.birthDate !== before.birthDate) body.birthDate = next.birthDate;
  if (next.cccd !== before.cccd) body.cccd = next.cccd;
  if (next.phone !== before.phone) body.phone = next.phone;
  if (next.ethnicity !== before.ethnicity) body.ethnicity = next.ethnicity;
  if (next.cardNumber !== before.cardNumber) body.cardNumber = next.cardNumber;
  if (next.joinedOn !== before.joinedOn) body.joinedOn = next.joinedOn;
  return body;
}

export function formValuesOf(m: MemberItem): MemberFormValues {
  return {
    fullName: m.fullName,
    gender: m.gender,
    birthDate: m.birthDate,
    cccd: m.cccd,
    phone: m.phone ?? '',
    ethnicity: m.ethnicity ?? '',
    cardNumber: m.cardNumber ?? '',
    joinedOn: m.joinedOn,
    cdcsUnitId: m.unit?.id,
  };
}
