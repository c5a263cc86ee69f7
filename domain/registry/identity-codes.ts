/**
 * Vietnamese identity numbers as the registries validate them.
 *
 * CCCD (căn cước công dân, 12 digits): 3 digits of the province where the birth was registered
 * (the 63 pre-2025 province codes, which stay valid after the merger), 1 digit for gender and
 * century (0/1 male/female born 1900–1999, 2/3 born 2000–2099), 2 digits of the birth year, and
 * 6 random digits (Thông tư 59/2021/TT-BCA).
 *
 * Mã số thuế (tax code): 10 digits whose last is a check digit, optionally followed by "-" and 3
 * digits for a dependent unit (chi nhánh).
 */
export const CCCD_PROVINCES: Record<string, string> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'TP. Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export type Gender = 'male' | 'female';

/** Returns null when valid, else the Vietnamese reason. Gender and birth date are cross-checked when known. */
export function cccdProblem(cccd: string, person: { gender?: Gender | null; birthDate?: string | null } = {}): string | null {
  if (!/^\d{12}$/.test(cccd)) return 'Số CCCD phải gồm đúng 12 chữ số.';
  if (!CCCD_PROVINCES[cccd.slice(0, 3)]) return `Số CCCD có mã tỉnh "${cccd.slice(0, 3)}" không tồn tại.`;
  const genderCentury = Number(cccd[3]);
  if (genderCentury > 5) return 'Chữ số thứ tư của số CCCD (giới tính, thế kỷ sinh) không hợp lệ.';
  const century = 1900 + 100 * Math.floor(genderCentury / 2);
  const gender: Gender = genderCentury % 2 === 0 ? 'male' : 'female';
  if (person.gender && person.gender !== gender) return 'Số CCCD không khớp với giới tính.';
  if (person.birthDate) {
    const year = Number(person.birthDate.slice(0, 4));
    if (century + Number(cccd.slice(4, 6)) !== year) return 'Số CCCD không khớp với năm sinh.';
  }
  return null;
}

/** The CCCD a person born in `birthYear` with `gender` in province `provinceCode` would carry (demo data). */
export function composeCccd(provinceCode: string, gender: Gender, birthYear: number, serial: number): string {
  const centuryDigit = 2 * Math.floor((birthYear - 1900) / 100) + (gender === 'female' ? 1 : 0);
  return `${provinceCode}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${String(serial % 1_000_000).padStart(6, '0')}`;
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export function taxCheckDigit(first9: string): number | null {
  const sum = TAX_WEIGHTS.reduce((s, w, i) => s + w * Number(first9[i]), 0);
  const digit = 10 - (sum % 11);
  return digit === 10 ? null : digit; // such a prefix has no valid tax code
}

export function taxCodeProblem(code: string): string | null {
  const m = /^(\d{10})(?:-(\d{3}))?$/.exec(code);
  if (!m) return 'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số (đơn vị phụ thuộc).';
  const base = m[1]!;
  if (taxCheckDigit(base.slice(0, 9)) !== Number(base[9])) return `Mã số thuế ${code} sai chữ số kiểm tra.`;
  if (m[2] === '000') return 'Mã đơn vị phụ thuộc của mã số thuế không được là 000.';
  return null;
}

/** Vietnamese mobile and landline numbers, stored as digits with a leading 0. */
export function normalizePhone(raw: string): string | null {
  let digits = raw.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}
