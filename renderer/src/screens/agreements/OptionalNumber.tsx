import { InputNumber, type InputNumberProps } from 'antd'

/** A count or amount where 0 means "none": shown empty rather than as a 0 the user must delete first. */
export function OptionalNumber({ value, onChange, ...rest }: Omit<InputNumberProps<number>, 'value' | 'onChange'> & { value?: number | null; onChange?: (value: number) => void }) {
  return <InputNumber<number> {...rest} value={value === 0 ? null : value} onChange={(next) => onChange?.(next ?? 0)} />
}
