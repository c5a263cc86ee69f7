/** "Công đoàn cơ sở May Đại Phong" → "cong doan co so may dai phong": how officers type on a phone or an old keyboard. */
export function stripVietnameseAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
