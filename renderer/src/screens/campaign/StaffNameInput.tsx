import { AutoComplete, Input, type InputRef } from 'antd'
import { useMemo, type Ref } from 'react'
import type { Staff } from '../../../../shared/schemas/staff'
import { useRecords } from '../../api/records'

/** The staff directory, for forms that name our people: suggestions while typing, and the person of a name. */
export function useStaffDirectory() {
  const staff = useRecords('staff', {})
  return useMemo(() => {
    const people = staff.data ?? []
    return {
      people,
      /** The person of exactly this name, if the directory has one. */
      byName: (name: string | undefined): Staff | undefined => people.find((person) => person.name === (name ?? '').trim()),
    }
  }, [staff.data])
}

/**
 * A name field that suggests people from the staff directory as one types; picking one hands the person over so
 * the form can fill in the position and department. Typing a name not in the directory is fine.
 */
export function StaffNameInput({
  ref,
  ...props
}: {
  value?: string
  onChange?: (value: string) => void
  onPick?: (person: Staff) => void
  ref?: Ref<InputRef>
  placeholder?: string
  ariaLabel: string
}) {
  const { people } = useStaffDirectory()
  const typed = (props.value ?? '').trim()
  const options = useMemo(
    () =>
      typed
        ? people
            .filter((person) => person.name.includes(typed) && person.name !== typed)
            .slice(0, 8)
            .map((person) => ({ value: person.id, label: person.position ? `${person.name}（${person.position}）` : person.name }))
        : [],
    [people, typed],
  )
  return (
    <AutoComplete
      value={props.value ?? ''}
      options={options}
      onChange={(value: string) => {
        const person = people.find((p) => p.id === value)
        props.onChange?.(person ? person.name : value)
      }}
      onSelect={(value: string) => {
        const person = people.find((p) => p.id === value)
        if (person) props.onPick?.(person)
      }}
    >
      <Input ref={ref} placeholder={props.placeholder} aria-label={props.ariaLabel} maxLength={100} />
    </AutoComplete>
  )
}
