import { Select, type SelectProps } from 'antd';

/**
 * A choice of a filter bar that may be cleared: `undefined` is "every …" (the placeholder then
 * says so) and is left out of the query. The registry sectors and agreement classes, Tổng quan's
 * document and status.
 */
export function ChoiceFilter<T extends string | number>({
  value,
  onChange,
  placeholder,
  width,
  options,
  testId,
  ...select
}: {
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  placeholder: string;
  width: number;
  options: { value: T; label: string }[];
  testId?: string;
} & Pick<SelectProps, 'popupMatchSelectWidth' | 'aria-label'>) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={onChange}
      style={{ width }}
      options={options}
      data-testid={testId}
      {...select}
    />
  );
}
