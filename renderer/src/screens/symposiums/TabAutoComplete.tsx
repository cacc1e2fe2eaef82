import { AutoComplete } from 'antd'
import type { AutoCompleteProps, RefSelectProps } from 'antd'
import type { CSSProperties, Ref } from 'react'

/**
 * An AutoComplete where Tab always moves to the next field. The suggestion list would otherwise take Tab to
 * pick an option and keep the focus, which stalls someone tabbing through a form while typing; Enter, the
 * arrow keys and the mouse still pick suggestions.
 */
export function TabAutoComplete({ wrapperStyle, ref, ...props }: AutoCompleteProps & { wrapperStyle?: CSSProperties; ref?: Ref<RefSelectProps> }) {
  return (
    <div
      style={wrapperStyle}
      onKeyDownCapture={(event) => {
        if (event.key === 'Tab') event.stopPropagation()
      }}
    >
      <AutoComplete ref={ref} {...props} />
    </div>
  )
}
