import { Breadcrumb } from 'antd'
import { Link } from 'react-router'
import './layout.css'

export interface Crumb {
  title: string
  /** Where the step leads; the last step (this screen) has none. */
  to?: string
  testId?: string
}

/**
 * The path above a screen's title, the same on every screen: section › record › part, each step but the last a
 * link; a long name is cut with an ellipsis and shown in full on hover.
 */
export function ScreenBreadcrumb({ items }: { items: Crumb[] }) {
  return (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={items.map((item) => ({
        title: item.to ? (
          <Link to={item.to} className="fb-crumb" title={item.title} data-testid={item.testId}>
            {item.title}
          </Link>
        ) : (
          <span className="fb-crumb" title={item.title} data-testid={item.testId}>
            {item.title}
          </span>
        ),
      }))}
    />
  )
}
