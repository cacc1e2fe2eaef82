import { BarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useEffect, useRef, type CSSProperties } from 'react'

// Only what the charts use, so the bundle stays small. SVG: crisp text at any zoom, and no canvas taint issues
// under the strict CSP (ECharts builds DOM nodes and styles; it never evaluates code).
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export type ChartOption = echarts.EChartsCoreOption

export const CHART_FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"

/**
 * An ECharts chart that follows its container's size and is disposed with the component. `option` replaces the
 * previous one whole, so pass a memoised object to avoid redrawing on every render.
 */
export function EChart(props: {
  option: ChartOption
  height: number
  ariaLabel: string
  style?: CSSProperties
  testId?: string
  /** A click on a data item (a bar): its index in the category axis. */
  onItemClick?: (dataIndex: number) => void
}) {
  const { option, height, ariaLabel, style, testId } = props
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | undefined>(undefined)
  const onItemClick = useRef(props.onItemClick)
  useEffect(() => {
    onItemClick.current = props.onItemClick
  }, [props.onItemClick])

  useEffect(() => {
    const element = container.current
    if (!element) return
    const instance = echarts.init(element, null, { renderer: 'svg' })
    chart.current = instance
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') onItemClick.current?.(params.dataIndex)
    })
    let frame = 0
    // Resizing inside the observer's callback can trigger another notification in the same frame; wait a frame.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        if (!instance.isDisposed()) instance.resize()
      })
    })
    observer.observe(element)
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      instance.dispose()
      chart.current = undefined
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: CHART_FONT }, ...option }, { notMerge: true })
  }, [option])

  return <div ref={container} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height, ...style }} />
}
