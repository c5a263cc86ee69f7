/** A number as the allocation screen shows it, or "no data yet" where a unit has none. */
export const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? 'Chưa có số liệu' : n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
