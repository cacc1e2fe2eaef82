import { lazy, Suspense, type ComponentProps } from 'react'
import type { EChart } from './EChart'

export type { ChartOption } from './EChart'

const LoadedEChart = lazy(async () => ({ default: (await import('./EChart')).EChart }))

/**
 * The chart as screens use it. ECharts is a chunk of its own, fetched the first time a chart is shown, so the
 * window's first screens (the trip list) never wait for it; its place is kept at the chart's height meanwhile.
 */
export function LazyEChart(props: ComponentProps<typeof EChart>) {
  const placeholder = <div aria-busy="true" style={{ width: '100%', height: props.height, ...props.style }} />
  return (
    <Suspense fallback={placeholder}>
      <LoadedEChart {...props} />
    </Suspense>
  )
}
